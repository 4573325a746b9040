using Engine.Core.Members;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace Engine.Browser.Tests;

/// <summary>
/// Every admin page, listed from the app's own routes (a new page is walked as it is added), in the languages the admin
/// area is written in: the pseudo-locale as an admin, a moderator and an analyst would see it (words from the catalogues,
/// a phone's and a desktop's width with the longer words), and axe in Welsh and on a right-to-left (Urdu) site.
/// </summary>
[Collection("accessibility")]
public sealed class AdminLanguagesTests(BrowserFixture fixture)
{
    private const int Phone = 360, Desktop = 1280;

    /// <summary>
    /// Admin pages known to be wider than a phone as an admin sees them, checked on a desktop only: none now. Members and
    /// Challenges were, by their tables' screen-reader text placed against the page (admin.css holds it in the table's
    /// scrolling container). A page listed here fails once it fits a phone, to be taken off the list.
    /// </summary>
    private static readonly IReadOnlySet<string> WiderThanAPhone = new HashSet<string>(StringComparer.Ordinal);

    // Names that pretend to be staff ("Walker admin") are refused at registration.
    private static readonly Dictionary<string, string> Walkers = new()
    {
        [Roles.Admin] = "Ceri Walker", [Roles.Moderator] = "Morgan Walker", [Roles.Analyst] = "Alex Walker",
    };

    [Fact]
    public async Task Every_admin_page_is_worded_from_the_catalogues_and_fits_a_phone_and_a_desktop_for_an_admin_a_moderator_and_an_analyst()
    {
        var site = EngineServer.PseudoAdmin;
        var content = new List<string> { site.Name, EngineServer.Tagline };
        content.AddRange(EngineServer.Challenges.SelectMany(c => new[] { c.Title, c.Description }));
        string Write(string text) { content.Add(text); return text; }
        var idea = await SeedAsync(site, Write);

        var pages = AdminPages(idea);
        WiderThanAPhone.Except(pages.Select(p => p.Name)).Should().BeEmpty("every page listed as waiting is an admin page");

        var findings = new List<string>();
        foreach (var role in new[] { Roles.Admin, Roles.Moderator, Roles.Analyst })
        {
            await using var tab = await StaffTabAsync(site, role, Write(Walkers[role]), $"admin-pseudo-{role}");
            await tab.GotoAsync("/?lang=qps");
            foreach (var (name, path) in pages)
            {
                var response = await tab.Page.GotoAsync(path);
                var status = response!.Status;
                var label = $"{role} on {name} ({path})";
                if (status is not (200 or 403)) { findings.Add($"{label}: answered {status}"); continue; }
                await Expect(tab.Page.Locator("html")).ToHaveAttributeAsync("lang", "qps");
                // A page the role may not see shows the forbidden page, which is worded from the catalogues too.
                findings.AddRange((await tab.Page.EvaluateAsync<string[]>(PseudoLocaleTests.EnglishLeft, content)).Select(text => $"{label}: not from a catalogue: “{text}”"));
                foreach (var width in new[] { Desktop, Phone })
                {
                    await tab.Page.SetViewportSizeAsync(width, 900);
                    // Charts redraw for the new width a frame or two after it changes.
                    await tab.Page.EvaluateAsync("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 50))))");
                    var wide = await tab.Page.EvaluateAsync<string?>(PseudoLocaleTests.Overflow);
                    if (width == Phone && status == 200 && WiderThanAPhone.Contains(name))
                    {
                        if (wide is null && role == Roles.Admin) findings.Add($"{label}: fits a phone now: take it off {nameof(WiderThanAPhone)}");
                    }
                    else if (wide is not null) findings.Add($"{label}: wider than a {width}px window: {wide}");
                }
                await tab.ShotAsync($"{role} {name}");
                await tab.Page.SetViewportSizeAsync(Desktop, 900);
            }
            if (role == Roles.Admin)
            {
                // Guards the guard on the admin layout: words written into the page by hand are found.
                await tab.Page.EvaluateAsync("() => { const p = document.createElement('p'); p.textContent = 'Planted words'; document.querySelector('main').append(p); }");
                (await tab.Page.EvaluateAsync<string[]>(PseudoLocaleTests.EnglishLeft, content)).Should().Contain("Planted words");
            }
            findings.AddRange(tab.Problems.Select(p => $"{role}: console or page error: {p}"));
        }

        if (findings.Count > 0) Assert.Fail($"{findings.Count} finding(s) on the admin pages in the pseudo-locale:\n  " + string.Join("\n  ", findings));
    }

    [Fact]
    public async Task Every_admin_page_in_Welsh_has_no_WCAG_22_AA_violations_and_no_console_errors() =>
        await AxeOnEveryAdminPageAsync(EngineServer.Welsh.Single(s => s.Theme == "base"), "cy", adminLanguage: "cy");

    [Fact]
    public async Task Every_admin_page_of_a_right_to_left_Urdu_site_has_no_WCAG_22_AA_violations_and_no_console_errors() =>
        // The admin pages have no Urdu words yet, so an admin who reads the site in Urdu reads them in English: axe checks
        // them as that admin sees them.
        await AxeOnEveryAdminPageAsync(EngineServer.Urdu.Single(s => s.Theme == "base"), "ur", adminLanguage: "en");

    private async Task AxeOnEveryAdminPageAsync(Site site, string siteLanguage, string adminLanguage)
    {
        var idea = await SeedAsync(site, text => text);
        await using var tab = await StaffTabAsync(site, Roles.Admin, "Ada Adeyemi", $"a11y-admin-{site.TenantId}");
        // The browser asks for English first: the language switch's link chooses the site's language, and a cookie keeps it.
        await tab.GotoAsync($"/?lang={siteLanguage}");
        await Expect(tab.Page.Locator("html")).ToHaveAttributeAsync("lang", siteLanguage);
        var violations = new List<string>();
        foreach (var (name, path) in AdminPages(idea))
        {
            await tab.GotoAsync(path);
            await Expect(tab.Page.Locator("html")).ToHaveAttributeAsync("lang", adminLanguage);
            await tab.ShotAsync(name);
            violations.AddRange(await tab.AxeAsync($"admin {name}"));
        }
        Accessibility.Report($"admin of {site.TenantId}", violations, tab.Problems);
    }

    /// <summary>Something on every admin page: members, ideas (one anonymous, one held), comments, a vote and a report.</summary>
    private async Task<long> SeedAsync(Site site, Func<string, string> write)
    {
        using var author = await ApiMember.RegisterAsync(fixture.Engine, site, write("Pat Author"));
        using var reader = await ApiMember.RegisterAsync(fixture.Engine, site, write("Robin Reader"));
        var idea = await author.PostIdeaAsync(write("Text patients their place in the queue"), write("It would free the phones for people who need them."));
        await author.PostIdeaAsync(write("Open the lounge earlier"), write("Beds free up before the rush."), anonymous: true);
        await reader.CommentAsync(idea, write("Our clinic gets calls about this daily."));
        await reader.CommentAsync(idea, write("The ward would welcome it."), anonymous: true);
        await reader.VoteAsync(idea, 1);
        await reader.ReportIdeaAsync(idea, write("Is this allowed?"));
        return idea;
    }

    /// <summary>A browser signed in as a new member given <paramref name="role"/>, as an admin would make them part of the team.</summary>
    private async Task<BrowserTab> StaffTabAsync(Site site, string role, string name, string test)
    {
        var tab = await fixture.OpenAsync(site, test);
        var email = await Journeys.RegisterThroughFormAsync(tab, name);
        await Staff.GrantByEmailAsync(fixture.Engine, site, email, role);
        return tab;
    }

    /// <summary>
    /// Every admin page, by its name under Pages/Admin, and the paths walked for it: a page whose route has parameters
    /// must be filled in here, or the test fails, so no page is left out.
    /// </summary>
    private List<(string Name, string Path)> AdminPages(long idea)
    {
        var pages = fixture.Engine.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Page: e.Metadata.GetMetadata<PageActionDescriptor>(), Route: e.RoutePattern.RawText!.Trim('/')))
            .Where(p => p.Page is not null && p.Page.ViewEnginePath.StartsWith("/Admin/", StringComparison.Ordinal))
            .Select(p => (Name: p.Page!.ViewEnginePath["/Admin/".Length..], p.Route))
            .DistinctBy(p => p.Name).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        pages.Select(p => p.Name).Should().Contain(["Index", "Moderation", "Settings"]);
        var unfilled = new List<string>();
        var walk = new List<(string, string)>();
        foreach (var (name, route) in pages)
        {
            IReadOnlyList<string> paths = route switch
            {
                "admin/ideas/{id:long}/status" => [$"/admin/ideas/{idea}/status"],
                "admin/challenges/edit/{slug?}" => ["/admin/challenges/edit", "/admin/challenges/edit/waiting-well"],
                "admin/settings/challenges/{slug}" => ["/admin/settings/challenges/waiting-well"],
                "admin/settings/challenges/{slug}/idea-form" => ["/admin/settings/challenges/waiting-well/idea-form"],
                "admin/news/edit/{id:long?}" => ["/admin/news/edit"],
                _ when !route.Contains('{') => ["/" + route],
                _ => [],
            };
            if (paths.Count == 0) unfilled.Add(route);
            walk.AddRange(paths.Select(p => (name, p)));
        }
        unfilled.Should().BeEmpty("every admin page whose route has parameters must be filled in, so the walk covers it");
        return walk;
    }
}
