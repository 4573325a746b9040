using System.Text.RegularExpressions;
using Engine.Core.Members;
using Engine.Core.News;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace Engine.Browser.Tests;

/// <summary>
/// Search, numbers, news and roadmap in a real browser: axe (WCAG 2.2 A/AA) on each new public page of every theme,
/// the similar-ideas suggestions appearing as someone types, and the team's numbers and news pages.
/// </summary>
[Collection("accessibility")]
public sealed class InsightAccessibilityTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("base")]
    [InlineData("nhs")]
    [InlineData("london")]
    public async Task Search_numbers_news_and_roadmap_pages_have_no_WCAG_22_AA_violations_and_similar_ideas_appear_while_typing(string theme)
    {
        var site = EngineServer.For(theme);
        var news = await PublishedNewsAsync(fixture.Engine, site, "Shortlist announced",
            "We have **shortlisted** five ideas.\n\n## What happens next\n\n- pilots in two trusts\n- [the roadmap](/roadmap)");
        await using var tab = await fixture.OpenAsync(site, "a11y-insight");
        var violations = new List<string>();

        async Task Check(string label, string path, int status = 200)
        {
            await tab.GotoAsync(path, status);
            await tab.ShotAsync(label);
            violations.AddRange(await tab.AxeAsync(label));
        }

        await Check("search form", "/search");
        await Check("search results", "/search?q=waiting+list");
        await Expect(tab.Page.Locator("main")).ToContainTextAsync("Text patients their place on the waiting list");
        await Check("search with an error", "/search?q=waiting&challenge=no-such-challenge", 400);
        await Check("search finding nothing", "/search?q=%22+OR+*");
        await Check("about the numbers", "/about/numbers");
        await Check("news", "/news");
        await Check("news item", $"/news/{news}");
        await Expect(tab.Page.Locator("main h1")).ToHaveTextAsync("Shortlist announced");
        await Check("roadmap", "/roadmap");
        await Expect(tab.Page.Locator("#stage-shortlisted")).ToContainTextAsync("Outpatients at home");

        // Someone about to post an idea sees the similar ones as links, announced by the live region.
        await Journeys.RegisterThroughFormAsync(tab, "Sia Similar");
        await tab.GotoAsync("/challenges/waiting-well/ideas/new");
        await tab.Page.Locator("#title").PressSequentiallyAsync("Texts about the waiting list");
        var similar = tab.Page.Locator("#similar-ideas a", new() { HasText = "Text patients their place on the waiting list" });
        await Expect(similar).ToBeVisibleAsync();
        await Expect(tab.Page.Locator("#similar-ideas")).ToHaveAttributeAsync("aria-live", "polite");
        await tab.ShotAsync("new idea with similar ideas");
        violations.AddRange(await tab.AxeAsync("new idea with similar ideas"));

        Accessibility.Report(theme, violations, tab.Problems);
    }

    [Fact]
    public async Task The_team_numbers_and_news_admin_pages_have_no_WCAG_22_AA_violations_and_the_charts_draw()
    {
        var site = EngineServer.Admin;
        await using var tab = await fixture.OpenAsync(site, "a11y-admin-insight");
        var email = await Journeys.RegisterThroughFormAsync(tab, "Ada Numbers");
        await Staff.GrantByEmailAsync(fixture.Engine, site, email, Roles.Admin);
        using (var member = await ApiMember.RegisterAsync(fixture.Engine, site, "Noor Numbers"))
            await member.PostIdeaAsync("Something to count today", "So the charts have a bar.");
        var violations = new List<string>();

        await tab.GotoAsync("/admin/numbers");
        await Expect(tab.Page.Locator("#interactions-chart")).ToBeVisibleAsync();
        // chart.js has drawn when the canvas has been sized for the chart (its default is 300x150).
        await tab.Page.WaitForFunctionAsync("() => { const c = document.querySelector('#interactions-chart'); return window.Chart && window.Chart.getChart(c) !== undefined; }");
        await tab.ShotAsync("numbers");
        violations.AddRange(await tab.AxeAsync("numbers"));

        await tab.GotoAsync("/admin/news/edit");
        await tab.Page.Locator("main form button[type=submit]").First.ClickAsync();
        await tab.Page.WaitForLoadStateAsync();
        await Expect(tab.Page.Locator(".nhsuk-error-summary")).ToBeVisibleAsync();
        await tab.ShotAsync("news edit with errors");
        violations.AddRange(await tab.AxeAsync("news edit with errors"));

        await tab.Page.Locator("#title").FillAsync("A news update from the team");
        await tab.Page.Locator("#body").FillAsync("Thank you for **every idea**.");
        await tab.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Save as a draft" }).ClickAsync();
        await tab.Page.WaitForURLAsync("**/admin/news");
        await Expect(tab.Page.Locator(".nhsuk-notification-banner")).ToContainTextAsync("as a draft");
        await tab.ShotAsync("news list");
        violations.AddRange(await tab.AxeAsync("news list"));
        await tab.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Publish “A news update from the team”" }).ClickAsync();
        await Expect(tab.Page.Locator(".nhsuk-notification-banner")).ToContainTextAsync("Published");

        await tab.GotoAsync("/admin/theming?challenge=last-year");
        await tab.ShotAsync("theming with roadmap stages");
        violations.AddRange(await tab.AxeAsync("theming with roadmap stages"));

        Accessibility.Report("admin", violations, tab.Problems);
    }

    public static async Task<long> PublishedNewsAsync(EngineServer engine, Site site, string title, string body)
    {
        var store = engine.Services.GetRequiredService<INewsStore>();
        var id = await store.AddAsync(site.TenantId, title, "A summary for the list.", body, 1, DateTimeOffset.UtcNow);
        (await store.SetPublishedAsync(site.TenantId, id, true, 1, DateTimeOffset.UtcNow)).Should().BeTrue();
        return id;
    }
}

/// <summary>The XSS corpus as news updates (titles and bodies) on every theme: nothing runs, titles read back as written.</summary>
[Collection("journeys")]
public sealed partial class NewsXssBrowserTests(BrowserFixture fixture)
{
    private static readonly string[] Payloads = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "xss-payloads.txt"))
        .Where(l => l.Length > 0).ToArray();

    [Theory]
    [InlineData("base")]
    [InlineData("nhs")]
    [InlineData("london")]
    public async Task No_payload_in_a_news_update_runs_and_every_title_reads_back_as_written(string theme)
    {
        var site = EngineServer.For(theme);
        var posts = new List<(long Id, string Title)>();
        for (var i = 0; i < Payloads.Length; i += 10)
        {
            var chunk = Payloads.Skip(i).Take(10).ToArray();
            var title = Clip($"N{i:000} {chunk[0]}", 150);
            posts.Add((await InsightAccessibilityTests.PublishedNewsAsync(fixture.Engine, site, title, string.Join("\n\n", chunk)), title));
        }

        await using var tab = await fixture.OpenAsync(site, $"xss-news-{theme}");
        var dialogs = new List<string>();
        tab.Page.Dialog += async (_, dialog) => { lock (dialogs) dialogs.Add($"{tab.Page.Url}: {dialog.Type} {dialog.Message}"); await dialog.DismissAsync(); };
        var misread = new List<string>();

        await tab.GotoAsync("/news");
        var list = Normalise(await tab.Page.Locator("main").InnerTextAsync());
        foreach (var (id, title) in posts)
        {
            if (!list.Contains(Normalise(title), StringComparison.Ordinal)) misread.Add($"news list: “{title}” is not shown as written");
            await tab.GotoAsync($"/news/{id}");
            var shown = Normalise(await tab.Page.Locator("main h1").First.InnerTextAsync());
            if (shown != Normalise(title)) misread.Add($"news {id}: wrote “{title}”, page shows “{shown}”");
        }
        await tab.ShotAsync("news with payloads");
        // The feed is XML: each title comes back as written, whatever it contains.
        var atom = System.Xml.Linq.XDocument.Parse(await tab.Page.EvaluateAsync<string>("() => fetch('/news/feed.atom').then(r => r.text())"));
        var titles = atom.Root!.Elements(System.Xml.Linq.XName.Get("entry", "http://www.w3.org/2005/Atom"))
            .Select(e => e.Element(System.Xml.Linq.XName.Get("title", "http://www.w3.org/2005/Atom"))!.Value).ToHashSet();
        foreach (var (_, title) in posts.TakeLast(Math.Min(posts.Count, 10)))
            if (!titles.Contains(title)) misread.Add($"feed: “{title}” is missing or changed");

        dialogs.Should().BeEmpty("no payload may run script");
        tab.Problems.Should().BeEmpty();
        misread.Should().BeEmpty();
    }

    private static string Clip(string text, int length) => (text.Length > length ? text[..length] : text).Trim();

    private static string Normalise(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
