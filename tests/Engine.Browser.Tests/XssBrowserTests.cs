using System.Text.RegularExpressions;
using Engine.Core.Members;

namespace Engine.Browser.Tests;

/// <summary>
/// The XSS corpus (over 100 payloads) in a real browser: as idea titles and bodies, comments, display
/// names and a tenant's name, on every theme. Nothing runs (no dialog, no page or console error), and
/// what people wrote reads back exactly as they wrote it.
/// </summary>
[Collection("journeys")]
public sealed partial class XssBrowserTests(BrowserFixture fixture)
{
    private static readonly string[] Payloads = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "xss-payloads.txt"))
        .Where(l => l.Length > 0).ToArray();

    [Theory]
    [InlineData("base")]
    [InlineData("nhs")]
    [InlineData("london")]
    public async Task No_payload_runs_in_the_browser_and_every_title_and_name_reads_back_as_written(string theme)
    {
        Payloads.Length.Should().BeGreaterThanOrEqualTo(100);
        var site = EngineServer.For(theme);
        using var author = await ApiMember.RegisterAsync(fixture.Engine, site, "Xavier Script");
        var ideas = new List<(long Id, string Title)>();
        for (var i = 0; i < Payloads.Length; i += 10)
        {
            var chunk = Payloads.Skip(i).Take(10).ToArray();
            var title = Clip($"X{i:000} {chunk[0]}", 150);
            var id = await author.PostIdeaAsync(title, string.Join("\n\n", chunk));
            await author.CommentAsync(id, string.Join("\n\n", chunk.Reverse()));
            ideas.Add((id, title));
        }
        // The corpus again as imported ideas and comments (from a CSV an admin uploads), and as the session's name.
        using var admin = await ApiMember.RegisterAsync(fixture.Engine, site, "Ada Importer");
        await admin.GrantAsync(fixture.Engine, site, Roles.Admin);
        var csv = new System.Text.StringBuilder("type,key,challenge,title,body,parent,submitted_at\n");
        string Cell(string text) => "\"" + text.Replace("\"", "\"\"") + "\"";
        var importedTitles = new List<string>();
        // Dated now (read as the site's time, so never in its future), so they are among the newest ideas.
        var now = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm");
        for (var i = 0; i < Payloads.Length; i += 10)
        {
            var chunk = Payloads.Skip(i).Take(10).ToArray();
            var title = Clip($"I{i:000} {chunk[0]}", 150);
            importedTitles.Add(title);
            csv.Append($"idea,i{i},waiting-well,{Cell(title)},{Cell(string.Join("\n\n", chunk))},,{now}\n");
            csv.Append($"comment,c{i},,,{Cell(string.Join("\n\n", chunk.Reverse()))},i{i},\n");
        }
        var session = Clip($"Session {Payloads[0]}", 150);
        await admin.ImportCsvAsync(csv.ToString(), source: session, facilitator: Clip(Payloads[1], 100));
        var names = Payloads.Select(p => Clip(p, 60)).Where(p => p.Length >= 2).Take(10).ToList();
        foreach (var name in names)
        {
            using var named = await ApiMember.RegisterAsync(fixture.Engine, site, name);
            await named.CommentAsync(ideas[0].Id, "A comment under a hostile name.");
        }

        await using var tab = await fixture.OpenAsync(site, $"xss-{theme}");
        var dialogs = new List<string>();
        tab.Page.Dialog += async (_, dialog) => { lock (dialogs) dialogs.Add($"{tab.Page.Url}: {dialog.Type} {dialog.Message}"); await dialog.DismissAsync(); };
        var misread = new List<string>();

        await tab.GotoAsync("/challenges/waiting-well?sort=new");
        foreach (var (id, title) in ideas)
        {
            await tab.GotoAsync($"/ideas/{id}");
            var shown = Normalise(await tab.Page.Locator("main h1").First.InnerTextAsync());
            if (shown != Normalise(title)) misread.Add($"idea {id}: wrote “{title}”, page shows “{shown}”");
        }
        var importedIds = await admin.IdeaIdsAsync();
        foreach (var title in importedTitles)
        {
            if (!importedIds.TryGetValue(title, out var importedId)) { misread.Add($"imported idea “{title}” is not listed as written"); continue; }
            await tab.GotoAsync($"/ideas/{importedId}");
            var shown = Normalise(await tab.Page.Locator("main h1").First.InnerTextAsync());
            if (shown != Normalise(title)) misread.Add($"imported idea: wrote “{title}”, page shows “{shown}”");
            if (!Normalise(await tab.Page.Locator("main").InnerTextAsync()).Contains(Normalise($"From {session}"), StringComparison.Ordinal))
                misread.Add($"imported idea “{title}” does not show its source “From {session}” as written");
        }
        var thread = Normalise(await tab.Page.Locator("main").InnerTextAsync());
        await tab.GotoAsync($"/ideas/{ideas[0].Id}");
        thread = Normalise(await tab.Page.Locator("main").InnerTextAsync());
        foreach (var name in names.Where(n => !thread.Contains(Normalise(n), StringComparison.Ordinal)))
            misread.Add($"display name “{name}” is not shown as written");
        await tab.ShotAsync("idea with hostile names");

        dialogs.Should().BeEmpty("no payload may run script");
        tab.Problems.Should().BeEmpty();
        misread.Should().BeEmpty();
    }

    [Fact]
    public async Task A_tenant_named_with_a_payload_shows_the_name_as_text_on_its_site_its_admin_area_and_the_system_site()
    {
        var site = EngineServer.Hostile;
        await using var tab = await fixture.OpenAsync(site, "xss-tenant-name");
        var dialogs = new List<string>();
        tab.Page.Dialog += async (_, dialog) => { lock (dialogs) dialogs.Add($"{tab.Page.Url}: {dialog.Message}"); await dialog.DismissAsync(); };

        foreach (var path in new[] { "/", "/challenges/waiting-well", "/account/signin" })
        {
            await tab.GotoAsync(path);
            (await tab.Page.Locator("header").InnerTextAsync()).Should().Contain(site.Name, path);
        }
        var email = await Journeys.RegisterThroughFormAsync(tab, "Ada Adeyemi");
        await Staff.GrantByEmailAsync(fixture.Engine, site, email, Roles.Admin);
        await tab.GotoAsync("/admin");
        (await tab.Page.Locator("header").InnerTextAsync()).Should().Contain(site.Name);
        await tab.ShotAsync("admin under a hostile name");

        await using var system = await fixture.OpenAsync(EngineServer.System, "xss-tenant-name-system");
        system.Page.Dialog += async (_, dialog) => { lock (dialogs) dialogs.Add($"{system.Page.Url}: {dialog.Message}"); await dialog.DismissAsync(); };
        await system.GotoAsync("/system/signin");
        await system.Page.GetByLabel("Email address").FillAsync(EngineServer.SystemEmail);
        await system.Page.GetByLabel("Password").FillAsync(EngineServer.SystemPassword);
        await system.Page.Locator("main button", new() { HasText = "Sign in" }).ClickAsync();
        await system.Page.WaitForURLAsync("**/system");
        (await system.Page.Locator("#tenant-hostile-site").InnerTextAsync()).Should().Contain(site.Name);

        dialogs.Should().BeEmpty();
        tab.Problems.Should().BeEmpty();
        system.Problems.Should().BeEmpty();
    }

    private static string Clip(string text, int length) => (text.Length > length ? text[..length] : text).Trim();

    private static string Normalise(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
