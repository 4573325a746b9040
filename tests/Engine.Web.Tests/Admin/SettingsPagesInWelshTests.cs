using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Engine.Core.Challenges;
using Engine.Core.Members;
using Engine.Core.Roadmap;
using Engine.Web.Languages;

namespace Engine.Web.Tests.Admin;

/// <summary>
/// The settings, rules, challenges, theming and numbers pages (and the partials they share) on a Welsh site: every page
/// is in Welsh, and none shows any English sentence it used to show (every English text of their catalogue keys), nor do
/// the messages after an action or a refusal. An English site keeps its English pages (AdminPagesTests and the others).
/// </summary>
public sealed partial class SettingsPagesInWelshTests(SettingsPagesInWelshTests.App app) : IClassFixture<SettingsPagesInWelshTests.App>
{
    public sealed class App : EngineApp
    {
        public App()
        {
            var welsh = Tenant("cymru", "Syniadau Cymru", ["cymru.test"], anonymous: true, downVotes: true);
            welsh["locale"] = "cy-GB";
            welsh["languages"] = new[] { "en-GB" };
            WriteTenant("cymru", welsh);
        }
    }

    /// <summary>The key prefixes of these pages' words: what the pages used to write in English is these keys' English now.</summary>
    private static readonly string[] Prefixes =
    [
        "admin.settings.", "admin.challenge-settings.", "admin.rules.", "admin.rule-fields.", "admin.challenges.", "admin.challenge-edit.",
        "admin.theming.", "admin.numbers.", "admin.breakdowns.", "admin.code-counts.",
    ];

    [Fact]
    public async Task Each_settings_challenge_theming_and_numbers_page_is_in_Welsh_with_none_of_its_English_left()
    {
        var (admin, _) = await app.MemberAsync("cymru.test", Roles.Admin, "Ceri Admin");
        var (author, _) = await app.MemberAsync("cymru.test", Roles.Member, "Awdur Syniadau");
        var kept = await author.PostIdeaAsync("Negeseuon testun i gleifion", "Byddai'n rhyddhau'r ffonau.");
        var duplicate = await author.PostIdeaAsync("Negeseuon testun am restrau aros", "Yr un syniad eto.");
        const string theming = "/admin/theming?challenge=waiting-well";
        // Something in every part of the theming page: a merged idea, a theme with an idea, a big idea.
        await DoneInWelshAsync(admin, theming, theming + "&handler=Merge", new() { ["duplicate"] = $"{duplicate}", ["keep"] = $"{kept}" }, "Cyfunwyd “Negeseuon testun am restrau aros”");
        await DoneInWelshAsync(admin, theming, theming + "&handler=CreateTheme", new() { ["title"] = "Negeseuon", ["summary"] = "" }, "Crëwyd y thema “Negeseuon”.");
        await DoneInWelshAsync(admin, theming, theming + "&handler=CreateBigIdea", new() { ["title"] = "Cyfathrebu", ["summary"] = "", ["description"] = "" }, "Crëwyd y syniad mawr “Cyfathrebu”.");

        var pages = new Dictionary<string, string>
        {
            ["/admin/settings"] = "Beth gall aelodau ei wneud",
            ["/admin/settings/rules"] = "Rheol bleidleisio",
            ["/admin/settings/challenges/waiting-well"] = "Gosodiadau ar gyfer Waiting well",
            ["/admin/challenges"] = "Yn y drefn y mae'r safle'n eu dangos",
            ["/admin/challenges/edit"] = "Enw'r cyfeiriad gwe",
            ["/admin/challenges/edit/waiting-well"] = "Golygu “Waiting well”",
            ["/admin/theming"] = "Dangos yr her hon",
            [theming] = "Cyfuno syniadau dyblyg",
            ["/admin/numbers"] = "Hyd yma",
            ["/admin/numbers?challenge=waiting-well"] = "Rhyngweithiadau bob dydd",
        };
        var english = EnglishOfThesePages();
        english.Should().Contain("Merge duplicate ideas").And.Contain("What members can do").And.HaveCountGreaterThan(150);
        foreach (var (path, welsh) in pages)
        {
            var (status, html) = await admin.GetPageAsync(path);
            status.Should().Be(HttpStatusCode.OK, path);
            html.Should().Contain("<html lang=\"cy\"", path);
            var text = WebUtility.HtmlDecode(html);
            text.Should().Contain(welsh, path);
            english.Where(e => text.Contains(e, StringComparison.Ordinal)).Should().BeEmpty($"{path} shows no English it used to show");
        }
        var themed = WebUtility.HtmlDecode((await admin.GetPageAsync(theming)).Html);
        themed.Should().Contain("Syniadau wedi'u cyfuno").And.Contain("Thema newydd").And.Contain("Cam ar y map ffordd").And.Contain("Syniad mawr</option>")
            .And.Contain("(ar agor)", "the challenge's state is worded in Welsh in the list of challenges");
        admin.Dispose();
        author.Dispose();
    }

    [Fact]
    public async Task Saving_and_refusing_on_the_settings_and_challenge_pages_say_so_in_Welsh()
    {
        var (admin, _) = await app.MemberAsync("cymru.test", Roles.Admin, "Ceri Admin");
        await DoneInWelshAsync(admin, "/admin/settings", "/admin/settings", new() { ["AnonymousPosting"] = "true" }, "Gosodiadau wedi'u cadw");
        await DoneInWelshAsync(admin, "/admin/settings", "/admin/settings?handler=Passwords", new() { ["Passwords"] = "true" }, "Mae cyfrifon cyfrinair ymlaen");

        var window = await RefusedAsync(admin, "/admin/settings", "/admin/settings?handler=Editing", new() { ["EditWindow"] = "sometimes" });
        window.Should().Contain("Dewiswch am ba hyd y caiff aelodau olygu eu postiadau.").And.Contain("<title>Gwall: Gosodiadau");

        var state = await RefusedAsync(admin, "/admin/challenges/edit", "/admin/challenges/edit",
            new() { ["slug"] = "her-newydd", ["title"] = "Her newydd", ["state"] = "someday", ["audience"] = "everyone" });
        WebUtility.HtmlDecode(state).Should().Contain("Dewiswch a yw'r her yn ddrafft, ar agor, wedi cau neu wedi'i harchifo.");
        var time = await RefusedAsync(admin, "/admin/challenges/edit", "/admin/challenges/edit",
            new() { ["slug"] = "her-newydd", ["title"] = "Her newydd", ["state"] = "draft", ["audience"] = "everyone", ["opensAt"] = "yfory" });
        time.Should().Contain("Rhowch ddyddiad ac amser");
        var slug = await RefusedAsync(admin, "/admin/challenges/edit", "/admin/challenges/edit",
            new() { ["slug"] = "Her Newydd", ["title"] = "Her newydd", ["state"] = "draft", ["audience"] = "everyone" });
        slug.Should().Contain("Defnyddiwch lythrennau bach, digidau a chysylltnodau", "a refusal from the use case is worded from its key too");
        var minutes = await RefusedAsync(admin, "/admin/settings", "/admin/settings?handler=Editing", new() { ["EditWindow"] = "minutes", ["EditMinutes"] = "0" });
        minutes.Should().Contain("Rhowch nifer y munudau y gellir golygu postiadau, o 1 i 10080 (wythnos).");

        var position = await RefusedAsync(admin, "/admin/settings/rules", "/admin/settings/rules",
            new() { ["voting"] = "built-in", ["anonymity"] = "built-in", ["moderation"] = "keyword-filter", ["moderation.keyword-filter.position"] = "cyntaf" });
        WebUtility.HtmlDecode(position).Should().Contain("Rhaid i safle 'keyword-filter' fod yn rhif cyfan");

        await DoneInWelshAsync(admin, "/admin/challenges/edit", "/admin/challenges/edit",
            new() { ["slug"] = "her-newydd", ["title"] = "Her newydd", ["description"] = "", ["state"] = "draft", ["audience"] = "everyone" }, "Crëwyd “Her newydd”.",
            page: "/admin/challenges");
        await DoneInWelshAsync(admin, "/admin/settings/challenges/waiting-well", "/admin/settings/challenges/waiting-well?handler=Clear", [],
            "Mae 'Waiting well' yn dilyn gosodiadau'r safle eto.", page: "/admin/settings/challenges/waiting-well");
        admin.Dispose();
    }

    [Fact]
    public void Every_challenge_state_audience_and_big_idea_stage_is_worded_in_English_and_in_Welsh()
    {
        var keys = Enum.GetValues<ChallengeState>().Select(s => s.ToString().ToLowerInvariant())
            .SelectMany(s => new[] { "admin.challenges.state-" + s, $"admin.challenge-edit.state-{s}-hint" })
            .Concat(Enum.GetValues<AudienceKind>().Select(a => a.ToString().ToLowerInvariant())
                .SelectMany(a => new[] { "admin.challenge-edit.audience-" + a, $"admin.challenge-edit.audience-{a}-hint" }))
            .Concat(RoadmapStages.ForBigIdeas.Select(s => "admin.theming.stage-" + Engine.Core.Ideas.IdeaStatuses.Key(s)));
        foreach (var key in keys)
            foreach (var culture in new[] { "en", "cy" })
                EngineWords.Catalogues.Find(culture, key, fallBack: false).Should().NotBeNull($"{key} is worded in {culture}");
    }

    [Fact]
    public void Every_admin_key_a_use_case_gives_its_refusal_is_in_English_and_in_Welsh()
    {
        var asked = Directory.EnumerateFiles(Path.Combine(TestRepository.Root, "engine", "Engine.Core"), "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => CoreKey().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value)).ToList();
        asked.Should().Contain("admin.challenge-edit.slug-format");
        foreach (var key in asked)
            foreach (var culture in new[] { "en", "cy" })
                EngineWords.Catalogues.Find(culture, key, fallBack: false).Should().NotBeNull($"{key} is worded in {culture}");
    }

    [Theory]
    [InlineData(1, "Cyfunwyd “A” i “B”: mae ganddo 1 bleidlais i fyny nawr.")]
    [InlineData(2, "Cyfunwyd “A” i “B”: mae ganddo 2 bleidlais i fyny nawr.")]
    [InlineData(5, "Cyfunwyd “A” i “B”: mae ganddo 5 pleidlais i fyny nawr.")]
    public void A_merge_counts_its_up_votes_in_Welsh_plural_forms(int count, string expected) =>
        EngineWords.Text(CultureInfo.GetCultureInfo("cy-GB"), "admin.theming.done-merge", count, "A", "B").Should().Be(expected);

    // Each literal stretch of the English texts (between {0}-style values) long enough to be a phrase, not a word
    // that Welsh shares or a plugin's own name might contain.
    private static List<string> EnglishOfThesePages()
    {
        var english = EngineWords.Catalogues.Entries("en");
        var welsh = EngineWords.Catalogues.Entries("cy");
        return english.Where(e => Prefixes.Any(p => e.Key.StartsWith(p, StringComparison.Ordinal)))
            .SelectMany(e => e.Value.Text is { } text ? new[] { text } : e.Value.Plural!.Values.ToArray())
            .SelectMany(text => Value().Split(text))
            .Select(part => part.Trim(' ', '.', ',', ':', ';', '(', ')', '“', '”', '\''))
            .Where(part => part.Length >= 10 && part.Contains(' ', StringComparison.Ordinal))
            .Where(part => !welsh.Values.Any(w => (w.Text ?? "").Contains(part, StringComparison.Ordinal)))
            .Distinct().ToList();
    }

    private static async Task DoneInWelshAsync(Visitor admin, string form, string action, Dictionary<string, string> fields, string banner, string? page = null)
    {
        var response = await admin.SubmitAsync(form, action, fields);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var (_, html) = await admin.GetPageAsync(page ?? response.Headers.Location!.OriginalString);
        WebUtility.HtmlDecode(html).Should().Contain(banner);
    }

    private static async Task<string> RefusedAsync(Visitor admin, string form, string action, Dictionary<string, string> fields)
    {
        var response = await admin.SubmitAsync(form, action, fields);
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, html);
        html.Should().Contain("Mae problem");
        return html;
    }

    [GeneratedRegex("Keyed\\(\"(admin\\.[^\"]+)\"")]
    private static partial Regex CoreKey();

    [GeneratedRegex(@"\{\d\}")]
    private static partial Regex Value();
}
