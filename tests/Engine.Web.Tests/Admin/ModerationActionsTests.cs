using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Engine.Core.Members;

namespace Engine.Web.Tests.Admin;

/// <summary>Dismissing reports, restoring hidden content, unblocking a member: through the API and the admin pages.</summary>
public partial class ModerationActionsTests(ModerationActionsTests.App app) : IClassFixture<ModerationActionsTests.App>
{
    public sealed class App : EngineApp
    {
        public App()
        {
            // Holds anything with personal data in it for a moderator.
            var mine = Tenant("mine", "My site", ["mine.test"], anonymous: true, downVotes: true);
            mine["rules"] = new { moderation = new[] { new { rule = "personal-data" } } };
            WriteTenant("mine", mine);
            // Another tenant with no content at all: any id is someone else's there.
            WriteTenant("empty", Tenant("empty", "Empty site", ["empty.test"], anonymous: true, downVotes: true));
            // Anonymous to the public (a moderator can reveal), and two reports take content off the site.
            var reported = Tenant("reported", "Reported site", ["reported.test"], anonymous: true, downVotes: true);
            reported["rules"] = new
            {
                moderation = new object[] { new { rule = "report-threshold", settings = new { reports = 2 } } },
                anonymity = new { rule = "anonymous-to-public" },
            };
            WriteTenant("reported", reported);
        }
    }

    private Task<(Visitor Visitor, long Id)> With(string role, string name = "Staff Member", string host = "mine.test") => app.MemberAsync(host, role, name);

    [Fact]
    public async Task Dismissing_reports_keeps_the_content_takes_it_out_of_the_queue_and_is_audited()
    {
        var (moderator, _) = await With(Roles.Moderator, "Mo Derator");
        var (author, _) = await With(Roles.Member);
        var idea = await author.PostIdeaAsync(title: "A fine idea someone dislikes");
        var (reporter, _) = await With(Roles.Member);
        await reporter.Http.PostAsJsonAsync($"api/v1/ideas/{idea}/report", new { reason = "I just disagree with it" });

        var queued = (await Queue(moderator)).Single(q => q.GetProperty("id").GetInt64() == idea);
        queued.GetProperty("reportReasons").EnumerateArray().Select(r => r.GetString()).Should().Equal("I just disagree with it");

        var dismiss = await moderator.Http.PostAsync($"api/v1/admin/moderation/ideas/{idea}/dismiss-reports", null);
        dismiss.StatusCode.Should().Be(HttpStatusCode.OK);
        (await dismiss.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("dismissed").GetInt32().Should().Be(1);
        (await Queue(moderator)).Should().NotContain(q => q.GetProperty("kind").GetString() == "idea" && q.GetProperty("id").GetInt64() == idea);
        (await author.GetPageAsync($"/ideas/{idea}")).Status.Should().Be(HttpStatusCode.OK, "the content stays on the site");

        var again = await moderator.Http.PostAsync($"api/v1/admin/moderation/ideas/{idea}/dismiss-reports", null);
        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await Visitor.ProblemAsync(again)).GetProperty("detail").GetString().Should().Contain("no open reports");

        var (admin, _) = await With(Roles.Admin);
        var log = await admin.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/audit?action=reports.dismissed");
        log.EnumerateArray().Should().Contain(e => e.GetProperty("subject").GetString() == $"idea {idea}"
            && e.GetProperty("detail").GetString() == "1 report: I just disagree with it" && e.GetProperty("actorName").GetString() == "Mo Derator");

        // A new report after the dismissal brings it back, counting only the new one.
        var (second, _) = await With(Roles.Member);
        await second.Http.PostAsJsonAsync($"api/v1/ideas/{idea}/report", new { reason = "Still off topic" });
        (await Queue(moderator)).Single(q => q.GetProperty("kind").GetString() == "idea" && q.GetProperty("id").GetInt64() == idea)
            .GetProperty("reports").GetInt32().Should().Be(1);
    }

    [Fact]
    public async Task Content_the_report_threshold_hid_keeps_the_plugins_own_keyed_reason()
    {
        var (author, _) = await With(Roles.Member, host: "reported.test");
        var idea = await author.PostIdeaAsync(title: "Reported by two, held by the plugin's words");
        for (var i = 0; i < 2; i++)
        {
            var (reporter, _) = await With(Roles.Member, host: "reported.test");
            (await reporter.Http.PostAsJsonAsync($"api/v1/ideas/{idea}/report", new { reason = "No" })).StatusCode.Should().Be(HttpStatusCode.OK);
        }
        var item = await app.Services.GetRequiredService<Core.Moderation.IModerationStore>().ItemAsync("reported", Sdk.ContributionKind.Idea, idea);
        item!.HoldText.Should().NotBeNull();
        item.HoldText!.PluginId.Should().Be("report-threshold", "the rule that decided words why, as it does for a new contribution it holds");
        item.HoldText.Key.Should().Be("held-reported");
        item.Reason.Should().Be("Reported by 2 members", "the stored English is the plugin's own");
    }

    [Fact]
    public async Task Dismissing_the_reports_on_content_the_report_threshold_hid_puts_it_back_and_the_audit_says_so()
    {
        var (moderator, _) = await With(Roles.Moderator, "Mo Derator", "reported.test");
        var (author, _) = await With(Roles.Member, host: "reported.test");
        var idea = await author.PostIdeaAsync(title: "Reported by two, but fine");
        var comment = await Comment(author, idea, "A fine comment reported by two");
        foreach (var reason in new[] { "I disagree", "Me too" })
        {
            var (reporter, _) = await With(Roles.Member, host: "reported.test");
            // The comment first: once its idea is off the site, nothing on it can be reported.
            (await reporter.Http.PostAsJsonAsync($"api/v1/comments/{comment}/report", new { reason })).StatusCode.Should().Be(HttpStatusCode.OK);
            (await reporter.Http.PostAsJsonAsync($"api/v1/ideas/{idea}/report", new { reason })).StatusCode.Should().Be(HttpStatusCode.OK);
        }
        var reader = app.Visit("reported.test");
        (await reader.GetPageAsync($"/ideas/{idea}")).Status.Should().Be(HttpStatusCode.NotFound, "two reports hid it");

        (await moderator.Http.PostAsync($"api/v1/admin/moderation/comments/{comment}/dismiss-reports", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await moderator.Http.PostAsync($"api/v1/admin/moderation/ideas/{idea}/dismiss-reports", null)).StatusCode.Should().Be(HttpStatusCode.OK);

        var page = await reader.GetPageAsync($"/ideas/{idea}");
        page.Status.Should().Be(HttpStatusCode.OK, "the reports were what hid it, and they are dismissed");
        page.Html.Should().Contain("A fine comment reported by two");
        (await reader.Http.GetFromJsonAsync<JsonElement>($"api/v1/ideas/{idea}")).GetProperty("commentCount").GetInt32().Should().Be(1);
        (await Queue(moderator)).Should().NotContain(q => q.GetProperty("id").GetInt64() == idea || q.GetProperty("id").GetInt64() == comment);

        var (admin, _) = await With(Roles.Admin, host: "reported.test");
        var log = (await admin.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/audit?action=reports.dismissed")).EnumerateArray().ToList();
        log.Single(e => e.GetProperty("subject").GetString() == $"idea {idea}").GetProperty("detail").GetString()
            .Should().Contain("2 reports").And.Contain("back on the site");
        log.Single(e => e.GetProperty("subject").GetString() == $"comment {comment}").GetProperty("detail").GetString().Should().Contain("back on the site");
    }

    [Fact]
    public async Task Blocking_a_member_hides_their_named_contributions_only_and_reveals_nothing()
    {
        var (moderator, _) = await With(Roles.Moderator, "Mo Derator", "reported.test");
        var (author, authorId) = await With(Roles.Member, host: "reported.test");
        var named = await author.PostIdeaAsync(title: "A named idea");
        var anonymous = await author.PostIdeaAsync(title: "An anonymous idea", anonymous: true);
        var anonymousComment = await Comment(author, named, "An anonymous comment", anonymous: true);
        var anonymousReply = await Comment(author, named, "An anonymous reply", anonymous: true, parent: anonymousComment);

        var block = await moderator.Http.PostAsJsonAsync($"api/v1/admin/members/{authorId}/block", new { reason = "Cooling off period" });
        block.StatusCode.Should().Be(HttpStatusCode.OK);
        (await block.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("hidden").GetInt32().Should().Be(1, "only the named idea");
        var hidden = (await moderator.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/moderation/hidden")).EnumerateArray()
            .Select(h => (h.GetProperty("kind").GetString(), h.GetProperty("id").GetInt64())).ToList();
        hidden.Should().Contain(("idea", named)).And.NotContain(("idea", anonymous))
            .And.NotContain(("comment", anonymousComment)).And.NotContain(("comment", anonymousReply));
        var reader = app.Visit("reported.test");
        (await reader.GetPageAsync($"/ideas/{anonymous}")).Status.Should().Be(HttpStatusCode.OK, "the public sees nothing of theirs go but what carries their name");

        var (admin, _) = await With(Roles.Admin, host: "reported.test");
        (await admin.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/audit?action=identity.revealed")).EnumerateArray()
            .Should().NotContain(e => e.GetProperty("subject").GetString() == $"idea {anonymous}");
    }

    [Fact]
    public async Task Hiding_a_blocked_members_anonymous_posts_too_needs_a_reason_and_is_audited_as_a_reveal_of_each()
    {
        var (moderator, _) = await With(Roles.Moderator, "Mo Derator", "reported.test");
        var (author, authorId) = await With(Roles.Member, host: "reported.test");
        var named = await author.PostIdeaAsync(title: "Named, then blocked");
        var anonymous = await author.PostIdeaAsync(title: "Anonymous, then revealed", anonymous: true);
        var anonymousComment = await Comment(author, named, "Anonymous comment, then revealed", anonymous: true);

        var unexplained = await moderator.Http.PostAsJsonAsync($"api/v1/admin/members/{authorId}/block", new { reason = "Abusive posts", hideAnonymous = true });
        unexplained.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Visitor.ProblemAsync(unexplained)).GetProperty("errors").TryGetProperty("revealReason", out _).Should().BeTrue();
        (await moderator.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/members")).EnumerateArray()
            .Single(m => m.GetProperty("id").GetInt64() == authorId).GetProperty("blocked").GetBoolean().Should().BeFalse("nothing is done half-way");

        var block = await moderator.Http.PostAsJsonAsync($"api/v1/admin/members/{authorId}/block",
            new { reason = "Abusive posts", hideAnonymous = true, revealReason = "Abuse continues under anonymity" });
        block.StatusCode.Should().Be(HttpStatusCode.OK);
        (await block.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("hidden").GetInt32().Should().Be(3);
        (await app.Visit("reported.test").GetPageAsync($"/ideas/{anonymous}")).Status.Should().Be(HttpStatusCode.NotFound);

        var (admin, _) = await With(Roles.Admin, host: "reported.test");
        var reveals = (await admin.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/audit?action=identity.revealed")).EnumerateArray()
            .Where(e => e.GetProperty("detail").GetString()!.Contains($"member {authorId}")).ToList();
        reveals.Select(e => e.GetProperty("subject").GetString()).Should().BeEquivalentTo([$"idea {anonymous}", $"comment {anonymousComment}"]);
        reveals.Should().OnlyContain(e => e.GetProperty("detail").GetString()!.StartsWith("Abuse continues under anonymity"));
    }

    [Fact]
    public async Task The_members_page_hides_a_blocked_members_anonymous_posts_only_when_asked_with_a_reveal_reason()
    {
        var (moderator, _) = await With(Roles.Moderator, "Mo Derator", "reported.test");
        var name = $"Anon {Guid.NewGuid():N}"[..20];
        var (author, authorId) = await With(Roles.Member, name, "reported.test");
        var anonymous = await author.PostIdeaAsync(title: "Anonymous, revealed on the page", anonymous: true);
        var page = $"/admin/members?q={Uri.EscapeDataString(name)}";
        (await moderator.GetPageAsync(page)).Html.Should().Contain($"id=\"block-reveal-reason-{authorId}\"").And.Contain("Also hide their anonymous posts");

        var missing = await Submit(moderator, page, "/admin/members?handler=Block",
            new() { ["id"] = $"{authorId}", ["reason"] = "Abusive posts", ["hideAnonymous"] = "true", ["revealReason"] = "", ["q"] = name });
        missing.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var error = await missing.Content.ReadAsStringAsync();
        error.Should().Contain($"href=\"#block-reveal-reason-{authorId}\"").And.Contain(">Abusive posts</textarea>", "what was typed is kept");

        var block = await Submit(moderator, page, "/admin/members?handler=Block",
            new() { ["id"] = $"{authorId}", ["reason"] = "Abusive posts", ["hideAnonymous"] = "true", ["revealReason"] = "Abuse continues under anonymity", ["q"] = name });
        block.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await app.Visit("reported.test").GetPageAsync($"/ideas/{anonymous}")).Status.Should().Be(HttpStatusCode.NotFound);
        var (admin, _) = await With(Roles.Admin, host: "reported.test");
        (await admin.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/audit?action=identity.revealed")).EnumerateArray()
            .Should().Contain(e => e.GetProperty("subject").GetString() == $"idea {anonymous}" && e.GetProperty("detail").GetString()!.StartsWith("Abuse continues under anonymity"));
    }

    [Fact]
    public async Task The_moderation_api_masks_personal_data_and_showing_the_full_text_is_audited()
    {
        var (moderator, _) = await With(Roles.Moderator, "Mo Derator");
        var (author, _) = await With(Roles.Member);
        var held = await Held(author, "My NHS number is 943 476 5919, ring 07700 900123");
        var (reporter, _) = await With(Roles.Member);
        var idea = await author.PostIdeaAsync(title: "A fine idea");
        await reporter.Http.PostAsJsonAsync($"api/v1/ideas/{idea}/report", new { reason = "He wrote 943 476 5919 elsewhere" });

        var queue = JsonSerializer.Serialize(await moderator.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/moderation/queue"));
        queue.Should().NotContain("943 476 5919").And.NotContain("07700 900123").And.Contain("[number hidden]");
        (await moderator.Http.PostAsJsonAsync($"api/v1/admin/moderation/ideas/{held}/hide", new { reason = "Holds 943 476 5919" })).StatusCode.Should().Be(HttpStatusCode.NoContent);
        JsonSerializer.Serialize(await moderator.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/moderation/hidden")).Should().NotContain("943 476 5919");

        var unexplained = await moderator.Http.PostAsJsonAsync($"api/v1/admin/moderation/ideas/{held}/full-text", new { reason = "" });
        unexplained.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var full = await moderator.Http.PostAsJsonAsync($"api/v1/admin/moderation/ideas/{held}/full-text", new { reason = "Check the number is real" });
        full.StatusCode.Should().Be(HttpStatusCode.OK);
        (await full.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("body").GetString().Should().Be("My NHS number is 943 476 5919, ring 07700 900123");

        var (admin, _) = await With(Roles.Admin);
        (await admin.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/audit?action=content.unmasked")).EnumerateArray()
            .Should().Contain(e => e.GetProperty("subject").GetString() == $"idea {held}" && e.GetProperty("detail").GetString() == "Check the number is real"
                && e.GetProperty("actorName").GetString() == "Mo Derator");
    }

    [Fact]
    public async Task The_moderation_page_shows_the_full_text_only_when_asked_with_a_reason_and_audits_it()
    {
        var (moderator, _) = await With(Roles.Moderator, "Mo Derator");
        var (author, _) = await With(Roles.Member);
        var held = await Held(author, "Ring me on 07700 900456 please");
        (await moderator.GetPageAsync("/admin/moderation")).Html.Should().NotContain("07700 900456");

        var unexplained = await Submit(moderator, "/admin/moderation", "/admin/moderation?handler=FullText", new() { ["kind"] = "idea", ["id"] = $"{held}", ["reason"] = "" });
        unexplained.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await unexplained.Content.ReadAsStringAsync()).Should().NotContain("07700 900456").And.Contain("class=\"nhsuk-error-summary\"");
        var shown = await Submit(moderator, "/admin/moderation", "/admin/moderation?handler=FullText", new() { ["kind"] = "idea", ["id"] = $"{held}", ["reason"] = "Is this a real number?" });
        shown.StatusCode.Should().Be(HttpStatusCode.OK);
        (await shown.Content.ReadAsStringAsync()).Should().Contain("Ring me on 07700 900456 please");
        (await moderator.GetPageAsync("/admin/moderation")).Html.Should().NotContain("07700 900456", "it is shown once, to the one who asked");

        var (admin, _) = await With(Roles.Admin);
        (await admin.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/audit?action=content.unmasked")).EnumerateArray()
            .Should().Contain(e => e.GetProperty("subject").GetString() == $"idea {held}" && e.GetProperty("detail").GetString() == "Is this a real number?");
    }

    [Fact]
    public async Task Approving_content_held_after_reports_closes_the_reports_so_it_does_not_come_back_to_the_queue()
    {
        var (moderator, _) = await With(Roles.Moderator);
        var (author, _) = await With(Roles.Member);
        var idea = await author.PostIdeaAsync(title: "Reported then hidden then fine");
        var (reporter, _) = await With(Roles.Member);
        await reporter.Http.PostAsJsonAsync($"api/v1/ideas/{idea}/report", new { reason = "spam" });
        (await moderator.Http.PostAsJsonAsync($"api/v1/admin/moderation/ideas/{idea}/hide", new { reason = "Looks like spam" })).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await moderator.Http.PostAsync($"api/v1/admin/moderation/ideas/{idea}/restore", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await Queue(moderator)).Should().NotContain(q => q.GetProperty("kind").GetString() == "idea" && q.GetProperty("id").GetInt64() == idea,
            "the hide dealt with the report; restoring does not reopen it");
    }

    [Fact]
    public async Task Restoring_puts_hidden_content_back_lists_what_is_hidden_refuses_what_is_not_and_is_audited()
    {
        var (moderator, _) = await With(Roles.Moderator, "Mo Derator");
        var (author, _) = await With(Roles.Member);
        var idea = await author.PostIdeaAsync(title: "Hidden by mistake");
        var comment = await Comment(author, idea, "A comment hidden by mistake");
        (await moderator.Http.PostAsJsonAsync($"api/v1/admin/moderation/ideas/{idea}/hide", new { reason = "Thought it was spam" })).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await moderator.Http.PostAsJsonAsync($"api/v1/admin/moderation/comments/{comment}/hide", new { reason = "Thought it was spam" })).StatusCode.Should().Be(HttpStatusCode.NoContent);

        var hidden = await moderator.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/moderation/hidden");
        hidden.EnumerateArray().Should().Contain(h => h.GetProperty("kind").GetString() == "idea" && h.GetProperty("id").GetInt64() == idea
            && h.GetProperty("reason").GetString() == "Thought it was spam" && !h.GetProperty("hiddenByBlock").GetBoolean());

        (await moderator.Http.PostAsync($"api/v1/admin/moderation/comments/{comment}/restore", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await moderator.Http.PostAsync($"api/v1/admin/moderation/ideas/{idea}/restore", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var page = await author.GetPageAsync($"/ideas/{idea}");
        page.Status.Should().Be(HttpStatusCode.OK);
        page.Html.Should().Contain("A comment hidden by mistake");
        (await author.Http.GetFromJsonAsync<JsonElement>($"api/v1/ideas/{idea}")).GetProperty("commentCount").GetInt32().Should().Be(1, "the restored comment counts again");

        var twice = await moderator.Http.PostAsync($"api/v1/admin/moderation/ideas/{idea}/restore", null);
        twice.StatusCode.Should().Be(HttpStatusCode.Conflict, "only hidden content can be restored");
        (await moderator.Http.PostAsync("api/v1/admin/moderation/ideas/999999/restore", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);

        var (admin, _) = await With(Roles.Admin);
        (await admin.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/audit?action=content.restored")).EnumerateArray()
            .Select(e => e.GetProperty("subject").GetString()).Should().Contain([$"idea {idea}", $"comment {comment}"]);
    }

    [Fact]
    public async Task Unblocking_restores_exactly_what_the_block_hid_and_not_what_a_moderator_hid_or_rejected()
    {
        var (moderator, _) = await With(Roles.Moderator, "Mo Derator");
        var (author, authorId) = await With(Roles.Member, "Blocked For A While");
        var published = await author.PostIdeaAsync(title: "Published before the block");
        var comment = await Comment(author, published, "My own comment");
        var hiddenByModerator = await author.PostIdeaAsync(title: "Hidden by a moderator");
        var rejected = await Held(author, "Ring me on 07700 900111");
        var held = await Held(author, "Or ring 07700 900222");
        var restoredDuringBlock = await author.PostIdeaAsync(title: "Restored while the block lasted");
        (await moderator.Http.PostAsJsonAsync($"api/v1/admin/moderation/ideas/{hiddenByModerator}/hide", new { reason = "Off topic here" })).EnsureSuccessStatusCode();
        (await moderator.Http.PostAsJsonAsync($"api/v1/admin/moderation/ideas/{rejected}/reject", new { reason = "No phone numbers please" })).EnsureSuccessStatusCode();

        var block = await moderator.Http.PostAsJsonAsync($"api/v1/admin/members/{authorId}/block", new { reason = "Cooling off period" });
        (await block.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("hidden").GetInt32().Should().Be(4, "two published ideas, a comment and a held idea");
        (await moderator.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/moderation/hidden")).EnumerateArray()
            .Single(h => h.GetProperty("kind").GetString() == "idea" && h.GetProperty("id").GetInt64() == published).GetProperty("hiddenByBlock").GetBoolean().Should().BeTrue();
        (await moderator.Http.PostAsJsonAsync($"api/v1/admin/members/{authorId}/block", new { reason = "Cooling off period" })).StatusCode.Should().Be(HttpStatusCode.Conflict);
        // A moderator's own decision during the block replaces what the block did.
        (await moderator.Http.PostAsync($"api/v1/admin/moderation/ideas/{restoredDuringBlock}/restore", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await moderator.Http.PostAsJsonAsync($"api/v1/admin/moderation/ideas/{restoredDuringBlock}/hide", new { reason = "Hidden again on its own merits" })).EnsureSuccessStatusCode();

        (await moderator.Http.PostAsJsonAsync($"api/v1/admin/members/{authorId}/unblock", new { reason = "" })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var unblock = await moderator.Http.PostAsJsonAsync($"api/v1/admin/members/{authorId}/unblock", new { reason = "Apologised to the community" });
        unblock.StatusCode.Should().Be(HttpStatusCode.OK);
        (await unblock.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("restored").GetInt32().Should().Be(3);

        using var reader = app.Visit("mine.test");
        (await reader.GetPageAsync($"/ideas/{published}")).Html.Should().Contain("My own comment");
        (await reader.Http.GetFromJsonAsync<JsonElement>($"api/v1/ideas/{published}")).GetProperty("commentCount").GetInt32().Should().Be(1);
        (await reader.GetPageAsync($"/ideas/{hiddenByModerator}")).Status.Should().Be(HttpStatusCode.NotFound, "a moderator hid it, not the block");
        (await reader.GetPageAsync($"/ideas/{rejected}")).Status.Should().Be(HttpStatusCode.NotFound);
        (await reader.GetPageAsync($"/ideas/{restoredDuringBlock}")).Status.Should().Be(HttpStatusCode.NotFound, "the moderator's later decision stands");
        var queue = await Queue(moderator);
        queue.Single(q => q.GetProperty("kind").GetString() == "idea" && q.GetProperty("id").GetInt64() == held).GetProperty("reason").GetString()
            .Should().Contain("phone number", "held content goes back to the queue with the rule's reason");
        var hiddenNow = await moderator.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/moderation/hidden");
        hiddenNow.EnumerateArray().Single(h => h.GetProperty("kind").GetString() == "idea" && h.GetProperty("id").GetInt64() == hiddenByModerator)
            .GetProperty("reason").GetString().Should().Be("Off topic here");

        (await author.Http.PostAsJsonAsync("api/v1/account/signin", new { email = await EmailOf(moderator, authorId), password = "correct horse battery" })).EnsureSuccessStatusCode();
        await author.UseAntiforgeryHeaderAsync();
        await author.PostIdeaAsync(title: "Back and posting again");
        (await moderator.Http.PostAsJsonAsync($"api/v1/admin/members/{authorId}/unblock", new { reason = "Apologised to the community" })).StatusCode.Should().Be(HttpStatusCode.Conflict);

        var (admin, _) = await With(Roles.Admin);
        (await admin.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/audit?action=member.unblocked")).EnumerateArray()
            .Should().Contain(e => e.GetProperty("subject").GetString() == $"member {authorId}" && e.GetProperty("detail").GetString() == "Apologised to the community (3 items restored)");
    }

    [Fact]
    public async Task A_moderator_of_another_tenant_cannot_dismiss_restore_or_unblock_here()
    {
        var (moderator, _) = await With(Roles.Moderator);
        var (author, authorId) = await With(Roles.Member);
        var idea = await author.PostIdeaAsync(title: "Reported on my site");
        var (reporter, _) = await With(Roles.Member);
        await reporter.Http.PostAsJsonAsync($"api/v1/ideas/{idea}/report", new { reason = "off topic" });
        var hidden = await author.PostIdeaAsync(title: "Hidden on my site");
        await moderator.Http.PostAsJsonAsync($"api/v1/admin/moderation/ideas/{hidden}/hide", new { reason = "Off topic here" });
        var (blocked, blockedId) = await With(Roles.Member);
        await moderator.Http.PostAsJsonAsync($"api/v1/admin/members/{blockedId}/block", new { reason = "Cooling off period" });

        var (intruder, _) = await With(Roles.Admin, host: "empty.test");
        (await intruder.Http.PostAsync($"api/v1/admin/moderation/ideas/{idea}/dismiss-reports", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await intruder.Http.PostAsync($"api/v1/admin/moderation/ideas/{hidden}/restore", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await intruder.Http.PostAsJsonAsync($"api/v1/admin/members/{blockedId}/unblock", new { reason = "Let them back in" })).StatusCode.Should().Be(HttpStatusCode.NotFound);

        (await Queue(moderator)).Should().Contain(q => q.GetProperty("kind").GetString() == "idea" && q.GetProperty("id").GetInt64() == idea);
        (await author.GetPageAsync($"/ideas/{hidden}")).Status.Should().Be(HttpStatusCode.NotFound);
        (await moderator.Http.GetFromJsonAsync<JsonElement>($"api/v1/admin/members?search=")).EnumerateArray()
            .Single(m => m.GetProperty("id").GetInt64() == blockedId).GetProperty("blocked").GetBoolean().Should().BeTrue();
        _ = authorId;
        blocked.Dispose();
    }

    // ---- the admin pages ----

    [Fact]
    public async Task A_moderator_dismisses_reports_and_restores_hidden_content_through_the_pages()
    {
        var (moderator, _) = await With(Roles.Moderator);
        var (author, _) = await With(Roles.Member);
        var idea = await author.PostIdeaAsync(title: "Fine idea reported by mistake");
        var (reporter, _) = await With(Roles.Member);
        await reporter.Http.PostAsJsonAsync($"api/v1/ideas/{idea}/report", new { reason = "Call 07700 900333 to discuss" });

        var (_, html) = await moderator.GetPageAsync("/admin/moderation");
        var card = Card(html, "idea", idea);
        card.Should().Contain("What reporters said").And.Contain("Call [number hidden] to discuss", "reasons are masked like everything else on the page");
        card.Should().Contain("action=\"/admin/moderation?handler=Dismiss\"");

        var dismiss = await Submit(moderator, "/admin/moderation", "/admin/moderation?handler=Dismiss", new() { ["kind"] = "idea", ["id"] = $"{idea}" });
        dismiss.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var after = (await moderator.GetPageAsync("/admin/moderation")).Html;
        after.Should().Contain("its reports have left the queue").And.NotContain($"id=\"idea-{idea}\"");

        var twice = await Submit(moderator, "/admin/moderation", "/admin/moderation?handler=Dismiss", new() { ["kind"] = "idea", ["id"] = $"{idea}" });
        twice.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await twice.Content.ReadAsStringAsync()).Should().Contain("class=\"nhsuk-error-summary\"").And.Contain("href=\"#queue\"").And.Contain("no open reports");

        await Submit(moderator, "/admin/moderation", "/admin/moderation?handler=Hide", new() { ["kind"] = "idea", ["id"] = $"{idea}", ["reason"] = "Hidden, then thought better of it" });
        var hiddenView = await moderator.GetPageAsync("/admin/moderation?view=hidden");
        hiddenView.Status.Should().Be(HttpStatusCode.OK);
        Regex.Matches(hiddenView.Html, "<h1[ >]").Should().HaveCount(1);
        hiddenView.Html.Should().Contain("<h1>Hidden content</h1>").And.Contain("Hidden, then thought better of it");
        Card(hiddenView.Html, "idea", idea).Should().Contain("action=\"/admin/moderation?view=hidden&amp;handler=Restore\"");

        var restore = await Submit(moderator, "/admin/moderation?view=hidden", "/admin/moderation?view=hidden&handler=Restore", new() { ["kind"] = "idea", ["id"] = $"{idea}" });
        restore.StatusCode.Should().Be(HttpStatusCode.Redirect);
        restore.Headers.Location!.OriginalString.Should().Be("/admin/moderation?view=hidden");
        (await moderator.GetPageAsync("/admin/moderation?view=hidden")).Html.Should().Contain("it is on the site again").And.NotContain($"id=\"idea-{idea}\"");
        (await author.GetPageAsync($"/ideas/{idea}")).Status.Should().Be(HttpStatusCode.OK);

        var (admin, _) = await With(Roles.Admin, "Audrey Admin");
        foreach (var action in new[] { "reports.dismissed", "content.hidden", "content.restored" })
        {
            var audit = (await admin.GetPageAsync($"/admin/audit?action={action}")).Html;
            audit.Should().Contain($"<option value=\"{action}\" selected=\"selected\">", "the audit page can filter by every action");
            Regex.Matches(audit, "data-action=\"([a-z.]+)\"").Select(m => m.Groups[1].Value).Should().NotBeEmpty().And.OnlyContain(a => a == action);
            audit.Should().Contain($"idea {idea}");
        }
    }

    [Fact]
    public async Task A_moderator_unblocks_a_member_through_the_members_page_giving_a_reason()
    {
        var (moderator, _) = await With(Roles.Moderator);
        var name = $"Unblock {Guid.NewGuid():N}"[..20];
        var (member, memberId) = await With(Roles.Member, name);
        var idea = await member.PostIdeaAsync(title: "Back after the unblock");
        await moderator.Http.PostAsJsonAsync($"api/v1/admin/members/{memberId}/block", new { reason = "Cooling off period" });

        var page = $"/admin/members?q={Uri.EscapeDataString(name)}";
        var (_, html) = await moderator.GetPageAsync(page);
        html.Should().Contain($"id=\"unblock-reason-{memberId}\"").And.NotContain($"id=\"block-reason-{memberId}\"");

        var missing = await Submit(moderator, page, "/admin/members?handler=Unblock", new() { ["id"] = $"{memberId}", ["reason"] = "", ["q"] = name });
        missing.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var error = await missing.Content.ReadAsStringAsync();
        error.Should().Contain($"href=\"#unblock-reason-{memberId}\"").And.Contain("Give a reason");

        var unblock = await Submit(moderator, page, "/admin/members?handler=Unblock", new() { ["id"] = $"{memberId}", ["reason"] = "Served the cooling off period", ["q"] = name });
        unblock.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await moderator.GetPageAsync(unblock.Headers.Location!.OriginalString)).Html.Should().Contain($"Unblocked {name}: 1 item restored.").And.Contain($"id=\"block-reason-{memberId}\"");
        (await moderator.GetPageAsync($"/ideas/{idea}")).Status.Should().Be(HttpStatusCode.OK);
    }

    // ---- helpers ----

    private static async Task<List<JsonElement>> Queue(Visitor moderator) =>
        (await moderator.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/moderation/queue")).EnumerateArray().ToList();

    private static async Task<long> Comment(Visitor member, long idea, string body, bool anonymous = false, long? parent = null)
    {
        var response = await member.Http.PostAsJsonAsync($"api/v1/ideas/{idea}/comments", new { body, anonymous, parentId = parent });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    private static async Task<long> Held(Visitor member, string body)
    {
        var response = await member.Http.PostAsJsonAsync("api/v1/challenges/waiting-well/ideas", new { title = "An idea with details", body, anonymous = false });
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    private static async Task<string> EmailOf(Visitor moderator, long memberId) =>
        (await moderator.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/members")).EnumerateArray()
            .Single(m => m.GetProperty("id").GetInt64() == memberId).GetProperty("email").GetString()!;

    /// <summary>The card for one item on a moderation page.</summary>
    private static string Card(string html, string kind, long id)
    {
        var start = html.IndexOf($"id=\"{kind}-{id}\"", StringComparison.Ordinal);
        start.Should().BePositive($"the page should show {kind} {id}");
        var end = html.IndexOf("</li>", start, StringComparison.Ordinal);
        return html[start..end];
    }

    /// <summary>Loads the page and posts the fields with the anti-forgery token its forms carry, as a browser does.</summary>
    internal static async Task<HttpResponseMessage> Submit(Visitor visitor, string formPage, string action, Dictionary<string, string> fields)
    {
        var (status, html) = await visitor.GetPageAsync(formPage);
        status.Should().Be(HttpStatusCode.OK, $"the form page {formPage} should load");
        var token = TokenField().Match(html);
        token.Success.Should().BeTrue($"the page {formPage} should carry an anti-forgery token");
        var all = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value) };
        visitor.Http.DefaultRequestHeaders.Remove("X-CSRF-TOKEN");
        var response = await visitor.Http.PostAsync(action, new FormUrlEncodedContent(all));
        await visitor.UseAntiforgeryHeaderAsync();
        return response;
    }

    [GeneratedRegex("<input(?=[^>]*name=\"__RequestVerificationToken\")[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
