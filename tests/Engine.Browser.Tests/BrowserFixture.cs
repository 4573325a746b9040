using Microsoft.Extensions.DependencyInjection;

namespace Engine.Browser.Tests;

/// <summary>
/// One engine on a Kestrel port and one headless Debian chromium, shared by the test classes of one
/// collection; each test opens its own browser contexts (its own cookies), which is cheap. The two
/// collections run side by side (one per core), each with its own engine, data and browser.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public EngineServer Engine { get; } = new();
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public string ScreenshotsPath { get; } = Path.Combine(TestRepository.Root, "artifacts", "screenshots");

    /// <summary>Per theme: an idea with named and anonymous comments and a reply, and an anonymous idea.</summary>
    public Dictionary<string, (long Discussed, long Anonymous)> Ideas { get; } = [];

    /// <summary>Per theme: a big idea made from last year's (closed) challenge, and a duplicate merged into the discussed idea.</summary>
    public Dictionary<string, (long BigIdea, long Merged)> Theming { get; } = [];

    public async Task InitializeAsync()
    {
        // Never skip quietly and never download a browser: say what to install.
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException(
                $"The browser tests drive Debian's chromium at {ChromiumPath}, which is not installed. " +
                "Install it with `apt-get install -y chromium` (.ci/run does this in CI); Playwright never downloads a browser here.");
        var axe = Path.Combine(TestRepository.Root, "node_modules", "axe-core", "axe.min.js");
        if (!File.Exists(axe))
            throw new InvalidOperationException($"{axe} is missing: run `npm ci` at the repository root (the Build target does).");
        _ = ClearedScreenshots.Value;

        Engine.Start();
        foreach (var site in EngineServer.Sites) Ideas[site.Theme] = await SeedAsync(site);
        foreach (var site in EngineServer.Sites) Theming[site.Theme] = await SeedThemingAsync(site, Ideas[site.Theme].Discussed);

        Assertions.SetDefaultExpectTimeout(15_000);
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                // Offline by design: every name but the engine's *.localhost hosts fails to resolve, so nothing
                // (such as the NHS fonts on assets.nhs.uk) is fetched from outside the machine. Done in the
                // browser rather than with Playwright routes, which would send every request through this process
                // and switch off the HTTP cache.
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE *.localhost",
            ],
        });
    }

    private async Task<(long, long)> SeedAsync(Site site)
    {
        using var author = await ApiMember.RegisterAsync(Engine, site, "Sam Seeder");
        using var reader = await ApiMember.RegisterAsync(Engine, site, "Riley Reader");
        var discussed = await author.PostIdeaAsync("Text patients their place on the waiting list",
            "It would free up the phones. Patients told us:\n\n- they ring to ask where they are\n- a weekly text would do\n\nSee [the NHS website](https://www.nhs.uk/) for how waiting lists work.");
        var anonymous = await author.PostIdeaAsync("Open the discharge lounge at 8am", "Beds would be free before the morning rush.", anonymous: true);
        var comment = await reader.CommentAsync(discussed, "Yes please: our clinic gets twenty calls a day about this.");
        await reader.CommentAsync(discussed, "The ward staff would welcome it too.", anonymous: true);
        await author.CommentAsync(discussed, "Thank you! A pilot starts next month.", parentId: comment);
        await reader.VoteAsync(discussed, 1);
        await reader.VoteAsync(anonymous, -1);
        return (discussed, anonymous);
    }

    /// <summary>
    /// Ideas stored straight into last year's challenge (closed, so nobody can post there any more), grouped into a
    /// theme in a big idea, and a duplicate merged: the public pages theming adds, with an anonymous source idea.
    /// </summary>
    private async Task<(long, long)> SeedThemingAsync(Site site, long discussed)
    {
        var services = Engine.Services;
        var now = DateTimeOffset.UtcNow;
        var author = (await services.GetRequiredService<Core.Members.IMemberStore>().SearchAsync(site.TenantId, "Sam Seeder", 1)).Single();
        var lastYear = (await services.GetRequiredService<Core.Challenges.IChallengeStore>().FindBySlugAsync(site.TenantId, "last-year"))!;
        var ideas = services.GetRequiredService<Core.Ideas.IIdeaStore>();
        Core.Moderation.Admission As(bool anonymous) => new(new Core.Moderation.Authorship(author.Id, null, anonymous), Core.Moderation.ModerationState.Published, null);
        var named = await ideas.AddAsync(site.TenantId, lastYear.Id, As(false), new("Video clinics for follow-ups", "Saves a day off work."), now.AddDays(-350));
        var hidden = await ideas.AddAsync(site.TenantId, lastYear.Id, As(true), new("Phone before cancelling a clinic", "So nobody travels for nothing."), now.AddDays(-350));
        var theming = services.GetRequiredService<Core.BigIdeas.IThemingStore>();
        var theme = await theming.AddThemeAsync(site.TenantId, lastYear.Id, "Fewer wasted journeys", "Ideas that save patients a trip.", now);
        await theming.AddIdeaAsync(site.TenantId, theme, named, now);
        await theming.AddIdeaAsync(site.TenantId, theme, hidden, now);
        var bigIdea = await theming.AddBigIdeaAsync(site.TenantId, lastYear.Id, "Outpatients at home", "One virtual clinic for the region.",
            "## What happens next\n\n- a pilot in two trusts\n- [how virtual clinics work](https://www.nhs.uk/)", now);
        await theming.SetBigIdeaAsync(site.TenantId, theme, bigIdea, now);

        using var member = await ApiMember.RegisterAsync(Engine, site, "Dee Duplicate");
        var duplicate = await member.PostIdeaAsync("Text people their waiting-list place", "The same as the other idea, really.");
        await member.CommentAsync(duplicate, "Agreed, this is a duplicate.");
        (await services.GetRequiredService<Core.BigIdeas.IMergeStore>().MergeAsync(site.TenantId, discussed, duplicate, author.Id, now)).Should().BeTrue();
        return (bigIdea, duplicate);
    }

    /// <summary>A fresh browser context (a new person: no cookies) with one page on <paramref name="site"/>.</summary>
    public async Task<BrowserTab> OpenAsync(Site site, string test, bool javaScript = true)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = Engine.Url(site),
            JavaScriptEnabled = javaScript,
            ViewportSize = new() { Width = 1280, Height = 900 },
            Locale = "en-GB",
        });
        // Generous: a page here loads in well under a second, but a busy two-core machine can stall for seconds.
        context.SetDefaultTimeout(20_000);
        context.SetDefaultNavigationTimeout(30_000);
        return await BrowserTab.OpenAsync(this, context, site, test);
    }

    /// <summary>Last run's screenshots go once per test run, before the first class takes any.</summary>
    private static readonly Lazy<bool> ClearedScreenshots = new(() =>
    {
        var folder = Path.Combine(TestRepository.Root, "artifacts", "screenshots");
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        return true;
    });

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        Playwright?.Dispose();
        await Engine.DisposeAsync();
    }
}

/// <summary>axe on every page of every theme, signed out and signed in.</summary>
[CollectionDefinition("accessibility")]
public sealed class AccessibilityCollection : ICollectionFixture<BrowserFixture>;

/// <summary>What people do: the member's journey, keyboard only.</summary>
[CollectionDefinition("journeys")]
public sealed class JourneysCollection : ICollectionFixture<BrowserFixture>;
