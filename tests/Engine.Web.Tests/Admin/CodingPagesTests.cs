using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Engine.Core.Members;

namespace Engine.Web.Tests.Admin;

/// <summary>
/// Coding while a challenge is open: who may code (analysts and admins, not members, champions or moderators), what an
/// analyst may not do, codes only from the site's own frame, the queue, the frame kept by admins, and agreement.
/// Driven as a browser without script: links and plain forms.
/// </summary>
public sealed partial class CodingPagesTests(CodingPagesTests.App app) : IClassFixture<CodingPagesTests.App>
{
    public sealed class App : EngineApp
    {
        public App()
        {
            WriteTenant("coded", WithFrame(Tenant("coded", "Coded site", ["coded.test"], anonymous: true, downVotes: false), new object[]
            {
                new { id = "access", name = "Access to care", key = 1, description = "Getting seen, and how soon" },
                new { id = "staff", name = "Staffing", key = 2, group = "Workforce" },
                new { id = "digital", name = "Digital", key = 3 },
            }));
            // Sites that show their codes on idea pages, one per theme, each with a challenge open only to a group.
            foreach (var theme in new[] { "base", "nhs", "london" })
            {
                var shown = WithFrame(Tenant($"shown-{theme}", "Shown codes site", [$"shown-{theme}.test"], anonymous: true, downVotes: false, theme: theme), new object[]
                {
                    new { id = "access", name = "Access to care", key = 1 },
                    new { id = "staff", name = "Staffing", key = 2 },
                    new { id = "digital", name = "Digital", key = 3 },
                }, shownOnIdeas: true);
                shown["challenges"] = ((object[])shown["challenges"]!).Append(new
                {
                    slug = "inner-circle", title = "Inner circle", description = "Only for the group.",
                    opensAt = Now.AddDays(-7), closesAt = Now.AddDays(21), audience = "groups", groups = new[] { "insiders" },
                }).ToArray();
                WriteTenant($"shown-{theme}", shown);
            }
            WriteTenant("elsewhere", WithFrame(Tenant("elsewhere", "Other region", ["elsewhere.test"], anonymous: false, downVotes: false), new object[]
            {
                new { id = "parking", name = "Parking", key = 1 },
            }));
        }

        private static Dictionary<string, object?> WithFrame(Dictionary<string, object?> tenant, object[] codes, bool shownOnIdeas = false)
        {
            tenant["coding"] = new { @public = shownOnIdeas, codes };
            return tenant;
        }
    }

    private Task<(Visitor Visitor, long Id)> With(string role, string name = "Staff Member", string host = "coded.test") => app.MemberAsync(host, role, name);

    [Fact]
    public async Task Only_analysts_and_admins_may_code_and_an_analyst_may_not_moderate_administer_or_answer()
    {
        var (author, _) = await With(Roles.Member, "Pat Author");
        var idea = await author.PostIdeaAsync(title: "Evening clinics for working carers");
        var coding = new List<KeyValuePair<string, string>> { new("item", $"idea-{idea}"), new("codes", "access") };

        foreach (var role in new[] { Roles.Member, Roles.Champion, Roles.CommunityManager, Roles.Moderator })
        {
            var (refused, _) = await With(role, $"Refused {role}");
            var page = await refused.GetPageAsync("/admin/coding");
            page.Status.Should().Be(HttpStatusCode.Forbidden, $"a {role} may not code");
            page.Html.Should().Contain("You cannot use this page");
            (await refused.GetPageAsync("/admin/coding/agreement")).Status.Should().Be(HttpStatusCode.Forbidden);
            // The anti-forgery token comes from the API, so only the role stops them.
            (await refused.Http.PostAsync("/admin/coding", new FormUrlEncodedContent(coding))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
            refused.Dispose();
        }

        var (analyst, _) = await With(Roles.Analyst, "Ana Lyst");
        (await analyst.GetPageAsync("/admin/coding")).Status.Should().Be(HttpStatusCode.OK);
        (await analyst.GetPageAsync("/admin/coding/agreement")).Status.Should().Be(HttpStatusCode.OK);
        foreach (var page in new[] { "/admin", "/admin/moderation", "/admin/members", "/admin/responses", "/admin/theming", "/admin/settings", "/admin/coding/frame", "/admin/exports" })
            (await analyst.GetPageAsync(page)).Status.Should().Be(HttpStatusCode.Forbidden, $"an analyst may not use {page}");
        (await analyst.Http.PostAsync("/admin/moderation?handler=Hide", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["kind"] = "idea", ["id"] = $"{idea}", ["reason"] = "An analyst trying to hide it" }))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await analyst.Http.GetAsync("/api/v1/admin/moderation/queue")).StatusCode.Should().Be(HttpStatusCode.Forbidden, "nor through the API");
        (await analyst.Http.PostAsJsonAsync($"/api/v1/ideas/{idea}/comments", new { body = "An official answer from an analyst", official = true }))
            .StatusCode.Should().NotBe(HttpStatusCode.Created, "an analyst is not on the team that answers officially");
        using var reader = app.Visit("coded.test");
        (await reader.GetPageAsync($"/ideas/{idea}")).Status.Should().Be(HttpStatusCode.OK, "the idea is still on the site");

        var saved = await PostCodesAsync(analyst, $"idea-{idea}", "access");
        saved.StatusCode.Should().Be(HttpStatusCode.Redirect, "an analyst codes");
        var (admin, _) = await With(Roles.Admin, "Ada Admin");
        (await PostCodesAsync(admin, $"idea-{idea}", "staff")).StatusCode.Should().Be(HttpStatusCode.Redirect, "an admin codes too");
        (await admin.GetPageAsync("/admin/coding/frame")).Status.Should().Be(HttpStatusCode.OK);
        analyst.Dispose();
        admin.Dispose();
        author.Dispose();
    }

    [Fact]
    public async Task A_code_or_a_contribution_from_another_site_is_refused_and_nothing_is_stored()
    {
        var (author, _) = await With(Roles.Member, "Pat Author");
        var idea = await author.PostIdeaAsync(title: "A ward phone line that is answered");
        var (analyst, _) = await With(Roles.Analyst, "Ana Lyst");

        var refused = await PostCodesAsync(analyst, $"idea-{idea}", "access", "parking");
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest, "'parking' is a code of the other site's frame");
        var html = await refused.Content.ReadAsStringAsync();
        html.Should().Contain("&#x27;parking&#x27; is not a code of this site&#x27;s code frame").And.Contain("nhsuk-error-summary");
        var (_, page) = await analyst.GetPageAsync($"/admin/coding?item=idea-{idea}");
        CheckedCodes(page).Should().BeEmpty("nothing was stored");
        page.Should().NotContain("you have coded this");

        (await analyst.GetPageAsync($"/admin/coding?item=idea-{idea + 1000}")).Status.Should().Be(HttpStatusCode.NotFound);
        (await PostCodesAsync(analyst, $"idea-{idea + 1000}", "access")).StatusCode.Should().Be(HttpStatusCode.NotFound, "no such contribution on this site");
        var (stranger, _) = await With(Roles.Member, "Sam Stranger", host: "elsewhere.test");
        var theirs = await stranger.PostIdeaAsync(title: "Their idea, on their site");
        // The other site's analyst codes their own ideas only with their own frame: this site's code is refused there.
        var (theirAnalyst, _) = await With(Roles.Analyst, "Their Analyst", host: "elsewhere.test");
        (await theirAnalyst.GetPageAsync("/admin/coding")).Status.Should().Be(HttpStatusCode.OK);
        (await PostCodesAsync(theirAnalyst, $"idea-{theirs}", "access")).StatusCode.Should().Be(HttpStatusCode.BadRequest, "'access' is not in their frame");
        stranger.Dispose();
        theirAnalyst.Dispose();
        analyst.Dispose();
        author.Dispose();
    }

    [Fact]
    public async Task An_analyst_codes_one_contribution_after_another_from_their_queue_without_seeing_who_wrote_them()
    {
        using var site = new App();
        var (author, _) = await site.MemberAsync("coded.test", Roles.Member, "Robin Namedauthor");
        var named = await author.PostIdeaAsync(title: "Named idea about late letters", body: "Letters arrive after the appointment.");
        var anonymous = await author.PostIdeaAsync(title: "Anonymous idea about rotas", body: "Rotas come out too late\nto plan childcare.", anonymous: true);
        var comment = (await (await author.Http.PostAsJsonAsync($"api/v1/ideas/{named}/comments", new { body = "And texts would be cheaper.", anonymous = true }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var (analyst, _) = await site.MemberAsync("coded.test", Roles.Analyst, "Ana Lyst");

        var (status, first) = await analyst.GetPageAsync("/admin/coding");
        status.Should().Be(HttpStatusCode.OK);
        first.Should().Contain("Named idea about late letters", "the queue starts with the first contribution posted")
            .And.Contain("You have coded <strong>0</strong> of <strong>3</strong>");
        first.Should().Contain("<kbd>1</kbd> Access to care").And.Contain("Getting seen, and how soon").And.Contain("Workforce", "codes are grouped");
        first.Should().NotContain("Robin").And.NotContain("Namedauthor", "the coding page never shows an author");
        first.Should().Contain("<script src=\"/admin-assets/coding.js\" defer>").And.NotContain("style=\"");
        Regex.Matches(first, "<h1[ >]").Should().HaveCount(1);

        var saved = await PostCodesAsync(analyst, $"idea-{named}", "access", "digital");
        saved.StatusCode.Should().Be(HttpStatusCode.Redirect);
        saved.Headers.Location!.OriginalString.Should().Be($"/admin/coding?item=idea-{anonymous}", "saving goes on to the next one not yet coded");
        var (_, second) = await analyst.GetPageAsync(saved.Headers.Location.OriginalString);
        second.Should().Contain("Saved idea " + named + " with Access to care, Digital.");
        second.Should().Contain("Rotas come out too late&#xA;to plan childcare.").And.NotContain("Robin", "an anonymous author is never shown");
        second.Should().Contain($"href=\"/admin/coding?item=idea-{named}\"", "previous goes back").And.Contain("You have coded <strong>1</strong> of <strong>3</strong>");

        // No code fits: saving with none still takes it off the queue.
        var none = await PostCodesAsync(analyst, $"idea-{anonymous}");
        none.Headers.Location!.OriginalString.Should().Be($"/admin/coding?item=comment-{comment}");
        var (_, third) = await analyst.GetPageAsync(none.Headers.Location.OriginalString);
        third.Should().Contain("And texts would be cheaper.").And.Contain("Comment on the idea").And.Contain("Named idea about late letters");
        (await PostCodesAsync(analyst, $"comment-{comment}", "staff")).Headers.Location!.OriginalString.Should().Be("/admin/coding");
        var (_, done) = await analyst.GetPageAsync("/admin/coding");
        done.Should().Contain("You have coded every idea and comment here.").And.Contain("You have coded <strong>3</strong> of <strong>3</strong>");

        // Going back shows what was chosen, and recoding replaces it.
        var (_, back) = await analyst.GetPageAsync($"/admin/coding?item=idea-{named}");
        CheckedCodes(back).Should().BeEquivalentTo(["access", "digital"]);
        back.Should().Contain("you have coded this");
        await PostCodesAsync(analyst, $"idea-{named}", "staff");
        CheckedCodes((await analyst.GetPageAsync($"/admin/coding?item=idea-{named}")).Html).Should().BeEquivalentTo(["staff"]);
        // A closed challenge's ideas are coded too, and the page can show one challenge.
        var (_, closed) = await analyst.GetPageAsync("/admin/coding?challenge=last-year");
        closed.Should().Contain("You have coded <strong>0</strong> of <strong>0</strong>").And.Contain("There is nothing to code yet.");
        (await analyst.GetPageAsync("/admin/coding?challenge=no-such")).Status.Should().Be(HttpStatusCode.NotFound);
        analyst.Dispose();
        author.Dispose();
    }

    [Fact]
    public async Task Two_analysts_coding_the_same_sample_get_cohens_kappa_per_code_over_what_both_coded()
    {
        using var site = new App();
        var (author, _) = await site.MemberAsync("coded.test", Roles.Member, "Pat Author");
        var ideas = new List<long>();
        for (var n = 0; n < 5; n++) ideas.Add(await author.PostIdeaAsync(title: $"Idea number {n} for the sample"));
        var (first, _) = await site.MemberAsync("coded.test", Roles.Analyst, "Aaron First");
        var (second, _) = await site.MemberAsync("coded.test", Roles.Analyst, "Beth Second");
        var (_, none) = await first.GetPageAsync("/admin/coding/agreement");
        none.Should().Contain("nobody has");

        // Access: both on 0 and 1, first alone on 2, neither on 3: observed 3/4, expected 3/4 x 2/4 + 1/4 x 2/4 = 1/2, kappa 0.5.
        // Staff: first on 0, second on 1: observed 2/4, expected 1/4 x 1/4 + 3/4 x 3/4 = 5/8, kappa -1/3.
        // Idea 4 is coded by the first only: it is not in the sample.
        string[][] byFirst = [["access", "staff"], ["access"], ["access"], [], ["digital"]];
        string[][] bySecond = [["access"], ["access", "staff"], [], []];
        for (var n = 0; n < byFirst.Length; n++) await PostCodesAsync(first, $"idea-{ideas[n]}", byFirst[n]);
        for (var n = 0; n < bySecond.Length; n++) await PostCodesAsync(second, $"idea-{ideas[n]}", bySecond[n]);

        var (status, html) = await first.GetPageAsync("/admin/coding/agreement");
        status.Should().Be(HttpStatusCode.OK);
        // Decoded: the words come from the catalogue now, and the page encodes the apostrophe.
        WebUtility.HtmlDecode(html).Should().Contain("Cohen's kappa").And.Contain("The sample is the contributions");
        html.Should().MatchRegex("id=\"sample\">The sample: <strong>4</strong> ideas and comments coded by both Aaron First and Beth Second");
        Row(html, "access").Should().Equal("Access to care", "2", "1", "0", "1", "0.75", "0.50", "0.50", "moderate");
        Row(html, "staff").Should().Equal("Staffing", "0", "1", "1", "2", "0.50", "0.63", "-0.33", "worse than chance");
        Row(html, "digital").Should().Equal("Digital", "0", "0", "0", "4", "1.00", "1.00", "–", "undefined");
        first.Dispose();
        second.Dispose();
        author.Dispose();
    }

    [Fact]
    public async Task An_admin_keeps_the_code_frame_on_its_page_with_errors_naming_the_field_and_the_change_audited()
    {
        using var site = new App();
        var (admin, _) = await site.MemberAsync("coded.test", Roles.Admin, "Ada Admin");
        await admin.PostIdeaAsync(title: "An idea to show the codes on");
        var (status, html) = await admin.GetPageAsync("/admin/coding/frame");
        status.Should().Be(HttpStatusCode.OK);
        html.Should().Contain("value=\"Access to care\"").And.Contain("value=\"Workforce\"");
        Regex.Matches(html, "<h1[ >]").Should().HaveCount(1);

        var fields = new Dictionary<string, string>
        {
            ["Rows[0].Id"] = "access", ["Rows[0].Name"] = "Seeing someone", ["Rows[0].Key"] = "1",
            ["Rows[1].Id"] = "staff", ["Rows[1].Name"] = "Staffing", ["Rows[1].Key"] = "2", ["Rows[1].Remove"] = "true",
            ["Rows[2].Id"] = "digital", ["Rows[2].Name"] = "Digital", ["Rows[2].Key"] = "3",
            ["Rows[3].Id"] = "", ["Rows[3].Name"] = "Waiting times", ["Rows[3].Key"] = "3", ["Rows[3].Group"] = "Access",
        };
        var clash = await admin.SubmitAsync("/admin/coding/frame", "/admin/coding/frame", fields);
        clash.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var error = await clash.Content.ReadAsStringAsync();
        error.Should().Contain("3 is used twice").And.Contain("href=\"#Rows[3].Key\"", "the error summary links to the field at fault");

        fields["Rows[3].Key"] = "4";
        fields["Public"] = "true";
        var saved = await admin.SubmitAsync("/admin/coding/frame", "/admin/coding/frame", fields);
        saved.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var (_, after) = await admin.GetPageAsync("/admin/coding/frame");
        after.Should().Contain("Saved the code frame: 3 codes, shown on idea pages.").And.Contain("value=\"Seeing someone\"").And.NotContain("value=\"Staffing\"");
        var (_, coding) = await admin.GetPageAsync("/admin/coding");
        coding.Should().Contain("<kbd>4</kbd> Waiting times").And.Contain("id=\"code-waiting-times\"", "a new code's id comes from its name");
        var (_, audit) = await admin.GetPageAsync("/admin/audit?action=coding.frame-changed");
        audit.Should().Contain("not public: 1 Access to care, 2 Staffing, 3 Digital -&gt; public: 1 Seeing someone, 3 Digital, 4 Waiting times");

        (await admin.SubmitAsync("/admin/coding/frame", "/admin/coding/frame?handler=Reset", [])).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await admin.GetPageAsync("/admin/coding/frame")).Html.Should().Contain("value=\"Access to care\"", "tenant.json's frame is back");
        admin.Dispose();
    }

    [Fact]
    public async Task Code_counts_per_week_are_on_the_numbers_page_and_the_codes_are_in_the_export_without_analysts_names()
    {
        using var site = new App();
        var (author, _) = await site.MemberAsync("coded.test", Roles.Member, "Pat Author");
        var one = await author.PostIdeaAsync(title: "Parking fees for night staff");
        var two = await author.PostIdeaAsync(title: "Booking online", anonymous: true);
        var (first, _) = await site.MemberAsync("coded.test", Roles.Analyst, "Aaron First");
        var (second, _) = await site.MemberAsync("coded.test", Roles.Analyst, "Beth Second");
        await PostCodesAsync(first, $"idea-{one}", "access", "staff");
        await PostCodesAsync(second, $"idea-{one}", "access");
        await PostCodesAsync(first, $"idea-{two}", "digital", "access");
        var (admin, _) = await site.MemberAsync("coded.test", Roles.Admin, "Ada Admin");

        var (status, numbers) = await admin.GetPageAsync("/admin/numbers");
        status.Should().Be(HttpStatusCode.OK);
        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, london).DateTime);
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var table = Regex.Match(numbers, "<table class=\"nhsuk-table\" id=\"code-counts\">(.*?)</table>", RegexOptions.Singleline);
        table.Success.Should().BeTrue("the numbers page has the codes per week");
        var cells = Regex.Matches(table.Groups[1].Value, "<t[hd](?:\\s[^>]*)?>(.*?)</t[hd]>", RegexOptions.Singleline).Select(m => m.Groups[1].Value.Trim()).ToList();
        // Codes in the frame's order (by key): access, staff, digital; an idea given a code by two analysts counts once.
        cells.Should().Equal("Week of", "Access to care", "Staffing", "Digital",
            monday.ToString("d MMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB")), "2", "1", "1");
        (await admin.GetPageAsync("/admin/numbers?challenge=last-year")).Html.Should().Contain("No idea or comment has been coded yet.");

        var csv = await admin.Http.GetStringAsync("/api/v1/admin/exports/codes.csv");
        csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Should().Equal(
            "kind,id,idea_id,challenge,code,analysts",
            $"idea,{one},{one},waiting-well,access,2", $"idea,{one},{one},waiting-well,staff,1",
            $"idea,{two},{two},waiting-well,access,1", $"idea,{two},{two},waiting-well,digital,1");
        csv.Should().NotContain("Aaron").And.NotContain("Beth");
        first.Dispose();
        second.Dispose();
        admin.Dispose();
        author.Dispose();
    }

    // ---- helpers ----

    /// <summary>Posts the coding form as a browser does: the page's anti-forgery token, the item, one "codes" field per ticked box.</summary>
    internal static async Task<HttpResponseMessage> PostCodesAsync(Visitor analyst, string item, params string[] codes)
    {
        var (_, page) = await analyst.GetPageAsync("/admin/coding");
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"");
        var fields = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value)), new("item", item) };
        fields.AddRange(codes.Select(c => new KeyValuePair<string, string>("codes", c)));
        return await analyst.Http.PostAsync("/admin/coding", new FormUrlEncodedContent(fields));
    }

    private static List<string> CheckedCodes(string html) =>
        [.. CheckedBox().Matches(html).Select(m => m.Groups[1].Value)];

    /// <summary>The cells of one code's row in the agreement table, as text.</summary>
    private static List<string> Row(string html, string code)
    {
        var row = Regex.Match(html, $"<tr class=\"nhsuk-table__row\" id=\"agreement-{code}\">(.*?)</tr>", RegexOptions.Singleline);
        row.Success.Should().BeTrue($"the table has a row for {code}");
        return [.. Regex.Matches(row.Groups[1].Value, "<t[hd][^>]*>(.*?)</t[hd]>", RegexOptions.Singleline).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value).Trim())];
    }

    [GeneratedRegex("<input[^>]*name=\"codes\"[^>]*value=\"([a-z0-9-]+)\"[^>]*checked=\"checked\"")]
    private static partial Regex CheckedBox();
}
