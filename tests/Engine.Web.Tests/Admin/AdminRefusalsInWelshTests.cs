using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Engine.Core.Imports;
using Engine.Core.Members;
using Engine.Web.Languages;
using Engine.Web.Pages.Admin;
using Manifest = Engine.Plugins.Manifest;

namespace Engine.Web.Tests.Admin;

/// <summary>
/// What the admin pages refuse (news, email to members, brand, groups, coding and the code frame, theme suggestions,
/// challenges, members, moderation, settings, an idea's status, theming), what is not found there, and every problem an
/// import finds in a file, are shown in Welsh to an admin who chose Welsh (on the content and data pages' Welsh site):
/// each use case's refusals carry a key of the catalogues, worded in English exactly as the API words them.
/// </summary>
public sealed partial class AdminRefusalsInWelshTests(AdminWordsContentAndDataPagesTests.App app) : IClassFixture<AdminWordsContentAndDataPagesTests.App>
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB"), Welsh = CultureInfo.GetCultureInfo("cy-GB");

    private async Task<Visitor> WelshAdminAsync() => (await WelshAdminWithIdAsync()).Admin;

    private async Task<(Visitor Admin, long Id)> WelshAdminWithIdAsync()
    {
        var (admin, id) = await app.MemberAsync("cymru.test", Roles.Admin, "Ceri Gweinyddwr");
        (await admin.GetPageAsync("/admin?lang=cy")).Html.Should().Contain("<html lang=\"cy\"");
        return (admin, id);
    }

    private async Task<long> IdeaAsync()
    {
        using var member = (await app.MemberAsync("cymru.test", Roles.Member, "Aled Aelod")).Visitor;
        return await member.PostIdeaAsync(title: "Negeseuon testun cyn apwyntiad", body: "Byddai'n arbed galwadau ffôn.");
    }

    /// <summary>The page was refused (400) and says so in Welsh, with none of the English it said before.</summary>
    private static async Task RefusedInWelshAsync(HttpResponseMessage response, string welsh, params string[] english)
    {
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, html);
        html.Should().Contain("<html lang=\"cy\"").And.Contain(welsh);
        foreach (var e in english) html.Should().NotContain(e, $"the Welsh page ({welsh}) shows none of its old English");
    }

    [Fact]
    public async Task Assigning_to_someone_not_from_the_list_is_refused_in_Welsh()
    {
        using var admin = await WelshAdminAsync();
        var idea = await IdeaAsync();
        await RefusedInWelshAsync(await admin.SubmitAsync("/admin/responses", "/admin/responses?handler=Assign",
                new() { ["kind"] = "idea", ["id"] = $"{idea}", ["memberId"] = "rhywun" }),
            "Dewiswch rywun o'r rhestr.", "Choose someone from the list.");
    }

    [Theory]
    [InlineData("{\"moderation\":[{\"rule\":\"word-list\"},{\"rule\":\"word-list\"}]}", "admin.rules.moderation-twice",
        "Mae'r rheol gymedroli 'word-list' wedi'i dewis ddwywaith: dewiswch hi unwaith.")]
    [InlineData("{\"voting\":{\"rule\":\"dim-rheol\"}}", "admin.rules.no-such-rule.voting",
        "Nid oes rheol bleidleisio o'r enw 'dim-rheol' ymhlith yr ategion sydd wedi'u llwytho.")]
    [InlineData("{\"voting\":{\"rule\":\"budget\",\"settings\":{\"votes\":0}}}", "admin.rules.setting.below-min",
        "Rhaid i'r gosodiad 'votes' fod yn 1 o leiaf, nid 0.")]
    [InlineData("{\"voting\":{\"rule\":\"budget\",\"settings\":{\"pleidleisiau\":3}}}", "admin.rules.setting.not-a-setting",
        "Nid yw'r gosodiad 'pleidleisiau' yn un o osodiadau'r rheol (votes).")]
    public async Task Rules_the_site_cannot_take_are_refused_in_Welsh_when_asked_with_their_code(string rules, string code, string welsh)
    {
        using var admin = await WelshAdminAsync();
        var response = await admin.Http.PutAsync("api/v1/admin/settings/rules?lang=cy", new StringContent(rules, Encoding.UTF8, "application/json"));
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await Visitor.ProblemAsync(response);
        problem.GetProperty("detail").GetString().Should().Be(welsh);
        problem.GetProperty("code").GetString().Should().Be(code);
    }

    [Fact]
    public async Task A_news_update_with_too_long_a_summary_is_refused_in_Welsh()
    {
        using var admin = await WelshAdminAsync();
        var refused = await admin.SubmitAsync("/admin/news/edit", "/admin/news/edit",
            new() { ["title"] = "Newyddion", ["summary"] = new string('a', 301), ["body"] = "Diolch.", ["publish"] = "false" });
        await RefusedInWelshAsync(refused, "Rhaid i'r crynodeb fod yn 300 nod neu lai (mae ganddo 301).", "Summary must be");
    }

    [Fact]
    public async Task An_email_to_members_with_a_two_line_subject_or_to_a_challenge_the_site_has_not_is_refused_in_Welsh()
    {
        using var admin = await WelshAdminAsync();
        await RefusedInWelshAsync(await admin.SubmitAsync("/admin/updates", "/admin/updates",
                new() { ["Audience"] = "everyone", ["ChallengeSlug"] = "", ["Subject"] = "Pwnc\nail linell", ["Body"] = "Neges" }),
            "Rhaid i'r pwnc fod ar un llinell.", "Subject must be one line");
        await RefusedInWelshAsync(await admin.SubmitAsync("/admin/updates", "/admin/updates",
                new() { ["Audience"] = "challenge", ["ChallengeSlug"] = "dim-her", ["Subject"] = "Pwnc", ["Body"] = "Neges" }),
            "Nid oes her 'dim-her' ar y safle hwn.", "There is no challenge");
        await RefusedInWelshAsync(await admin.SubmitAsync("/admin/updates", "/admin/updates",
                new() { ["Audience"] = "everyone", ["ChallengeSlug"] = "", ["Subject"] = "P", ["Body"] = "Neges" }),
            "Rhaid i'r pwnc fod o leiaf 3 nod.", "Subject must be");
    }

    [Fact]
    public async Task A_brand_with_a_colour_that_is_not_hex_or_too_light_for_white_text_is_refused_in_Welsh()
    {
        using var admin = await WelshAdminAsync();
        Dictionary<string, string> Brand(string primary, string accent) =>
            new() { ["Name"] = "Syniadau Cymru", ["Tagline"] = "", ["PrimaryColour"] = primary, ["AccentColour"] = accent };
        await RefusedInWelshAsync(await admin.SubmitAsync("/admin/settings/branding", "/admin/settings/branding", Brand("glas", "#ffb81c")),
            "Rhaid i'r prif liw fod yn lliw hecs fel #005eb8", "must be a hex colour");
        await RefusedInWelshAsync(await admin.SubmitAsync("/admin/settings/branding", "/admin/settings/branding", Brand("#005eb8", "melyn")),
            "Rhaid i'r lliw acen fod yn lliw hecs fel #005eb8", "must be a hex colour");
        await RefusedInWelshAsync(await admin.SubmitAsync("/admin/settings/branding", "/admin/settings/branding", Brand("#ffff00", "#ffb81c")),
            "Mae gan destun gwyn ar #ffff00 gymhareb cyferbyniad o 1.1:1; mae angen o leiaf 4.5:1", "White text on", "Choose a darker colour");
    }

    [Fact]
    public async Task A_group_with_a_bad_or_taken_slug_and_an_invite_for_too_long_are_refused_in_Welsh()
    {
        using var admin = await WelshAdminAsync();
        await RefusedInWelshAsync(await admin.SubmitAsync("/admin/groups", "/admin/groups?handler=Create", new() { ["Slug"] = "Leeds Trust", ["Name"] = "Ymddiriedolaeth Leeds" }),
            "Defnyddiwch lythrennau bach, digidau a chysylltnodau", "Use lower-case letters");
        (await admin.SubmitAsync("/admin/groups", "/admin/groups?handler=Create", new() { ["Slug"] = "caerdydd", ["Name"] = "Caerdydd" }))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        await RefusedInWelshAsync(await admin.SubmitAsync("/admin/groups", "/admin/groups?handler=Create", new() { ["Slug"] = "caerdydd", ["Name"] = "Caerdydd eto" }),
            "Mae grŵp o'r enw 'caerdydd' yn bodoli eisoes.", "already exists");
        await RefusedInWelshAsync(await admin.SubmitAsync("/admin/groups?group=caerdydd", "/admin/groups?handler=Invite&group=caerdydd", new() { ["Days"] = "365" }),
            "Mae dolen wahodd yn gweithio am rhwng 1 a 90 diwrnod.", "An invite link works for");
    }

    [Fact]
    public async Task A_code_the_frame_has_not_and_a_frame_with_a_number_key_twice_are_refused_in_Welsh()
    {
        using var admin = await WelshAdminAsync();
        var idea = await IdeaAsync();
        await RefusedInWelshAsync(await CodingPagesTests.PostCodesAsync(admin, $"idea-{idea}", "dim-cod"),
            "Nid yw 'dim-cod' yn god yn ffrâm godio'r safle hwn.", "is not a code of this site");
        await RefusedInWelshAsync(await admin.SubmitAsync("/admin/coding/frame", "/admin/coding/frame", new()
            {
                ["Rows[0].Id"] = "mynediad", ["Rows[0].Name"] = "Mynediad at ofal", ["Rows[0].Key"] = "1",
                ["Rows[1].Id"] = "staff", ["Rows[1].Name"] = "Staffio", ["Rows[1].Key"] = "1",
            }),
            "codes[1].key: defnyddir 1 ddwywaith: mae pob bysell rif yn troi un cod ymlaen neu i ffwrdd.", "is used twice");
    }

    [Fact]
    public async Task A_theme_suggestion_that_is_not_there_or_merged_with_none_is_refused_in_Welsh()
    {
        using var admin = await WelshAdminAsync();
        await RefusedInWelshAsync(await admin.SubmitAsync("/admin/suggestions?challenge=waiting-well", "/admin/suggestions?handler=Reject&challenge=waiting-well",
                new() { ["id"] = "999999" }),
            "Ni chafwyd hyd i awgrym 999999 ar y safle hwn.", "was not found");
        await RefusedInWelshAsync(await admin.SubmitAsync("/admin/suggestions?challenge=waiting-well", "/admin/suggestions?handler=Merge&challenge=waiting-well",
                new() { ["id"] = "999999", ["other"] = "" }),
            "Dewiswch awgrym arall i'w gyfuno â'r un hwn.", "Choose another suggestion");
    }

    [Fact]
    public async Task A_challenge_that_is_not_found_is_said_in_Welsh()
    {
        using var admin = await WelshAdminAsync();
        await RefusedInWelshAsync(await admin.SubmitAsync("/admin/challenges", "/admin/challenges?handler=Move", new() { ["slug"] = "dim-her", ["direction"] = "up" }),
            "Ni chafwyd hyd i'r her.", "Challenge was not found");
    }

    [Fact]
    public async Task Blocking_oneself_or_taking_away_one_s_own_admin_role_is_refused_in_Welsh()
    {
        var (admin, me) = await WelshAdminWithIdAsync();
        using var _ = admin;
        await RefusedInWelshAsync(await admin.SubmitAsync("/admin/members", "/admin/members?handler=Block", new() { ["id"] = $"{me}", ["reason"] = "Rheswm da iawn" }),
            "Ni allwch rwystro eich hun.", "You cannot block yourself");
        await RefusedInWelshAsync(await admin.SubmitAsync("/admin/members", "/admin/members?handler=Role", new() { ["id"] = $"{me}", ["role"] = Roles.Member }),
            "Ni allwch dynnu eich rôl gweinyddwr eich hun: gofynnwch i weinyddwr arall.", "You cannot take away");
    }

    [Fact]
    public async Task Hiding_without_a_reason_and_restoring_what_is_not_hidden_are_refused_in_Welsh()
    {
        using var admin = await WelshAdminAsync();
        var idea = await IdeaAsync();
        await RefusedInWelshAsync(await admin.SubmitAsync("/admin/moderation", "/admin/moderation?handler=Hide", new() { ["kind"] = "idea", ["id"] = $"{idea}", ["reason"] = "" }),
            "Rhowch reswm (o leiaf 5 nod): caiff ei gofnodi, a'i ddangos i'r awdur.", "Give a reason");
        await RefusedInWelshAsync(await admin.SubmitAsync("/admin/moderation?view=hidden", "/admin/moderation?handler=Restore&view=hidden", new() { ["kind"] = "idea", ["id"] = $"{idea}" }),
            "Nid yw'r syniad hwn wedi'i guddio, felly ni ellir ei adfer.", "so it cannot be restored");
    }

    [Fact]
    public async Task Switching_password_accounts_off_without_single_sign_on_is_refused_in_Welsh()
    {
        using var admin = await WelshAdminAsync();
        await RefusedInWelshAsync(await admin.SubmitAsync("/admin/settings", "/admin/settings?handler=Passwords", new() { ["Passwords"] = "false" }),
            "Dim ond ar safle sydd â darparwr mewngofnodi sengl yn tenant.json y gellir diffodd cyfrifon cyfrinair", "Password accounts can be switched off");
    }

    [Fact]
    public async Task An_idea_s_status_with_too_long_a_note_and_undoing_a_merge_there_was_not_are_refused_in_Welsh()
    {
        using var admin = await WelshAdminAsync();
        var idea = await IdeaAsync();
        await RefusedInWelshAsync(await admin.SubmitAsync($"/admin/ideas/{idea}/status", $"/admin/ideas/{idea}/status",
                new() { ["status"] = Engine.Core.Ideas.IdeaStatuses.Keys[1], ["note"] = new string('n', 1001) }),
            "Rhaid i'r nodyn fod yn 1000 nod neu lai.", "The note must be");
        await RefusedInWelshAsync(await admin.SubmitAsync("/admin/theming?challenge=waiting-well", "/admin/theming?handler=Undo&challenge=waiting-well", new() { ["id"] = $"{idea}" }),
            $"Nid yw syniad {idea} wedi'i gyfuno â syniad arall.", "is not merged into another idea");
    }

    [Fact]
    public async Task An_import_with_bad_rows_shows_each_problem_in_Welsh_with_its_line_and_column()
    {
        using var admin = await WelshAdminAsync();
        var csv = "type,key,challenge,title,body,parent,submitted_at\n" +
                  "syniad,1,waiting-well,Teitl syniad da,Corff y syniad.,,\n" +
                  "idea,2,dim-her,Teitl syniad da,Corff y syniad.,,\n" +
                  "comment,3,,,Sylw,9,\n";
        var preview = await DataExchangeTests.PagePostAsync(admin, "Preview", new() { ["source"] = "Sesiwn Connect", ["heldOn"] = DateTime.UtcNow.ToString("yyyy-MM-dd") },
            Encoding.UTF8.GetBytes(csv));
        await RefusedInWelshAsync(preview, "Llinell 2, colofn 1 (type): Nid yw “syniad” yn fath: defnyddiwch idea neu comment.",
            "is not a type", "There is no challenge", "There is no idea with key");
        var html = WebUtility.HtmlDecode(await preview.Content.ReadAsStringAsync());
        html.Should().Contain("Llinell 3, colofn 3 (challenge): Nid oes her “dim-her” ar y safle hwn. Yr heriau yw: waiting-well.")
            .And.Contain("Llinell 4, colofn 6 (parent): Nid oes syniad ag allwedd “9” yn y ffeil hon.");

        var badSource = await DataExchangeTests.PagePostAsync(admin, "Preview", new() { ["source"] = "Sesiwn Connect", ["heldOn"] = "ddoe" }, Encoding.UTF8.GetBytes(csv));
        await RefusedInWelshAsync(badSource, "Nid yw “ddoe” yn ddyddiad: rhowch ef fel blwyddyn-mis-diwrnod, fel 2026-05-12.", "is not a date");
        var noSource = await DataExchangeTests.PagePostAsync(admin, "Preview", new() { ["source"] = "", ["heldOn"] = DateTime.UtcNow.ToString("yyyy-MM-dd") }, Encoding.UTF8.GetBytes(csv));
        await RefusedInWelshAsync(noSource, "Mae angen ffynhonnell.", "Source is required");
    }

    [Fact]
    public void Every_problem_an_import_finds_is_worded_in_English_as_the_API_words_it_and_in_Welsh()
    {
        var now = new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        string[] slugs = ["waiting-well", "last-year"];
        var dates = new ImportDates(new DateOnly(2026, 11, 20), new Dictionary<string, DateTimeOffset> { ["waiting-well"] = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero) }, false);
        ImportFileContents Read(byte[] bytes) => ImportFile.Read(bytes, slugs, london, now, dates, ["en-GB", "cy-GB"]);
        ImportFileContents Text(string text) => Read(Encoding.UTF8.GetBytes(text));
        const string good = "Good title here,A body";
        var rows = string.Join("\n",
            "type,key,challenge,title,body,parent,submitted_at,language",
            $"idea,1,waiting-well,{good},,2026-11-20,",
            $",2,waiting-well,{good},,,",
            $"wish,3,waiting-well,{good},,,",
            $"idea,,waiting-well,{good},,,",
            $"idea,{new string('k', ImportFile.KeyMax + 1)},waiting-well,{good},,,",
            $"idea,7,,{good},,,",
            $"idea,8,nowhere,{good},,,",
            "idea,9,waiting-well,Hi,A body,,,",
            $"idea,10,waiting-well,{good},1,,",
            "comment,11,,A title,A body,1,,",
            "comment,12,,,A body,,,",
            $"idea,13,waiting-well,{good},,2027-01-01,",
            $"idea,14,waiting-well,{good},,yesterday,",
            $"idea,15,waiting-well,{good},,,fr",
            $"idea,1,waiting-well,{good},,,",
            "comment,17,,,A body,no-such-key,,",
            "comment,18,,,A body,9,,",
            "comment,19,last-year,,A body,1,,",
            $"idea,20,waiting-well,{good},,2026-01-01,",
            $"idea,21,last-year,{good},,2025-01-01,",
            $"idea,22,waiting-well,{good},,,,extra",
            "idea,23,waiting-well,Good \"title\" here,A body,,,") + "\n";
        var files = new[]
        {
            Text(rows),
            Text("type,key,challenge,title,colour,type\n"),
            Text(""),
            Text("type,key,challenge,title,body\n"),
            Read([.. Encoding.UTF8.GetBytes("type,key,challenge,title,body\nidea,1,waiting-well,Caf"), 0xE9, .. Encoding.UTF8.GetBytes(",body\n")]),
            Read(new byte[ImportFile.MaxBytes + 1]),
            Text($"type,key,challenge,title,body,parent,category\nidea,1,waiting-well,{good},,\ncomment,2,,,A body,1,Staff\n"),
        };
        var problems = files.SelectMany(f => f.FileErrors.Concat(f.Rows.SelectMany(r => r.Errors))).ToList();

        problems.Where(p => p.Key is null).Select(p => p.ToString()).Should().BeEmpty("every problem has a key");
        problems.Where(p => ImportModel.Problem(English, p) != p.Message).Select(p => $"{p.Key}: {ImportModel.Problem(English, p)} ≠ {p.Message}")
            .Should().BeEmpty("the English page words each problem as the API does");
        problems.Where(p => ImportModel.Problem(Welsh, p) == p.Message).Select(p => p.Key).Should().BeEmpty("each problem is worded in Welsh");
        // A file with any text has a first line, so "no header" cannot be reached from a file; every other problem is shown above.
        EngineWords.Catalogues.Entries("en").Keys.Where(k => k.StartsWith("admin.import.problem.", StringComparison.Ordinal) && k != "admin.import.problem.no-header")
            .Except(problems.Select(p => p.Key!)).Should().BeEmpty("this test finds every problem the import can find");
        ImportModel.Problem(Welsh, problems.Single(p => p.Key == "admin.import.problem.before-challenge"))
            .Should().StartWith("Mae 1 Ionawr 2026 cyn i'r her “waiting-well” agor (1 Mehefin 2026)", "a day is worded in the page's language");
    }

    [Fact]
    public void Every_key_a_use_case_refuses_with_is_in_English_and_in_Welsh_and_so_is_every_thing_not_found()
    {
        List<(string File, string Text)> Code(string project) => Directory.EnumerateFiles(Path.Combine(TestRepository.Root, "engine", project), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .Select(f => (Path.GetFileName(f), File.ReadAllText(f))).ToList();
        var core = Code("Engine.Core");
        var keys = core.SelectMany(f => CoreKey().Matches(f.Text).Select(m => (f.File, Key: m.Groups[1].Value))).ToList();
        // Things not found, wherever the engine says so (a page model too).
        var things = core.Concat(Code("Engine.Web")).SelectMany(f => NotFound().Matches(f.Text).SelectMany(m => Literal().Matches(m.Groups[1].Value))
            .Select(m => (f.File, Key: Core.Common.Error.NotFound(m.Groups[1].Value).Key!))).ToList();
        keys.Should().Contain(k => k.Key == "admin.groups.slug-format").And.Contain(k => k.Key == "admin.import.problem.not-a-type");
        things.Should().Contain(t => t.Key == "error.not-found.challenge").And.Contain(t => t.Key == "error.not-found.comment");
        foreach (var culture in new[] { "en", "cy" })
            keys.Concat(things).Where(k => EngineWords.Catalogues.Find(culture, k.Key, fallBack: false) is null).Select(k => $"{k.File}: {k.Key}")
                .Should().BeEmpty($"every key Engine.Core refuses with is worded in {culture}");
        EngineWords.Text(Welsh, "error.not-found.idea").Should().Be("Ni chafwyd hyd i'r syniad.");
        EngineWords.Text(English, Core.Common.Error.NotFound("Big idea").Key!).Should().Be(Core.Common.Error.NotFound("Big idea").Message);
    }

    /// <summary>A rule's setting the binder refuses (out of range, not a choice ...) is worded by its kind, which every admin language has.</summary>
    [Fact]
    public void Every_kind_of_setting_problem_is_worded_in_English_as_tenant_json_words_it_and_in_Welsh()
    {
        foreach (var kind in Manifest.SettingFault.Kinds)
            foreach (var culture in new[] { "en", "cy" })
                EngineWords.Catalogues.Find(culture, $"admin.rules.setting.{kind}", fallBack: false).Should().NotBeNull($"{kind} is worded in {culture}");
        var rule = new Manifest.RuleManifest { Kind = Manifest.RuleKind.Voting, Name = "r", Settings = new Dictionary<string, Manifest.SettingSchema>
            { ["count"] = new() { Type = Manifest.SettingType.Int, Min = 1, Max = 5 } } };
        var (_, problem) = Manifest.SettingValues.BindNamed(rule, new Dictionary<string, System.Text.Json.JsonElement>
            { ["count"] = System.Text.Json.JsonDocument.Parse("9").RootElement });
        problem!.Kind.Should().Be(Manifest.SettingFault.AboveMax);
        EngineWords.Text(English, $"admin.rules.setting.{problem.Kind}", ["settings.count", "count", .. problem.Values]).Should().Be($"The setting 'count' {problem.Problem}");
        EngineWords.Text(Welsh, $"admin.rules.setting.{problem.Kind}", ["settings.count", "count", .. problem.Values]).Should().Be("Rhaid i'r gosodiad 'count' fod yn 5 ar y mwyaf, nid 9.");
    }

    // A catalogue key written whole in Engine.Core ("admin.groups.exists", "error.not-found"): a refusal's key or a problem's.
    [GeneratedRegex("\"((?:admin|error)\\.[a-z][a-z0-9-]*\\.[a-z0-9.-]*[a-z0-9])\"")]
    private static partial Regex CoreKey();

    // What Error.NotFound is given: Error.NotFound("Invite link"), Error.NotFound(kind == Idea ? "Idea" : "Comment").
    [GeneratedRegex("Error\\.NotFound\\(([^()]*)\\)")]
    private static partial Regex NotFound();

    [GeneratedRegex("\"([^\"]+)\"")]
    private static partial Regex Literal();
}
