using static Microsoft.Playwright.Assertions;

namespace Engine.Browser.Tests;

/// <summary>
/// axe-core (WCAG 2.0, 2.1 and 2.2, levels A and AA) on every public page of every theme, signed out,
/// including forms showing their errors. Also: no console or page errors on any of them.
/// </summary>
[Collection("accessibility")]
public sealed class SignedOutAccessibilityTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("base")]
    [InlineData("nhs")]
    [InlineData("london")]
    public async Task Every_page_signed_out_has_no_WCAG_22_AA_violations_and_no_console_errors(string theme)
    {
        var site = EngineServer.For(theme);
        var discussed = fixture.Ideas[theme].Discussed;
        await using var tab = await fixture.OpenAsync(site, "a11y-signed-out");
        var violations = new List<string>();

        async Task Check(string label, string path)
        {
            await tab.GotoAsync(path);
            await tab.ShotAsync(label);
            violations.AddRange(await tab.AxeAsync(label));
        }

        await Check("home", "/");
        await Check("challenge", "/challenges/waiting-well");
        await Check("closed challenge", "/challenges/last-year");
        await Check("idea with comments", $"/ideas/{discussed}");
        await Check("big idea", $"/big-ideas/{fixture.Theming[theme].BigIdea}");
        await Check("themes and big ideas", "/challenges/last-year/big-ideas");
        await Check("merged idea", $"/ideas/{fixture.Theming[theme].Merged}");
        await Check("new idea (sends you to sign in)", "/challenges/waiting-well/ideas/new");
        await Check("register", "/account/register");
        await Check("sign in", "/account/signin");

        await tab.GotoAsync("/account/register");
        await tab.Page.Locator("main form button[type=submit]").ClickAsync();
        await tab.Page.WaitForLoadStateAsync();
        await tab.ShotAsync("register with errors");
        violations.AddRange(await tab.AxeAsync("register with errors"));

        Accessibility.Report(theme, violations, tab.Problems);
    }
}

/// <summary>
/// axe on the public pages of a site in Welsh (lang="cy", the language switch in the header), and of one in Urdu
/// (lang="ur", written right to left), in each theme that ships the language.
/// </summary>
[Collection("accessibility")]
public sealed class WelshAccessibilityTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("base")]
    [InlineData("nhs")]
    public async Task Every_page_in_Welsh_has_no_WCAG_22_AA_violations_and_no_console_errors(string theme) =>
        await Accessibility.PublicPagesInAsync(fixture, EngineServer.Welsh.Single(s => s.Theme == theme), "cy", "a11y-welsh");

    [Theory]
    [InlineData("base")]
    [InlineData("nhs")]
    public async Task Every_page_in_Urdu_right_to_left_has_no_WCAG_22_AA_violations_and_no_console_errors(string theme) =>
        await Accessibility.PublicPagesInAsync(fixture, EngineServer.Urdu.Single(s => s.Theme == theme), "ur", "a11y-urdu");
}

[Collection("accessibility")]
public sealed class AxeHarnessTests(BrowserFixture fixture)
{
    /// <summary>Guards the guard: if axe were not loaded, or ran no rules, every page would pass.</summary>
    [Fact]
    public async Task Axe_reports_a_planted_violation_with_its_rule_and_element()
    {
        await using var tab = await fixture.OpenAsync(EngineServer.Base, "axe-harness");
        await tab.GotoAsync("/account/signin");
        await tab.Page.EvaluateAsync("() => { const i = document.createElement('input'); i.id = 'planted'; i.type = 'text'; document.querySelector('main').append(i); }");
        await tab.ShotAsync("planted unlabelled field");
        var violations = await tab.AxeAsync("sign in with a planted unlabelled field");
        violations.Should().ContainSingle(v => v.Contains(": label (") && v.Contains("#planted"), string.Join("\n", violations));
    }
}

/// <summary>The same, signed in: the pages with vote buttons, comment and reply forms, report buttons.</summary>
[Collection("accessibility")]
public sealed class SignedInAccessibilityTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("base")]
    [InlineData("nhs")]
    [InlineData("london")]
    public async Task Every_page_signed_in_has_no_WCAG_22_AA_violations_and_no_console_errors(string theme)
    {
        var site = EngineServer.For(theme);
        var discussed = fixture.Ideas[theme].Discussed;
        await using var tab = await fixture.OpenAsync(site, "a11y-signed-in");
        await Journeys.RegisterThroughFormAsync(tab, "Alex Axe");
        var violations = new List<string>();

        async Task Check(string label, string path)
        {
            await tab.GotoAsync(path);
            await tab.ShotAsync(label);
            violations.AddRange(await tab.AxeAsync(label));
        }

        await Check("home", "/");
        await Check("challenge", "/challenges/waiting-well");
        await Check("idea with comments", $"/ideas/{discussed}");
        await Check("big idea", $"/big-ideas/{fixture.Theming[theme].BigIdea}");
        await Check("merged idea", $"/ideas/{fixture.Theming[theme].Merged}");
        await Check("new idea", "/challenges/waiting-well/ideas/new");

        // The new-idea form showing its errors (nothing filled in).
        await tab.Page.Locator("main form button[type=submit]").ClickAsync();
        await tab.Page.WaitForLoadStateAsync();
        await tab.ShotAsync("new idea with errors");
        violations.AddRange(await tab.AxeAsync("new idea with errors"));

        // The idea page with the comment form showing its error (base lets the browser say it, the others
        // the engine), then with a reply form opened, so axe sees what is inside it too.
        await tab.GotoAsync($"/ideas/{discussed}");
        await tab.Page.Locator("form.comment-form button[type=submit], form.nhs-comment-form button[type=submit]").ClickAsync();
        await tab.Page.WaitForLoadStateAsync();
        var reply = tab.Page.Locator("details").First;
        await reply.Locator("summary").ClickAsync();
        await Expect(reply.Locator("textarea")).ToBeVisibleAsync();
        await tab.ShotAsync("idea with reply form open and comment sent empty");
        violations.AddRange(await tab.AxeAsync("idea with reply form open and comment sent empty"));

        await Check("register", "/account/register");
        await Check("sign in", "/account/signin");

        // "Your contributions", with something on it: an idea posted through the form.
        await tab.GotoAsync("/challenges/waiting-well/ideas/new");
        await tab.Page.Locator("#title").FillAsync("Check the contributions page");
        await tab.Page.Locator("#body").FillAsync("Something of mine to list.");
        await tab.Page.Locator("main form button[type=submit]").ClickAsync();
        await tab.Page.WaitForURLAsync(Journeys.IdeaUrl());
        await Check("your contributions", "/account/contributions");
        await Expect(tab.Page.Locator("main")).ToContainTextAsync("Check the contributions page");

        // "Your data", reached from the contributions page, and "Delete your account": refused without the password, then done.
        await tab.Page.Locator("#your-data").ClickAsync();
        await tab.Page.WaitForURLAsync(url => url.EndsWith("/account/data"));
        await Expect(tab.Page.Locator("#data-counts")).ToContainTextAsync("1");
        await tab.ShotAsync("your data");
        violations.AddRange(await tab.AxeAsync("your data"));
        await Check("delete your account", "/account/delete");
        await tab.Page.Locator("#confirm-delete").ClickAsync();
        await tab.Page.WaitForLoadStateAsync();
        await Expect(tab.Page.Locator("main")).ToContainTextAsync("That is not your password");
        await tab.ShotAsync("delete your account without the password");
        violations.AddRange(await tab.AxeAsync("delete your account without the password"));
        await tab.Page.Locator("#contributions-delete").CheckAsync();
        await tab.Page.Locator("#password").FillAsync(Journeys.Password);
        await tab.Page.Locator("#confirm-delete").ClickAsync();
        await tab.Page.WaitForLoadStateAsync();
        await Expect(tab.Page.Locator("main h1")).ToHaveTextAsync("Your account has been deleted");
        (await tab.Page.Locator("header").InnerTextAsync()).Should().NotContain("Alex Axe", "nobody is signed in any more");
        await tab.ShotAsync("account deleted");
        violations.AddRange(await tab.AxeAsync("account deleted"));

        Accessibility.Report(theme, violations, tab.Problems);
    }
}

public static class Accessibility
{
    /// <summary>
    /// axe on every public page of a site whose first language is <paramref name="language"/> and which offers English too:
    /// each page is in that language, and the language switch links to English.
    /// </summary>
    public static async Task PublicPagesInAsync(BrowserFixture fixture, Site site, string language, string test)
    {
        long idea;
        using (var author = await ApiMember.RegisterAsync(fixture.Engine, site, "Sam Seeder"))
            idea = await author.PostIdeaAsync("Text patients their place on the waiting list", "It would free up the phones.");
        await using var tab = await fixture.OpenAsync(site, test);
        var violations = new List<string>();

        async Task Check(string label, string path)
        {
            await tab.GotoAsync(path);
            await Expect(tab.Page.Locator("html")).ToHaveAttributeAsync("lang", language);
            await tab.ShotAsync(label);
            violations.AddRange(await tab.AxeAsync(label));
        }

        // The browser asks for English first: the switch's link chooses the language, and a cookie keeps it.
        await Check("home", $"/?lang={language}");
        await Check("challenge", "/challenges/waiting-well");
        await Check("closed challenge", "/challenges/last-year");
        await Check("idea", $"/ideas/{idea}");
        await Check("search", "/search?q=patients");
        await Check("numbers", "/about/numbers");
        await Check("news", "/news");
        await Check("roadmap", "/roadmap");
        await Check("register", "/account/register");
        await Check("sign in", "/account/signin");
        await Expect(tab.Page.Locator("a[hreflang=en]").First).ToHaveTextAsync("English");

        await tab.GotoAsync("/account/register");
        await tab.Page.Locator("main form button[type=submit]").ClickAsync();
        await tab.Page.WaitForLoadStateAsync();
        await tab.ShotAsync("register with errors");
        violations.AddRange(await tab.AxeAsync("register with errors"));

        Report($"{site.Theme} in {language}", violations, tab.Problems);
    }

    /// <summary>Fails with every violation and console error found, page by page, or passes if there are none.</summary>
    public static void Report(string theme, List<string> violations, List<string> problems)
    {
        var report = new List<string>();
        if (violations.Count > 0) report.Add($"axe found {violations.Count} WCAG 2.2 A/AA violation(s) on the {theme} theme:\n  " + string.Join("\n  ", violations));
        if (problems.Count > 0) report.Add($"console or page errors on the {theme} theme:\n  " + string.Join("\n  ", problems));
        if (report.Count > 0) Assert.Fail(string.Join("\n\n", report));
    }
}
