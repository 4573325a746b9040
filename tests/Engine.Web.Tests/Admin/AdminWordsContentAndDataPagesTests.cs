using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Engine.Core.Members;

namespace Engine.Web.Tests.Admin;

/// <summary>
/// The admin pages for content and data (news, email to members, export, import, the audit log, brand, webhooks, coding,
/// the code frame, agreement, theme suggestions, groups) in Welsh for an admin who chose Welsh: each page, with the things
/// it lists, its success banners and its errors, shows none of the English it used to show; an English site keeps it.
/// </summary>
public sealed partial class AdminWordsContentAndDataPagesTests(AdminWordsContentAndDataPagesTests.App app) : IClassFixture<AdminWordsContentAndDataPagesTests.App>
{
    public sealed class App : EngineApp
    {
        public App()
        {
            var cymru = Tenant("cymru", "Syniadau Cymru", ["cymru.test"], anonymous: true, downVotes: true);
            cymru["languages"] = new[] { "cy-GB" };
            // Welsh titles, so that what the page lists is Welsh too and only the page's own words are checked.
            cymru["challenges"] = new object[]
            {
                new { slug = "waiting-well", title = "Aros yn dda", description = "Sut allwn ni helpu pobl i aros yn dda?", opensAt = Now.AddDays(-7), closesAt = Now.AddDays(21) },
            };
            cymru["coding"] = new { codes = new object[] { new { id = "mynediad", name = "Mynediad at ofal", key = 1, description = "Cael eich gweld" }, new { id = "staff", name = "Staffio", key = 2, group = "Gweithlu" } } };
            WriteTenant("cymru", cymru);
        }
    }

    // Each page, something it now shows in Welsh (a part shown only when there is something to list, where there is one), and
    // what it showed in English before it took its words from the catalogues (a few phrases of each part of it).
    private static readonly (string Path, string Welsh, string[] English)[] Pages =
    [
        ("/admin/news", "Ysgrifennu diweddariad newyddion", ["Write a news update", "Updates for everyone who follows the site", "News updates, drafts first", "Take down", "on the site"]),
        ("/admin/updates", "Pwy sy'n ei gael", ["Email members", "Write to everyone on the site", "Emails waiting to be sent", "Who gets it", "Every member", "People who took part in a challenge", "Choose a challenge", "Send the update", "Plain text."]),
        ("/admin/exports", "Lawrlwytho popeth (zip)", ["Export the site's data", "Download ideas, comments, votes", "An export holds what the public site shows", "CSV files open in Excel", "The whole site", "Download everything", "Votes (tallies per idea)", "Codes given by analysts", "Big ideas"]),
        ("/admin/import", "Fformat y ffeil", ["Import ideas from offline sessions", "Add ideas and comments gathered", "Where the ideas came from", "Date of the session", "Facilitated by", "CSV file", "smaller than", "Keep dates from before", "Preview the import", "The file's format", "The first line names the columns", "A name for the row", "The challenge's slug", "Download an example file"]),
        ("/admin/audit", "Pob gweithred", ["Audit log", "Every setting changed", "All actions", "Setting changed", "News published", "Group created", "Webhook address added", "entries", "When", "Detail"]),
        ("/admin/audit?action=news.published", "1 cofnod: newyddion wedi'u cyhoeddi", ["Audit log", "1 entry", "news published"]),
        ("/admin/settings/branding", "Cadw'r brand", ["Back to settings", "How the public site looks", "Site name", "Shown in the header", "Tagline (optional)", "Primary colour", "Accent colour", "Logo (optional)", "SVG files are not accepted", "Save brand"]),
        ("/admin/webhooks", "Wedi'i gosod (heb ei dangos)", ["Each event on this site", "Webhooks are not switched on", "Nothing is posted until", "Addresses", "Set (not shown)", "Remove", "Add an address", "A full http or https URL", "At least 16 characters", "Add address", "Delivery log", "Nothing has been posted yet", "Given up", "No event has been given up on"]),
        ("/admin/coding", "Cadw a mynd i'r nesaf", ["Every challenge", "Apply the site's codes", "How far two analysts agree", "You have coded", "Idea ", "posted", "Save and go to the next", "Previous", "Contributions"]),
        ("/admin/coding/frame", "Cadw'r ffrâm godio", ["Code frame", "The codes analysts apply", "coding page", "New code", "Number key", "1 to 9, or empty", "Description (optional)", "Group (optional)", "Remove this code", "Show codes on idea pages", "Save the code frame", "Use tenant.json's code frame"]),
        ("/admin/coding/agreement", "heb ei ddiffinio", ["Agreement between analysts", "When two analysts code", "Cohen's kappa", "The sample is the contributions", "First analyst", "Second analyst", "coded)", "Compare", "The sample:", "coded by both", "Agreement per code", "Neither", "By chance", "Reading", "undefined"]),
        ("/admin/suggestions?challenge=waiting-well", "Sut y cyfrifir yr awgrymiadau", ["Theme suggestions", "Candidate themes found", "theming page", "Show this challenge", "Suggest themes", "Runs in the background", "How the suggestions are computed", "Each idea is read with its comments", "k-means groups ideas"]),
        ("/admin/groups?group=leeds-trust", "Wedi'i roi i mewn gan weinyddwr", ["A group is an organisation", "The site's groups", "Name in tenant.json", "Members", "Put in by an admin", "Take out", "Put a member in the group", "Invite links", "Works until", "Revoke", "Make an invite link", "Make a group", "Lower-case letters", "Its name as people read it", "Make the group"]),
    ];

    [Fact]
    public async Task An_admin_who_chose_Welsh_reads_every_content_and_data_page_its_banners_and_its_errors_in_Welsh()
    {
        var (admin, _) = await app.MemberAsync("cymru.test", Roles.Admin, "Ceri Gweinyddwr");
        var (analyst, _) = await app.MemberAsync("cymru.test", Roles.Analyst, "Dafydd Dadansoddwr");
        var memberEmail = TestEmail.Unique("aelod");
        var (member, _) = await app.MemberAsync("cymru.test", Roles.Member, "Aled Aelod", memberEmail);
        foreach (var visitor in new[] { admin, analyst })
            (await visitor.GetPageAsync("/admin?lang=cy")).Html.Should().Contain("<html lang=\"cy\"");
        var idea = await member.PostIdeaAsync(title: "Negeseuon testun cyn apwyntiad", body: "Byddai'n arbed galwadau ffôn.");
        await member.PostIdeaAsync(title: "Clinigau gyda'r nos i ofalwyr", body: "Mae llawer yn gweithio drwy'r dydd.");

        // A news update, published: its banner is Welsh.
        (await admin.SubmitAsync("/admin/news/edit", "/admin/news/edit", new() { ["title"] = "Newyddion yr wythnos", ["summary"] = "", ["body"] = "Diolch i bawb.", ["publish"] = "true" }))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        await ShowsWelshAsync(admin, "/admin/news", "Wedi cadw “Newyddion yr wythnos”: mae ar y safle.", "Saved “");
        (await admin.GetPageAsync("/admin/news")).Html.Should().Contain("Ysgrifennu diweddariad newyddion");
        var newsId = NewsRow().Match((await admin.GetPageAsync("/admin/news")).Html).Groups[1].Value;
        await ShowsWelshAsync(admin, $"/admin/news/edit/{newsId}", "Golygu “Newyddion yr wythnos”",
            "Edit “", "Published: changes show", "Summary (optional)", "The update", "Markdown: **bold**", "Back to news", "characters.");

        // A group, a member put in it, and an invite link: each answer in Welsh.
        (await admin.SubmitAsync("/admin/groups", "/admin/groups?handler=Create", new() { ["Slug"] = "leeds-trust", ["Name"] = "Ymddiriedolaeth Leeds" }))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        await ShowsWelshAsync(admin, "/admin/groups?group=leeds-trust", "Grŵp 'Ymddiriedolaeth Leeds' wedi'i wneud.", "made.");
        (await admin.SubmitAsync("/admin/groups?group=leeds-trust", "/admin/groups?handler=AddMember&group=leeds-trust", new() { ["Email"] = memberEmail }))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        await ShowsWelshAsync(admin, "/admin/groups?group=leeds-trust", "Mae Aled Aelod yn y grŵp.", "is in the group");
        var invited = await admin.SubmitAsync("/admin/groups?group=leeds-trust", "/admin/groups?handler=Invite&group=leeds-trust", new() { ["Days"] = "14" });
        invited.StatusCode.Should().Be(HttpStatusCode.OK);
        ShowsNoEnglish(await invited.Content.ReadAsStringAsync(), "Y ddolen wahodd, a ddangosir y tro hwn yn unig", "The invite link, shown this once");
        var unknown = await admin.SubmitAsync("/admin/groups?group=leeds-trust", "/admin/groups?handler=AddMember&group=leeds-trust", new() { ["Email"] = "neb@example.test" });
        unknown.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        ShowsNoEnglish(await unknown.Content.ReadAsStringAsync(), "Rhowch gyfeiriad e-bost aelod o'r safle hwn.", "Enter the email address", "Error:");

        // A webhook address, and one refused: the refusals name their fields in Welsh.
        var refused = await admin.SubmitAsync("/admin/webhooks", "/admin/webhooks?handler=Add", new() { ["Address"] = "nid-url", ["Secret"] = "byr" });
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        ShowsNoEnglish(await refused.Content.ReadAsStringAsync(), "Rhowch gyfrinach o 16 nod o leiaf", "Enter the address as a full", "Enter a secret", "Error:");
        (await admin.SubmitAsync("/admin/webhooks", "/admin/webhooks?handler=Add", new() { ["Address"] = "https://example.nhs.uk/hooks", ["Secret"] = "cyfrinach-hir-iawn-yma" }))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        await ShowsWelshAsync(admin, "/admin/webhooks", "Bydd digwyddiadau'n cael eu postio i https://example.nhs.uk/hooks.", "Events will be posted");

        // The idea coded by two analysts (the admin and the analyst), so the agreement table is shown.
        (await CodingPagesTests.PostCodesAsync(admin, $"idea-{idea}", "mynediad")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        await ShowsWelshAsync(admin, "/admin/coding", $"Wedi cadw syniad {idea} gyda Mynediad at ofal.", "Saved idea", " with ");
        (await CodingPagesTests.PostCodesAsync(analyst, $"idea-{idea}", "mynediad", "staff")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var coded = await CodingPagesTests.PostCodesAsync(admin, $"idea-{idea}", "dim-cod-o'r-fath");
        coded.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        ShowsNoEnglish(await coded.Content.ReadAsStringAsync(), "Rydych wedi codio", "You have coded", "Error:");

        // Email to the people of a challenge, without choosing it: the refusal is Welsh.
        var unchosen = await admin.SubmitAsync("/admin/updates", "/admin/updates", new() { ["Audience"] = "challenge", ["ChallengeSlug"] = "", ["Subject"] = "Pwnc", ["Body"] = "Neges" });
        unchosen.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        ShowsNoEnglish(await unchosen.Content.ReadAsStringAsync(), "Dewiswch yr her y bydd ei chyfranogwyr yn cael y diweddariad hwn.", "Choose the challenge whose", "Error:");

        // A file previewed for import, with its rows and their errors.
        var preview = await DataExchangeTests.PagePostAsync(admin, "Preview", new() { ["source"] = "Sesiwn Connect", ["heldOn"] = DateTime.UtcNow.ToString("yyyy-MM-dd") },
            Encoding.UTF8.GetBytes("type,key,challenge,title,body,parent,submitted_at\nidea,1,waiting-well,Teitl syniad da,Corff y syniad.,,\ncomment,2,,,Sylw,9,\n"));
        ShowsNoEnglish(await preview.Content.ReadAsStringAsync(), "Gwirio'r mewnforio", "Check the import", "new idea", "already imported", "error", "Every row in the file",
            "Type and key", "Title and body", "Submitted", "Line 3", "Nothing will be imported until", "Preview another file", "Imported so far");

        foreach (var (path, welsh, english) in Pages)
        {
            await ShowsWelshAsync(admin, path, welsh, english);
            (await admin.GetPageAsync(path)).Html.Should().Contain("<html lang=\"cy\"", path);
        }
        admin.Dispose();
        analyst.Dispose();
        member.Dispose();
    }

    [Fact]
    public async Task An_admin_of_an_English_site_reads_the_same_pages_in_English()
    {
        var (admin, _) = await app.MemberAsync("alpha.test", Roles.Admin, "Ada Admin");
        foreach (var (path, _, english) in Pages.Where(p => !p.Path.Contains('?')))
        {
            var (status, html) = await admin.GetPageAsync(path);
            status.Should().Be(HttpStatusCode.OK, path);
            WebUtility.HtmlDecode(html).Should().Contain("<html lang=\"en\"").And.Contain(english[0], $"{path} is worded in English on an English site");
        }
        admin.Dispose();
    }

    /// <summary>The agreement page words Landis and Koch's reading of a kappa from the catalogues: every reading Core gives has its key.</summary>
    [Fact]
    public void Every_reading_of_a_kappa_is_worded_as_Core_reads_it()
    {
        var english = System.Globalization.CultureInfo.GetCultureInfo("en-GB");
        var code = new Engine.Core.Coding.Code("access", "Access", 1, null, null);
        var rows = (from both in Enumerable.Range(0, 6) from first in Enumerable.Range(0, 6) from second in Enumerable.Range(0, 6) from neither in Enumerable.Range(0, 6)
                    select new Engine.Core.Coding.CodeAgreement(code, both + first + second + neither, both, first, second, neither)).ToList();
        rows.Select(r => r.Reading).Distinct().Should().HaveCount(7, "the sample reaches every reading, from undefined to almost perfect");
        rows.Where(r => Engine.Web.Languages.EngineWords.Text(english, Engine.Web.Pages.Admin.CodingAgreementModel.ReadingKey(r)) != r.Reading)
            .Select(r => r.Reading).Distinct().Should().BeEmpty();
    }

    private static async Task ShowsWelshAsync(Visitor admin, string path, string welsh, params string[] english)
    {
        var (status, html) = await admin.GetPageAsync(path);
        status.Should().Be(HttpStatusCode.OK, path);
        using var scope = new FluentAssertions.Execution.AssertionScope(path);
        ShowsNoEnglish(html, welsh, english);
    }

    /// <summary>The page (as a person reads it: entities decoded, tags and attribute values kept, so aria-labels count) has the Welsh and none of the English.</summary>
    private static void ShowsNoEnglish(string html, string welsh, params string[] english)
    {
        var text = WebUtility.HtmlDecode(html);
        text.Should().Contain(welsh);
        // Where the English is, with a little around it, so a failure says which page and which part of it; not inside a
        // word, a class name or an address ("?handler=Remove", "nhsuk-error-message").
        english.Select(e => Regex.Match(text, $@".{{0,60}}(?<![\w=/-]){Regex.Escape(e)}.{{0,30}}")).Where(m => m.Success).Select(m => m.Value)
            .Should().BeEmpty($"the Welsh page ({welsh}) shows none of its old English");
    }

    [GeneratedRegex("id=\"news-(\\d+)\"")]
    private static partial Regex NewsRow();
}
