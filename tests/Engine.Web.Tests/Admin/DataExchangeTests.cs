using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Engine.Core.Members;
using Microsoft.Extensions.DependencyInjection;

namespace Engine.Web.Tests.Admin;

/// <summary>
/// Import of ideas gathered offline (preview, all or nothing, idempotent, shown with their source, votable) and
/// exports (contents on a known data set, and that no anonymous author can be found in any exported byte).
/// </summary>
public sealed class DataExchangeTests(DataExchangeTests.App app) : IClassFixture<DataExchangeTests.App>
{
    public sealed class App : EngineApp
    {
        public App()
        {
            foreach (var id in new[] { "imports", "allornothing", "again", "exports", "anonymity", "xss", "limits", "empty" })
                WriteTenant(id, OpenSinceMay(Tenant(id, $"{id} site", [$"{id}.test"], anonymous: true, downVotes: true)));
            var sealedSite = OpenSinceMay(Tenant("sealed", "Sealed site", ["sealed.test"], anonymous: true, downVotes: false));
            sealedSite["rules"] = new { anonymity = new { rule = "fully-anonymous" } };
            WriteTenant("sealed", sealedSite);
            WriteTenant("dates", Tenant("dates", "Dates site", ["dates.test"], anonymous: false, downVotes: false));
        }

        /// <summary>The files here come from a session on 12 May 2026: their challenge was open then (an idea dated before its challenge opened is refused).</summary>
        private static Dictionary<string, object?> OpenSinceMay(Dictionary<string, object?> tenant)
        {
            tenant["challenges"] = new object[]
            {
                new { slug = "waiting-well", title = "Waiting well", description = "How can we help people wait well?", opensAt = new DateTimeOffset(2026, 5, 1, 9, 0, 0, TimeSpan.Zero), closesAt = Now.AddDays(21) },
                new { slug = "last-year", title = "Last year's challenge", description = "Closed now.", opensAt = Now.AddDays(-400), closesAt = Now.AddDays(-300) },
            };
            return tenant;
        }
    }

    private const string Header = "type,key,challenge,title,body,parent,submitted_at";

    private static readonly string GoodFile =
        $"{Header}\r\n" +
        "idea,1,waiting-well,Text reminders the day before,\"Send a text the day before, so \"\"nobody\"\" misses a slot.\",,2026-05-12 10:15\r\n" +
        "idea,2,waiting-well,A named contact while waiting,\"One person to ring.\r\nRaised by three people.\",,\r\n" +
        "comment,3,,,Our practice does this already.,1,2026-05-12 10:20\r\n";

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    internal static async Task<HttpResponseMessage> ApiImportAsync(Visitor admin, byte[] file, bool preview = false,
        string source = "Connect session", string heldOn = "2026-05-12", string facilitator = "Jo Bloggs", bool keepEarlyDates = false)
    {
        var url = $"api/v1/admin/imports{(preview ? "/preview" : "")}?source={Uri.EscapeDataString(source)}&heldOn={heldOn}" +
                  $"&facilitator={Uri.EscapeDataString(facilitator)}&fileName=session.csv" + (keepEarlyDates ? "&keepEarlyDates=true" : "");
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return await admin.Http.PostAsync(url, content);
    }

    private async Task<long> CountAsync(string sql, object args)
    {
        await using var c = app.Services.GetRequiredService<Engine.Data.Database>().OpenReader();
        return await c.ExecuteScalarAsync<long>(sql, args);
    }

    private static readonly Regex Token = new("<input(?=[^>]*name=\"__RequestVerificationToken\")[^>]*value=\"([^\"]+)\"");

    internal static async Task<HttpResponseMessage> PagePostAsync(Visitor admin, string handler, Dictionary<string, string> fields, byte[]? file = null)
    {
        var (_, html) = await admin.GetPageAsync("/admin/import");
        var form = new MultipartFormDataContent { { new StringContent(WebUtility.HtmlDecode(Token.Match(html).Groups[1].Value)), "__RequestVerificationToken" } };
        foreach (var (name, value) in fields) form.Add(new StringContent(value), name);
        if (file is not null)
        {
            var part = new ByteArrayContent(file);
            part.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            form.Add(part, "file", "connect-12-may.csv");
        }
        return await admin.Http.PostAsync($"/admin/import?handler={handler}", form);
    }

    private static Dictionary<string, string> Source(string name = "Connect session") =>
        new() { ["source"] = name, ["heldOn"] = "2026-05-12", ["facilitator"] = "Jo Bloggs" };

    [Fact]
    public async Task The_page_previews_every_row_writing_nothing_then_imports_on_confirmation_and_the_ideas_show_their_source_and_take_votes_and_comments()
    {
        var (admin, _) = await app.MemberAsync("imports.test", Roles.Admin, "Ada Admin");
        var (member, _) = await app.MemberAsync("imports.test", Roles.Member, "Mo Member");
        var statsBefore = await member.Http.GetFromJsonAsync<JsonElement>("api/v1/stats");

        var preview = await PagePostAsync(admin, "Preview", Source(), Bytes(GoodFile));
        preview.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await preview.Content.ReadAsStringAsync();
        html.Should().Contain("2 new ideas and 1 new comment").And.Contain("0 errors")
            .And.Contain("Text reminders the day before").And.Contain("A named contact while waiting").And.Contain("Our practice does this already.")
            .And.Contain("id=\"line-2\"").And.Contain("id=\"line-3\"").And.Contain("id=\"line-5\"", "the quoted line break makes the comment line 5");
        (await CountAsync("SELECT COUNT(*) FROM ideas WHERE tenant_id = 'imports'", new { })).Should().Be(0, "a preview writes nothing");
        var uploadId = Regex.Match(html, "name=\"uploadId\" value=\"(\\d+)\"").Groups[1].Value;
        uploadId.Should().NotBeEmpty("a file without errors can be imported");

        var confirm = await PagePostAsync(admin, "Import", new(Source()) { ["uploadId"] = uploadId });
        confirm.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await admin.GetPageAsync("/admin/import")).Html.Should().Contain("Imported 2 ideas and 1 comment.")
            .And.Contain("From Connect session, 12 May 2026, facilitated by Jo Bloggs");

        var (_, challenge) = await member.GetPageAsync("/challenges/waiting-well");
        challenge.Should().Contain("From Connect session, 12 May 2026, facilitated by Jo Bloggs").And.Contain("Text reminders the day before");
        var ideaId = await CountAsync("SELECT id FROM ideas WHERE tenant_id = 'imports' AND title = 'Text reminders the day before'", new { });
        var (_, page) = await member.GetPageAsync($"/ideas/{ideaId}");
        page.Should().Contain("From Connect session, 12 May 2026, facilitated by Jo Bloggs").And.Contain("Our practice does this already.")
            .And.NotContain("By ", "an imported idea has no author");

        var vote = await member.Http.PutAsJsonAsync($"api/v1/ideas/{ideaId}/vote", new { value = 1 });
        vote.StatusCode.Should().Be(HttpStatusCode.OK, await vote.Content.ReadAsStringAsync());
        (await vote.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("up").GetInt32().Should().Be(1);
        (await member.Http.PostAsJsonAsync($"api/v1/ideas/{ideaId}/comments", new { body = "A reply to the session", anonymous = false }))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        var api = await member.Http.GetFromJsonAsync<JsonElement>($"api/v1/ideas/{ideaId}");
        api.GetProperty("source").GetString().Should().Be("From Connect session, 12 May 2026, facilitated by Jo Bloggs");
        api.GetProperty("author").ValueKind.Should().Be(JsonValueKind.Null);
        api.GetProperty("commentCount").GetInt32().Should().Be(2);
        api.GetProperty("comments")[0].GetProperty("source").GetString().Should().StartWith("From Connect session");
        api.GetProperty("createdAt").GetDateTimeOffset().Should().Be(new DateTimeOffset(2026, 5, 12, 9, 15, 0, TimeSpan.Zero));

        var stats = await member.Http.GetFromJsonAsync<JsonElement>("api/v1/stats");
        stats.GetProperty("importedIdeas").GetInt32().Should().Be(2);
        stats.GetProperty("importedComments").GetInt32().Should().Be(1);
        stats.GetProperty("sources").GetInt32().Should().Be(1);
        stats.GetProperty("ideas").GetInt32().Should().Be(statsBefore.GetProperty("ideas").GetInt32() + 2);
        stats.GetProperty("people").GetInt32().Should().Be(statsBefore.GetProperty("people").GetInt32() + 1,
            "the member who voted and commented is one more person; the session's speakers are not");
        (await member.GetPageAsync("/")).Html.Should().Contain("From offline sessions");

        var audit = await admin.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/audit?action=ideas.imported");
        audit.EnumerateArray().Should().ContainSingle().Which.GetProperty("detail").GetString()
            .Should().Contain("2 ideas and 1 comments from Connect session").And.Contain("connect-12-may.csv");
        (await CountAsync("SELECT COUNT(*) FROM import_uploads WHERE tenant_id = 'imports'", new { })).Should().Be(0, "the staged upload goes once imported");
    }

    [Fact]
    public async Task Dates_before_the_challenge_opened_or_long_before_the_session_are_refused_by_line_and_column_unless_the_admin_keeps_them()
    {
        var (admin, _) = await app.MemberAsync("dates.test", Roles.Admin, "Ada Admin");
        // Today's session, for waiting-well (open since a week ago) and last-year (open from 400 to 300 days ago).
        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/London"));
        var session = today.ToString("yyyy-MM-dd");
        var file = Bytes($"{Header}\n" +
            $"idea,1,waiting-well,Said in the week before the session,b,,{today.AddDays(-3):yyyy-MM-dd}\n" +
            "idea,2,waiting-well,Dated in February,b,,2026-02-10 10:00\n" +
            $"idea,3,last-year,Dated long before the session,b,,{today.AddDays(-350):yyyy-MM-dd}\n" +
            "comment,4,,,A comment from February,1,2026-02-10\n");

        var preview = await (await ApiImportAsync(admin, file, preview: true, heldOn: session)).Content.ReadFromJsonAsync<JsonElement>();
        preview.GetProperty("canImport").GetBoolean().Should().BeFalse();
        var errors = preview.GetProperty("rows").EnumerateArray().SelectMany(r => r.GetProperty("errors").EnumerateArray())
            .Where(e => e.GetProperty("columnName").GetString() == "submitted_at").ToList();
        errors.Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("column").GetInt32())).Should().Equal((3, 7), (4, 7), (5, 7));
        errors[0].GetProperty("message").GetString().Should().Contain("10 February 2026 is before the challenge “waiting-well” opened");
        errors[1].GetProperty("message").GetString().Should().Contain("more than 7 days before the session");
        errors[2].GetProperty("message").GetString().Should().Contain("before the challenge “waiting-well” opened", "a comment is on its idea's challenge");

        (await ApiImportAsync(admin, file, heldOn: session)).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await CountAsync("SELECT COUNT(*) FROM ideas WHERE tenant_id = 'dates'", new { })).Should().Be(0, "nothing is imported while a date is refused");

        // Through the page: the admin says the dates are right, sees the file import, and the audit log says so.
        var fields = new Dictionary<string, string> { ["source"] = "Workshop notes", ["heldOn"] = session, ["keepEarlyDates"] = "true" };
        var html = await (await PagePostAsync(admin, "Preview", fields, file)).Content.ReadAsStringAsync();
        html.Should().Contain("0 errors").And.Contain("3 rows keep a date from before their challenge opened or more than 7 days before the session");
        var uploadId = Regex.Match(html, "name=\"uploadId\" value=\"(\\d+)\"").Groups[1].Value;
        uploadId.Should().NotBeEmpty();
        html.Should().MatchRegex("<input type=\"hidden\" name=\"keepEarlyDates\" value=\"true\">", "the confirmation carries the admin's choice");
        (await PagePostAsync(admin, "Import", new(fields) { ["uploadId"] = uploadId })).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await CountAsync("SELECT COUNT(*) FROM ideas WHERE tenant_id = 'dates'", new { })).Should().Be(3);
        (await admin.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/audit?action=ideas.imported")).EnumerateArray().Should().ContainSingle()
            .Which.GetProperty("detail").GetString().Should().Contain("3 rows kept a date from before their challenge opened or more than 7 days before the session");
    }

    [Fact]
    public async Task The_example_file_the_page_offers_previews_without_errors_for_a_session_held_today()
    {
        var (admin, _) = await app.MemberAsync("dates.test", Roles.Admin, "Ada Admin");
        var example = await admin.Http.GetByteArrayAsync("/admin/import?handler=Example");
        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/London")).ToString("yyyy-MM-dd");
        var preview = await (await ApiImportAsync(admin, example, preview: true, heldOn: today)).Content.ReadFromJsonAsync<JsonElement>();
        preview.GetProperty("errorCount").GetInt32().Should().Be(0, preview.ToString());
        preview.GetProperty("canImport").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task A_file_with_one_bad_row_imports_nothing_and_says_which_line_and_column()
    {
        var (admin, _) = await app.MemberAsync("allornothing.test", Roles.Admin);
        var file = Bytes(GoodFile + "idea,4,no-such-challenge,A fine title,A body,,\r\n");
        var response = await ApiImportAsync(admin, file);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("canImport").GetBoolean().Should().BeFalse();
        var bad = body.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("status").GetString() == "invalid");
        var error = bad.GetProperty("errors")[0];
        (error.GetProperty("line").GetInt32(), error.GetProperty("column").GetInt32(), error.GetProperty("columnName").GetString())
            .Should().Be((6, 3, "challenge"));
        (await CountAsync("SELECT COUNT(*) FROM ideas WHERE tenant_id = 'allornothing'", new { })).Should().Be(0);
        (await CountAsync("SELECT COUNT(*) FROM comments WHERE tenant_id = 'allornothing'", new { })).Should().Be(0);
        (await CountAsync("SELECT COUNT(*) FROM import_sources WHERE tenant_id = 'allornothing'", new { })).Should().Be(0);

        var page = await PagePostAsync(admin, "Preview", Source(), file);
        page.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        html.Should().Contain("There is a problem").And.Contain("href=\"#line-6\"")
            .And.Contain("Line 6, column 3 (challenge): There is no challenge “no-such-challenge”")
            .And.Contain("Nothing will be imported until every error is fixed").And.NotContain("name=\"uploadId\"");
    }

    [Fact]
    public async Task A_file_with_many_bad_rows_lists_the_first_fifty_in_the_summary_and_every_one_beside_its_row()
    {
        var (admin, _) = await app.MemberAsync("allornothing.test", Roles.Admin);
        var rows = string.Concat(Enumerable.Range(1, 60).Select(i => $"idea,{i},waiting-well,Tiny,body,,\n"));
        var page = await PagePostAsync(admin, "Preview", Source(), Bytes($"{Header}\n{rows}"));
        page.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var html = await page.Content.ReadAsStringAsync();
        var summary = html[html.IndexOf("nhsuk-error-summary__list", StringComparison.Ordinal)..html.IndexOf("</ul>", html.IndexOf("nhsuk-error-summary__list", StringComparison.Ordinal), StringComparison.Ordinal)];
        Regex.Matches(summary, "<li>").Count.Should().Be(51);
        summary.Should().Contain("And 10 more errors, shown beside their rows below.").And.Contain("href=\"#preview-rows\"");
        Regex.Matches(html, "Title must be at least 5 characters").Count.Should().Be(110, "each error in the summary (50) and beside its row (60)");
    }

    [Fact]
    public async Task Importing_the_same_file_twice_adds_nothing_the_second_time_and_its_preview_says_so()
    {
        var (admin, _) = await app.MemberAsync("again.test", Roles.Admin);
        var first = await ApiImportAsync(admin, Bytes(GoodFile));
        first.StatusCode.Should().Be(HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ideasAdded").GetInt32().Should().Be(2);

        // The same bytes, even named differently and under another source, are the same import.
        var preview = await (await ApiImportAsync(admin, Bytes(GoodFile), preview: true, source: "Another name")).Content.ReadFromJsonAsync<JsonElement>();
        preview.GetProperty("importedBefore").GetProperty("source").GetString().Should().Be("From Connect session, 12 May 2026, facilitated by Jo Bloggs");
        preview.GetProperty("newIdeas").GetInt32().Should().Be(0);
        preview.GetProperty("canImport").GetBoolean().Should().BeFalse();
        var second = await ApiImportAsync(admin, Bytes(GoodFile));
        second.StatusCode.Should().Be(HttpStatusCode.OK);
        var again = await second.Content.ReadFromJsonAsync<JsonElement>();
        (again.GetProperty("ideasAdded").GetInt32(), again.GetProperty("commentsAdded").GetInt32()).Should().Be((0, 0));
        again.GetProperty("message").GetString().Should().Contain("already imported");
        var pagePreview = await (await PagePostAsync(admin, "Preview", Source(), Bytes(GoodFile))).Content.ReadAsStringAsync();
        pagePreview.Should().Contain("This file was already imported").And.Contain("importing it again adds nothing").And.NotContain("name=\"uploadId\"");

        // A longer version of the file from the same session adds only its new row.
        var longer = await ApiImportAsync(admin, Bytes(GoodFile + "comment,4,,,Could it be a volunteer?,2,\r\n"));
        var added = await longer.Content.ReadFromJsonAsync<JsonElement>();
        (added.GetProperty("ideasAdded").GetInt32(), added.GetProperty("commentsAdded").GetInt32(), added.GetProperty("alreadyImported").GetInt32())
            .Should().Be((0, 1, 3));
        (await CountAsync("SELECT COUNT(*) FROM ideas WHERE tenant_id = 'again'", new { })).Should().Be(2);
        (await CountAsync("SELECT COUNT(*) FROM comments WHERE tenant_id = 'again'", new { })).Should().Be(2);
        (await CountAsync("SELECT comment_count FROM ideas WHERE tenant_id = 'again' AND title = 'A named contact while waiting'", new { })).Should().Be(1,
            "the new comment found its idea from the first import");
    }

    [Fact]
    public async Task A_50_MB_file_gets_a_clear_error_from_the_api_and_the_page_not_a_crash()
    {
        var (admin, _) = await app.MemberAsync("limits.test", Roles.Admin);
        var huge = new byte[50 * 1024 * 1024];
        Array.Fill(huge, (byte)'a');
        var api = await ApiImportAsync(admin, huge, preview: true);
        api.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await Visitor.ProblemAsync(api)).GetProperty("detail").GetString().Should().Contain("larger than 10 MB");

        var page = await PagePostAsync(admin, "Preview", Source(), huge);
        page.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await page.Content.ReadAsStringAsync()).Should().Contain("The file is larger than 10 MB").And.Contain("href=\"#file\"");
    }

    [Fact]
    public async Task Malformed_files_are_refused_with_where_and_why()
    {
        var (admin, _) = await app.MemberAsync("limits.test", Roles.Admin);
        async Task<JsonElement> Preview(byte[] file) => await (await ApiImportAsync(admin, file, preview: true)).Content.ReadFromJsonAsync<JsonElement>();

        var latin1 = Bytes($"{Header}\nidea,1,waiting-well,Caf").Concat(new byte[] { 0xE9 }).Concat(Bytes(" opening,b,,\n")).ToArray();
        var encoding = (await Preview(latin1)).GetProperty("fileErrors")[0];
        encoding.GetProperty("line").GetInt32().Should().Be(2);
        encoding.GetProperty("message").GetString().Should().Contain("not UTF-8");

        var columns = (await Preview(Bytes("kind,key,challenge,title,body\nidea,1,waiting-well,A title here,b\n"))).GetProperty("fileErrors");
        columns.EnumerateArray().Select(e => e.GetProperty("columnName").GetString()).Should().BeEquivalentTo(["kind", "type"]);

        var dates = (await Preview(Bytes($"{Header}\nidea,1,waiting-well,A title here,b,,31/02/2026\n"))).GetProperty("rows")[0].GetProperty("errors")[0];
        (dates.GetProperty("line").GetInt32(), dates.GetProperty("columnName").GetString()).Should().Be((2, "submitted_at"));

        var bom = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Bytes(GoodFile)).ToArray();
        var read = await Preview(bom);
        read.GetProperty("errorCount").GetInt32().Should().Be(0);
        read.GetProperty("rows")[1].GetProperty("body").GetString().Should().Be("One person to ring.\r\nRaised by three people.");

        var noSource = await (await ApiImportAsync(admin, Bytes(GoodFile), preview: true, source: "", heldOn: "next week")).Content.ReadFromJsonAsync<JsonElement>();
        noSource.GetProperty("sourceErrors").EnumerateObject().Select(p => p.Name).Should().Contain("source");
    }

    [Fact]
    public async Task Script_in_an_imported_cell_is_shown_as_text_on_the_site_and_in_the_preview()
    {
        var (admin, _) = await app.MemberAsync("xss.test", Roles.Admin);
        const string payload = "<script>alert(1)</script><img src=x onerror=alert(2)>";
        var file = Bytes($"{Header}\nidea,1,waiting-well,\"{payload}\",\"{payload}\",,\n");
        var preview = await (await PagePostAsync(admin, "Preview", Source($"Workshop {payload}"), file)).Content.ReadAsStringAsync();
        preview.Should().NotContain("<script>alert(1)").And.NotContain("<img src=x").And.Contain("&lt;script&gt;alert(1)&lt;/script&gt;");
        (await ApiImportAsync(admin, file, source: $"Workshop {payload}")).StatusCode.Should().Be(HttpStatusCode.Created);
        var id = await CountAsync("SELECT id FROM ideas WHERE tenant_id = 'xss'", new { });
        using var reader = app.Visit("xss.test");
        foreach (var path in new[] { $"/ideas/{id}", "/challenges/waiting-well" })
        {
            var (_, html) = await reader.GetPageAsync(path);
            html.Should().NotContain("<script>alert(1)").And.NotContain("<img src=x").And.Contain("&lt;script&gt;alert(1)&lt;/script&gt;", path);
        }
    }

    [Fact]
    public async Task Exports_hold_the_known_data_set_with_tallies_not_voters_and_themes()
    {
        var (admin, _) = await app.MemberAsync("exports.test", Roles.Admin, "Ada Admin");
        var (named, _) = await app.MemberAsync("exports.test", Roles.Member, "Nina Named");
        var (secret, secretId) = await app.MemberAsync("exports.test", Roles.Member, "Secret Sam");
        var (voter, _) = await app.MemberAsync("exports.test", Roles.Member, "Val Voter");
        var namedIdea = await named.PostIdeaAsync(title: "Named idea for export", body: "=HYPERLINK(\"http://evil\")");
        var anonIdea = await secret.PostIdeaAsync(title: "Anonymous idea for export", anonymous: true);
        await secret.Http.PostAsJsonAsync($"api/v1/ideas/{namedIdea}/comments", new { body = "An anonymous comment", anonymous = true });
        await named.Http.PostAsJsonAsync($"api/v1/ideas/{anonIdea}/comments", new { body = "A named comment", anonymous = false });
        foreach (var v in new[] { named, secret, voter }) await v.Http.PutAsJsonAsync($"api/v1/ideas/{namedIdea}/vote", new { value = 1 });
        await voter.Http.PutAsJsonAsync($"api/v1/ideas/{anonIdea}/vote", new { value = -1 });
        // An imported idea in the closed challenge, grouped into a theme and a big idea.
        var import = await ApiImportAsync(admin, Bytes($"{Header}\nidea,1,last-year,Imported idea for export,From the session,,2026-05-11\n"));
        import.StatusCode.Should().Be(HttpStatusCode.Created, await import.Content.ReadAsStringAsync());
        var imported = await CountAsync("SELECT id FROM ideas WHERE tenant_id = 'exports' AND source_id IS NOT NULL", new { });
        var theme = await (await admin.Http.PostAsJsonAsync("api/v1/admin/challenges/last-year/themes", new { title = "Reminders", summary = "Texts" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var themeId = theme.GetProperty("id").GetInt64();
        (await admin.Http.PostAsJsonAsync($"api/v1/admin/themes/{themeId}/ideas", new { ideaId = imported })).StatusCode.Should().Be(HttpStatusCode.OK);
        var big = await (await admin.Http.PostAsJsonAsync("api/v1/admin/challenges/last-year/big-ideas", new { title = "Remind people", summary = "S", description = "D" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        await admin.Http.PutAsJsonAsync($"api/v1/admin/themes/{themeId}/big-idea", new { bigIdeaId = big.GetProperty("id").GetInt64() });

        var ideas = await admin.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/exports/ideas.json");
        ideas.GetArrayLength().Should().Be(3);
        var namedRow = ideas.EnumerateArray().Single(i => i.GetProperty("id").GetInt64() == namedIdea);
        namedRow.EnumerateObject().Select(p => p.Name).Should().Equal("id", "challenge", "title", "body", "status", "author", "anonymous", "source",
            "created_at", "up", "down", "voters", "comments", "merged_into", "language", "category", "fields");
        (namedRow.GetProperty("author").GetString(), namedRow.GetProperty("up").GetInt32(), namedRow.GetProperty("voters").GetInt32(), namedRow.GetProperty("comments").GetInt32())
            .Should().Be(("Nina Named", 3, 3, 1));
        var anonRow = ideas.EnumerateArray().Single(i => i.GetProperty("id").GetInt64() == anonIdea);
        (anonRow.GetProperty("author").ValueKind, anonRow.GetProperty("anonymous").GetBoolean(), anonRow.GetProperty("down").GetInt32()).Should().Be((JsonValueKind.Null, true, 1));
        ideas.EnumerateArray().Single(i => i.GetProperty("id").GetInt64() == imported).GetProperty("source").GetString()
            .Should().Be("From Connect session, 12 May 2026, facilitated by Jo Bloggs");

        var csv = await admin.Http.GetAsync("api/v1/admin/exports/ideas.csv?challenge=waiting-well");
        csv.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        csv.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(3, "a header and the challenge's two ideas, not the imported one in last-year");
        lines[0].Should().Be("id,challenge,title,body,status,author,anonymous,source,created_at,up,down,voters,comments,merged_into,language,category",
            "a challenge with no idea-form fields has no field: columns");
        lines.Should().Contain(l => l.Contains("\"'=HYPERLINK(\"\"http://evil\"\")\""), "a formula is written as text");

        var votes = await admin.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/exports/votes.json");
        votes.EnumerateArray().Single(v => v.GetProperty("idea_id").GetInt64() == namedIdea).EnumerateObject().Select(p => p.Name)
            .Should().Equal("idea_id", "challenge", "up", "down", "voters", "points");
        votes.EnumerateArray().Select(v => (v.GetProperty("idea_id").GetInt64(), v.GetProperty("points").GetInt32()))
            .Should().BeEquivalentTo([(namedIdea, 3), (anonIdea, -1), (imported, 0)]);
        var comments = await admin.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/exports/comments.json");
        comments.EnumerateArray().Select(k => (k.GetProperty("body").GetString(), k.GetProperty("author").GetString()))
            .Should().BeEquivalentTo([("An anonymous comment", (string?)null), ("A named comment", "Nina Named")]);
        var themes = await admin.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/exports/themes.json");
        themes.EnumerateArray().Should().ContainSingle().Which.GetProperty("idea_ids").EnumerateArray().Select(i => i.GetInt64()).Should().Equal(imported);
        var bigIdeas = await admin.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/exports/big-ideas.json");
        bigIdeas.EnumerateArray().Should().ContainSingle().Which.GetProperty("theme_ids").EnumerateArray().Select(i => i.GetInt64()).Should().Equal(themeId);
        (await admin.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/exports/themes.json?challenge=waiting-well")).GetArrayLength().Should().Be(0);

        var zip = await admin.Http.GetByteArrayAsync("api/v1/admin/exports/bundle.zip");
        using var archive = new ZipArchive(new MemoryStream(zip));
        archive.Entries.Select(e => e.FullName).Should().BeEquivalentTo(
            ["ideas.csv", "ideas.json", "comments.csv", "comments.json", "votes.csv", "votes.json", "themes.csv", "themes.json", "big-ideas.csv", "big-ideas.json", "codes.csv", "codes.json"]);
        using (var ideasInZip = new StreamReader(archive.GetEntry("ideas.csv")!.Open()))
            (await ideasInZip.ReadToEndAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(4);

        var audit = await admin.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/audit?action=data.exported");
        audit.EnumerateArray().Select(e => e.GetProperty("detail").GetString()).Should().Contain(["ideas.json", "ideas.csv", "bundle.zip"]);
        _ = secretId;
    }

    [Fact]
    public async Task A_site_with_nothing_posted_yet_exports_every_file_of_the_bundle_with_its_header_only()
    {
        var (admin, _) = await app.MemberAsync("empty.test", Roles.Admin, "Ada Admin");
        foreach (var url in new[] { "api/v1/admin/exports/bundle.zip", "api/v1/admin/exports/bundle.zip?challenge=waiting-well" })
        {
            var answer = await admin.Http.GetAsync(url);
            answer.StatusCode.Should().Be(HttpStatusCode.OK, $"{url}: {await answer.Content.ReadAsStringAsync()}");
            using var archive = new ZipArchive(new MemoryStream(await answer.Content.ReadAsByteArrayAsync()));
            archive.Entries.Should().HaveCount(12);
            using var ideas = new StreamReader(archive.GetEntry("ideas.csv")!.Open());
            (await ideas.ReadToEndAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle("the header alone");
            using var json = new StreamReader(archive.GetEntry("ideas.json")!.Open());
            JsonDocument.Parse(await json.ReadToEndAsync()).RootElement.GetArrayLength().Should().Be(0);
        }
    }

    [Fact]
    public async Task No_exported_byte_names_an_anonymous_author_or_carries_their_member_id_or_author_key()
    {
        foreach (var host in new[] { "anonymity.test", "sealed.test" })
        {
            var tenant = host.Split('.')[0];
            var (admin, _) = await app.MemberAsync(host, Roles.Admin, "Ada Admin");
            var name = $"Hidden Person {Guid.NewGuid():N}"[..30];
            var (secret, secretId) = await app.MemberAsync(host, Roles.Member, name);
            var email = await CountEmailAsync(tenant, secretId);
            var idea = await secret.PostIdeaAsync(title: "Only anonymous from this person", anonymous: true);
            (await secret.Http.PostAsJsonAsync($"api/v1/ideas/{idea}/comments", new { body = "Anonymous comment too", anonymous = true }))
                .StatusCode.Should().Be(HttpStatusCode.Created);
            await using var c = app.Services.GetRequiredService<Engine.Data.Database>().OpenReader();
            var keys = (await c.QueryAsync<string?>("SELECT author_key FROM ideas WHERE tenant_id = @tenant AND id = @idea UNION SELECT author_key FROM comments WHERE tenant_id = @tenant AND idea_id = @idea",
                new { tenant, idea })).Where(k => k is not null).ToList();
            if (tenant == "sealed") keys.Should().NotBeEmpty("a fully anonymous site keeps only a keyed hash");

            var downloads = new List<(string Name, byte[] Bytes)>();
            foreach (var dataset in new[] { "ideas", "comments", "votes", "themes", "big-ideas", "codes" })
                foreach (var format in new[] { "csv", "json" })
                    downloads.Add(($"{dataset}.{format}", await admin.Http.GetByteArrayAsync($"api/v1/admin/exports/{dataset}.{format}")));
            var zip = await admin.Http.GetByteArrayAsync("api/v1/admin/exports/bundle.zip");
            downloads.Add(("bundle.zip", zip));
            using (var archive = new ZipArchive(new MemoryStream(zip)))
                foreach (var entry in archive.Entries)
                {
                    using var copy = new MemoryStream();
                    await using (var s = entry.Open()) await s.CopyToAsync(copy);
                    downloads.Add(($"bundle.zip/{entry.FullName}", copy.ToArray()));
                }

            foreach (var (file, bytes) in downloads)
            {
                var text = Encoding.UTF8.GetString(bytes);
                foreach (var secretText in new[] { name, email }.Concat(keys!))
                    text.Should().NotContain(secretText!, $"{file} on {tenant} must not identify an anonymous author");
                text.Should().NotContainAny(["author_id", "member_id", "author_key", "email"], $"{file} has no identity columns");
            }
            // The member id is a small number, so it is checked where it could only appear: no field of an anonymous row holds it.
            var ideas = await admin.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/exports/ideas.json");
            var row = ideas.EnumerateArray().Single(i => i.GetProperty("id").GetInt64() == idea);
            row.EnumerateObject().Where(p => p.Name is not ("id" or "up" or "down" or "voters" or "comments"))
                .Should().NotContain(p => p.Value.ToString() == secretId.ToString(), "no field names the anonymous author's member id");
            admin.Dispose();
            secret.Dispose();
        }
    }

    private async Task<string> CountEmailAsync(string tenant, long memberId)
    {
        await using var c = app.Services.GetRequiredService<Engine.Data.Database>().OpenReader();
        return await c.ExecuteScalarAsync<string>("SELECT email FROM members WHERE tenant_id = @tenant AND id = @memberId", new { tenant, memberId }) ?? "";
    }
}
