using Engine.Core.Members;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace Engine.Browser.Tests;

/// <summary>
/// Every public and member page of each theme in the pseudo-locale (<c>?lang=qps</c>, every catalogue text accented,
/// longer and between ⟦ and ⟧), on a site of its own whose every word of content the test wrote: any text a person can
/// read that is neither pseudo-localised nor that content (nor a number, a date's digits or an address) is a word that
/// does not come from a catalogue. And no page is wider than the window, on a phone or a desktop, with the longer words.
/// All the findings of all pages are reported together.
/// </summary>
[Collection("accessibility")]
public sealed class PseudoLocaleTests(BrowserFixture fixture)
{
    private const int Phone = 360, Desktop = 1280;

    [Theory]
    [InlineData("base")]
    [InlineData("nhs")]
    [InlineData("london")]
    public async Task Every_page_is_worded_from_the_catalogues_and_fits_a_phone_and_a_desktop(string theme)
    {
        var site = EngineServer.Pseudo.Single(s => s.Theme == theme);
        var content = new List<string> { site.Name, EngineServer.Tagline };
        content.AddRange(EngineServer.Challenges.SelectMany(c => new[] { c.Title, c.Description }));
        string Write(string text) { content.Add(text); return text; }

        long discussed, anonymous;
        using (var author = await ApiMember.RegisterAsync(fixture.Engine, site, Write("Pat Author")))
        using (var reader = await ApiMember.RegisterAsync(fixture.Engine, site, Write("Robin Reader")))
        {
            discussed = await author.PostIdeaAsync(Write("Text patients their place in the queue"), Write("It would free the phones for people who need them."));
            anonymous = await author.PostIdeaAsync(Write("Open the lounge earlier"), Write("Beds free up before the rush."), anonymous: true);
            await reader.CommentAsync(discussed, Write("Our clinic gets calls about this daily."));
            await reader.CommentAsync(discussed, Write("The ward would welcome it."), anonymous: true);
            await reader.VoteAsync(discussed, 1);
        }

        // Last year's ideas grouped into a theme and a big idea, and a duplicate merged: the pages theming adds.
        var services = fixture.Engine.Services;
        var now = DateTimeOffset.UtcNow;
        var pat = (await services.GetRequiredService<IMemberStore>().SearchAsync(site.TenantId, "Pat Author", 1)).Single();
        var lastYear = (await services.GetRequiredService<Core.Challenges.IChallengeStore>().FindBySlugAsync(site.TenantId, "last-year"))!;
        var published = new Core.Moderation.Admission(new Core.Moderation.Authorship(pat.Id, null, false), Core.Moderation.ModerationState.Published, null);
        var old = await services.GetRequiredService<Core.Ideas.IIdeaStore>().AddAsync(site.TenantId, lastYear.Id, published, new(Write("Video follow-ups"), Write("Saves a trip.")), now.AddDays(-350));
        var theming = services.GetRequiredService<Core.BigIdeas.IThemingStore>();
        var grouped = await theming.AddThemeAsync(site.TenantId, lastYear.Id, Write("Fewer journeys"), Write("Ideas that save a trip."), now);
        await theming.AddIdeaAsync(site.TenantId, grouped, old, now);
        var bigIdea = await theming.AddBigIdeaAsync(site.TenantId, lastYear.Id, Write("Clinics at home"), Write("One virtual clinic."), Write("A pilot in two trusts."), now);
        await theming.SetBigIdeaAsync(site.TenantId, grouped, bigIdea, now);
        long duplicate;
        using (var dee = await ApiMember.RegisterAsync(fixture.Engine, site, Write("Dee Double")))
            duplicate = await dee.PostIdeaAsync(Write("Text people their place"), Write("The same idea again."));
        (await services.GetRequiredService<Core.BigIdeas.IMergeStore>().MergeAsync(site.TenantId, discussed, duplicate, pat.Id, now)).Should().BeTrue();

        await using var tab = await fixture.OpenAsync(site, "pseudo-locale");
        var findings = new List<string>();
        async Task Check(string label, string? path = null, int status = 200)
        {
            if (path is not null) await tab.GotoAsync(path, status);
            await Expect(tab.Page.Locator("html")).ToHaveAttributeAsync("lang", "qps");
            findings.AddRange((await tab.Page.EvaluateAsync<string[]>(EnglishLeft, content)).Select(text => $"{label} ({path ?? tab.Page.Url}): not from a catalogue: “{text}”"));
            foreach (var width in new[] { Desktop, Phone })
            {
                await tab.Page.SetViewportSizeAsync(width, 900);
                if (await tab.Page.EvaluateAsync<string?>(Overflow) is { } wide) findings.Add($"{label} ({path ?? tab.Page.Url}): wider than a {width}px window: {wide}");
            }
            await tab.ShotAsync(label);
            await tab.Page.SetViewportSizeAsync(Desktop, 900);
        }

        // Signed out: the link asks for the pseudo-locale once, and the cookie keeps it.
        await Check("home", "/?lang=qps");
        await Check("challenge", "/challenges/waiting-well");
        await Check("closed challenge", "/challenges/last-year");
        await Check("idea with comments", $"/ideas/{discussed}");
        await Check("anonymous idea", $"/ideas/{anonymous}");
        await Check("themes and big ideas", "/challenges/last-year/big-ideas");
        await Check("big idea", $"/big-ideas/{bigIdea}");
        await Check("merged idea", $"/ideas/{duplicate}");
        await Check("search", "/search?q=phones");
        await Check("search finding nothing", "/search?q=zzzz");
        await Check("numbers", "/about/numbers");
        await Check("news", "/news");
        await Check("roadmap", "/roadmap");
        await Check("not found", "/ideas/987654321", 404);
        await Check("register", "/account/register");
        await tab.Page.Locator("main form button[type=submit]").ClickAsync();
        await tab.Page.WaitForLoadStateAsync();
        await Check("register with errors");
        await Check("forgotten password", "/account/forgot-password");
        await Check("reset password", "/account/reset-password?member=1&token=x");
        await Check("unsubscribe link that does not work", "/email/unsubscribe?token=not-a-token", 400);

        // Registered through the form, then signed in: the member's pages.
        var email = TestEmail.Unique("Quinn Member");
        await tab.GotoAsync("/account/register");
        await tab.Page.Locator("#displayName").FillAsync(Write("Quinn Member"));
        await tab.Page.Locator("#email").FillAsync(Write(email));
        await tab.Page.Locator("#password").FillAsync(Journeys.Password);
        await tab.Page.Locator("main form button[type=submit]").ClickAsync();
        await tab.Page.WaitForURLAsync(url => url.Contains("/account/signin"));
        await Check("check your email");
        await Journeys.SignInThroughFormAsync(tab, email, "/");
        await Check("home signed in", "/");
        await Check("challenge signed in", "/challenges/waiting-well");
        await Check("idea signed in", $"/ideas/{discussed}");
        await Check("new idea", "/challenges/waiting-well/ideas/new");
        await tab.Page.Locator("main form button[type=submit]").ClickAsync();
        await tab.Page.WaitForLoadStateAsync();
        await Check("new idea with errors");
        await tab.Page.Locator("#title").FillAsync(Write("Check the pages of my own"));
        await tab.Page.Locator("#body").FillAsync(Write("Something of mine to list and edit."));
        await tab.Page.Locator("main form button[type=submit]").ClickAsync();
        await tab.Page.WaitForURLAsync(Journeys.IdeaUrl());
        var mine = Journeys.IdeaId(tab);
        await Check("my idea");
        await Check("edit my idea", $"/ideas/{mine}/edit");
        await Check("my contributions", "/account/contributions");
        await Check("my data", "/account/data");
        await Check("email preferences", "/account/email");
        await Check("sign-ins and tokens", "/account/tokens");
        await Check("delete my account", "/account/delete");
        await tab.Page.Locator("#confirm-delete").ClickAsync();
        await tab.Page.WaitForLoadStateAsync();
        await Check("delete my account without the password");

        // An email's unsubscribe link, and the page after it.
        var member = (await services.GetRequiredService<IMemberStore>().FindByEmailAsync(site.TenantId, email.ToUpperInvariant()))!;
        var tenant = services.GetRequiredService<Engine.Web.Tenancy.TenantRegistry>().Current.Find(site.TenantId)!;
        var link = new Uri(services.GetRequiredService<Engine.Web.Email.EmailLinks>().Unsubscribe(tenant, member.Id, Engine.Core.Email.EmailKind.StatusChange));
        await Check("unsubscribe", link.PathAndQuery);
        await tab.Page.Locator("main form button[type=submit]").ClickAsync();
        await tab.Page.WaitForLoadStateAsync();
        await Check("unsubscribed");

        // Guards the guard: words written into the page by hand, and a box wider than a phone, are both found.
        await tab.Page.EvaluateAsync("() => { const p = document.createElement('p'); p.id = 'planted'; p.textContent = 'Planted words'; p.style.width = '2000px'; document.querySelector('main').append(p); }");
        (await tab.Page.EvaluateAsync<string[]>(EnglishLeft, content)).Should().Equal(["Planted words"]);
        await tab.Page.SetViewportSizeAsync(Phone, 900);
        (await tab.Page.EvaluateAsync<string?>(Overflow)).Should().Contain("p#planted");

        if (findings.Count > 0) Assert.Fail($"{findings.Count} finding(s) on the {theme} theme in the pseudo-locale:\n  " + string.Join("\n  ", findings));
        tab.Problems.Should().BeEmpty();
    }

    /// <summary>
    /// Each text a person can read (shown, or hidden for screen readers only) that has a Latin letter left once the
    /// pseudo-localised pieces are taken out, and is not the test's own content: a piece of content (an excerpt of a
    /// body, a name) is allowed where the content contains it, and content inside a text is taken out before looking.
    /// Text in another language than the page's (the language switch's names) is that language's.
    /// </summary>
    internal const string EnglishLeft =
        """
        content => {
          const norm = s => s.replace(/\s+/g, ' ').trim();
          const known = content.map(norm).sort((a, b) => b.length - a.length);
          const page = document.documentElement.lang;
          const left = [];
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const element = node.parentElement;
            // Machine text (an address, a slug, a header's name, a file's column) is the same in every language.
            if (!element || element.closest('script, style, noscript, template, code, kbd, samp')) continue;
            if (element.getClientRects().length === 0 || getComputedStyle(element).visibility === 'hidden') continue;
            const other = element.closest('[lang]');
            if (other && other.lang !== page) continue;
            let text = norm(node.textContent), before;
            do { before = text; text = text.replace(/⟦[^⟦⟧]*⟧/g, ' '); } while (text !== before);
            text = norm(text);
            if (!/[A-Za-z]/.test(text)) continue;
            const piece = text.replace(/(…|\.\.\.)$/, '').trim();
            if (known.some(k => k.includes(piece))) continue;
            for (const k of known) text = text.split(k).join(' ');
            text = text.replace(/[\w.+-]+@[\w.-]+/g, ' ').replace(/https?:\/\/\S+/g, ' ');
            if (/[A-Za-z]/.test(text)) left.push(norm(node.textContent));
          }
          return [...new Set(left)];
        }
        """;

    /// <summary>
    /// Null when the page fits its window; else the innermost elements, and the texts (a long word overflows its box),
    /// that reach past its end (the right, or the left right to left).
    /// </summary>
    internal const string Overflow =
        """
        () => {
          const root = document.documentElement;
          if (root.scrollWidth <= root.clientWidth) return null;
          const past = r => r.width > 1 && (root.dir === 'rtl' ? r.left < -1 : r.right > root.clientWidth + 1);
          const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\s+/).join('.') : '');
          const elements = [...document.body.querySelectorAll('*')]
            .filter(e => past(e.getBoundingClientRect()))
            .filter((e, _, all) => !all.some(o => o !== e && e.contains(o)))
            .map(e => name(e) + ' “' + (e.textContent || '').trim().slice(0, 40) + '”');
          const texts = [];
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const range = document.createRange();
            range.selectNodeContents(node);
            if (node.textContent.trim() && past(range.getBoundingClientRect())) texts.push('text in ' + name(node.parentElement) + ' “' + node.textContent.trim().slice(0, 40) + '”');
          }
          return `scrollWidth ${root.scrollWidth} > clientWidth ${root.clientWidth}: ` + [...elements, ...texts].slice(0, 6).join(', ');
        }
        """;
}
