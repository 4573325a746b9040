using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Engine.Core.Members;
using Engine.Core.Moderation;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace Engine.Web.Tests.Email;

/// <summary>Every kind of email, as a member's mailbox receives it from the engine over SMTP.</summary>
public sealed class EmailTests(MailApp app) : IClassFixture<MailApp>
{
    private const string Alpha = "alpha.test", Beta = "beta.test";

    [Fact]
    public async Task Registering_sends_a_confirmation_email_from_the_sites_sender_whose_link_confirms_the_address()
    {
        var person = await app.RegisteredAsync(Alpha, "Casey Confirm");

        var mail = await app.Smtp.WaitForKindAsync(person.Email, "confirm-email");
        mail.Recipients.Should().Equal(person.Email);
        mail.MailFrom.Should().Be("ideas@alpha.test");
        mail.Header("From").Should().Contain("Alpha Health Ideas").And.Contain("<ideas@alpha.test>");
        mail.Header("Reply-To").Should().Contain("team@alpha.test");
        mail.Header("To").Should().Contain(person.Email);
        mail.Subject.Should().Be("Confirm your email address for Alpha Health Ideas");
        mail.Body.Should().Contain("Hello Casey Confirm,").And.Contain("http://alpha.test/account/confirm-email?member=");
        mail.Header("Message-ID").Should().MatchRegex(@"^<email-\d+\.alpha@alpha\.test>$");
        mail.Header("List-Unsubscribe").Should().StartWith("<http://alpha.test/email/unsubscribe?token=");
        mail.Header("List-Unsubscribe-Post").Should().Be("List-Unsubscribe=One-Click");

        // Opening the link shows a button (mail scanners open links); pressing it confirms.
        var link = new Uri(mail.Link("/account/confirm-email"));
        var (status, page) = await person.Visitor.GetPageAsync(link.PathAndQuery);
        status.Should().Be(HttpStatusCode.OK);
        page.Should().Contain("Confirm my email address");
        var members = app.Services.GetRequiredService<IMemberStore>();
        (await members.FindByIdAsync("alpha", person.Id))!.EmailConfirmed.Should().BeFalse();
        var query = QueryHelpers.ParseQuery(link.Query);
        var confirmed = await person.Visitor.SubmitAsync(link.PathAndQuery, "account/confirm-email", new() { ["member"] = query["member"]!, ["token"] = query["token"]! });
        (await confirmed.Content.ReadAsStringAsync()).Should().Contain("Your email address is confirmed");
        (await members.FindByIdAsync("alpha", person.Id))!.EmailConfirmed.Should().BeTrue();
    }

    [Fact]
    public async Task A_confirmation_link_for_one_member_does_not_confirm_another()
    {
        var first = await app.RegisteredAsync(Alpha, "First Person");
        var second = await app.RegisteredAsync(Alpha, "Second Person");
        var link = new Uri((await app.Smtp.WaitForKindAsync(first.Email, "confirm-email")).Link("/account/confirm-email"));
        var token = QueryHelpers.ParseQuery(link.Query)["token"]!;

        var response = await second.Visitor.SubmitAsync("account/confirm-email", "account/confirm-email", new() { ["member"] = second.Id.ToString(), ["token"] = token! });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await app.Services.GetRequiredService<IMemberStore>().FindByIdAsync("alpha", second.Id))!.EmailConfirmed.Should().BeFalse();
    }

    [Fact]
    public async Task Beta_without_a_sender_in_tenant_json_sends_from_noreply_at_its_host_under_its_name()
    {
        var person = await app.RegisteredAsync(Beta, "Bea Default");
        var mail = await app.Smtp.WaitForKindAsync(person.Email, "confirm-email");
        mail.MailFrom.Should().Be("noreply@beta.test");
        mail.Header("From").Should().Contain("Beta Care Voices");
        mail.Header("Reply-To").Should().BeNull();
    }

    [Fact]
    public async Task A_comment_on_an_idea_emails_its_author_and_a_reply_emails_the_comment_author_by_name()
    {
        var author = await app.ConfirmedAsync(Alpha, "Ida Author");
        var commenter = await app.ConfirmedAsync(Alpha, "Colm Commenter");
        var replier = await app.ConfirmedAsync(Alpha, "Rory Replier");
        var ideaId = await author.Visitor.PostIdeaAsync("Evening phlebotomy clinics");

        var commentId = await commenter.CommentAsync(ideaId, "Evenings would help shift workers.");
        var toAuthor = await app.Smtp.WaitForKindAsync(author.Email, "replies");
        toAuthor.Subject.Should().Be("New comment on your idea “Evening phlebotomy clinics”");
        toAuthor.Body.Should().Contain("Colm Commenter commented on your idea “Evening phlebotomy clinics”:")
            .And.Contain("> Evenings would help shift workers.")
            .And.Contain($"http://alpha.test/ideas/{ideaId}#comment-{commentId}");

        var replyId = await replier.CommentAsync(ideaId, "Agreed, and weekends too.", parentId: commentId);
        var toCommenter = await app.Smtp.WaitForKindAsync(commenter.Email, "replies");
        toCommenter.Recipients.Should().Equal(commenter.Email);
        toCommenter.Subject.Should().Be("New reply to your comment on “Evening phlebotomy clinics”");
        toCommenter.Body.Should().Contain("Rory Replier replied to your comment").And.Contain($"#comment-{replyId}");
        toCommenter.Body.Should().Contain("Unsubscribe from replies to your ideas and comments: http://alpha.test/email/unsubscribe?token=");
        toCommenter.Header("List-Unsubscribe").Should().StartWith("<http://alpha.test/email/unsubscribe?token=");

        // Nobody is told about their own words, and a reply to a comment is not also a comment on the idea.
        app.Smtp.To(replier.Email).Should().NotContain(m => m.Header("X-Engine-Email-Kind") == "replies");
        await Task.Delay(300);
        app.Smtp.To(author.Email).Where(m => m.Header("X-Engine-Email-Kind") == "replies").Should().HaveCount(1);
    }

    [Fact]
    public async Task An_anonymous_commenter_hears_of_replies_and_an_anonymous_replier_is_never_named()
    {
        var author = await app.ConfirmedAsync(Alpha, "Ana Ideas");
        var shy = await app.ConfirmedAsync(Alpha, "Shy Nurse Quinlan");
        var secret = await app.ConfirmedAsync(Alpha, "Secret Replier Vance");
        var ideaId = await author.Visitor.PostIdeaAsync("Quiet rooms for staff");

        var anonymousComment = await shy.CommentAsync(ideaId, "Our ward has nowhere to go.", anonymous: true);
        var toAuthor = await app.Smtp.WaitForKindAsync(author.Email, "replies");
        toAuthor.Body.Should().Contain("Someone who chose to stay anonymous commented on your idea");
        toAuthor.Readable().Should().NotContain("Quinlan");

        await secret.CommentAsync(ideaId, "Same on ours.", anonymous: true, parentId: anonymousComment);
        var toShy = await app.Smtp.WaitForKindAsync(shy.Email, "replies");
        toShy.Recipients.Should().Equal(shy.Email);
        toShy.Body.Should().Contain("Someone who chose to stay anonymous replied to your comment on “Quiet rooms for staff”");
        toShy.Readable().Should().NotContain("Vance");
    }

    [Fact]
    public async Task A_status_change_emails_the_followers_and_an_anonymous_idea_reads_Anonymous()
    {
        var author = await app.ConfirmedAsync(Alpha, "Hidden Author Okafor");
        var follower = await app.ConfirmedAsync(Alpha, "Fay Follower");
        var manager = await app.ConfirmedAsync(Alpha, "Mo Manager", Roles.CommunityManager);
        var ideaId = await author.Visitor.PostIdeaAsync("Discharge lounge texts", anonymous: true);
        await follower.FollowIdeaAsync(ideaId);

        await manager.SetStatusAsync(ideaId, "under-review", "We are costing it.");

        var toFollower = await app.Smtp.WaitForKindAsync(follower.Email, "status-changes");
        toFollower.Subject.Should().Be("“Discharge lounge texts” is now: Under review");
        toFollower.Body.Should().Contain("By: Anonymous").And.Contain("Status: Under review").And.Contain("> We are costing it.")
            .And.Contain($"http://alpha.test/ideas/{ideaId}");
        toFollower.Readable().Should().NotContain("Okafor");
        // The author follows their own idea and hears too; the manager who moved it does not.
        var toAuthor = await app.Smtp.WaitForKindAsync(author.Email, "status-changes");
        toAuthor.Recipients.Should().Equal(author.Email);
        app.Smtp.To(manager.Email).Should().NotContain(m => m.Header("X-Engine-Email-Kind") == "status-changes");
    }

    [Fact]
    public async Task An_official_response_emails_the_ideas_author_and_its_followers()
    {
        var author = await app.ConfirmedAsync(Alpha, "Oona Author");
        var follower = await app.ConfirmedAsync(Alpha, "Otto Follower");
        var champion = await app.ConfirmedAsync(Alpha, "Cham Pion", Roles.Champion);
        var ideaId = await author.Visitor.PostIdeaAsync("Parking for carers");
        await follower.FollowIdeaAsync(ideaId);

        await champion.CommentAsync(ideaId, "We will pilot free carer parking in spring.", official: true);

        foreach (var person in new[] { author, follower })
        {
            var mail = await app.Smtp.WaitForKindAsync(person.Email, "official-responses");
            mail.Subject.Should().Be("Official response to “Parking for carers”");
            mail.Body.Should().Contain("Cham Pion, for the Alpha Health Ideas team, posted an official response").And.Contain("> We will pilot free carer parking in spring.");
        }
        // One email each: the official response, not also a "new comment".
        await Task.Delay(300);
        app.Smtp.To(author.Email).Should().NotContain(m => m.Header("X-Engine-Email-Kind") == "replies");
    }

    [Fact]
    public async Task Themed_and_joining_a_big_idea_each_email_the_followers_of_the_idea()
    {
        var follower = await app.ConfirmedAsync(Alpha, "Bix Follower");
        var manager = await app.ConfirmedAsync(Alpha, "Tess Themer", Roles.CommunityManager);
        // The closed challenge's ideas are themed; an idea is put there as if posted while it was open.
        var ideaId = await ClosedChallengeIdeaAsync("alpha", "Shared waiting lists", anonymousAuthorId: follower.Id);
        await follower.FollowIdeaAsync(ideaId);
        var http = manager.Visitor.Http;

        var theme = await (await http.PostAsJsonAsync("api/v1/admin/challenges/last-year/themes", new { title = "Waiting lists", summary = "" })).Content.ReadFromJsonAsync<JsonElement>();
        (await http.PostAsJsonAsync($"api/v1/admin/themes/{theme.GetProperty("id").GetInt64()}/ideas", new { ideaId })).EnsureSuccessStatusCode();
        var themed = await app.Smtp.WaitForKindAsync(follower.Email, "status-changes");
        themed.Subject.Should().Be("“Shared waiting lists” is now: Themed");
        themed.Body.Should().Contain("By: Anonymous");

        var big = await (await http.PostAsJsonAsync("api/v1/admin/challenges/last-year/big-ideas", new { title = "One list for the region", summary = "", description = "" })).Content.ReadFromJsonAsync<JsonElement>();
        var bigId = big.GetProperty("id").GetInt64();
        (await http.PutAsJsonAsync($"api/v1/admin/themes/{theme.GetProperty("id").GetInt64()}/big-idea", new { bigIdeaId = bigId })).EnsureSuccessStatusCode();
        var joined = await app.Smtp.WaitForAsync(follower.Email, m => m.Subject.Contains("big idea"));
        joined.Single().Subject.Should().Be("“Shared waiting lists” is part of the big idea “One list for the region”");
        joined.Single().Body.Should().Contain($"http://alpha.test/big-ideas/{bigId}");
    }

    [Fact]
    public async Task A_held_comment_notifies_nobody_until_a_moderator_approves_it()
    {
        var author = await app.ConfirmedAsync(Beta, "Hal Author");
        var commenter = await app.ConfirmedAsync(Beta, "Cy Commenter");
        var moderator = await app.ConfirmedAsync(Beta, "Mod Erator", Roles.Moderator);
        var ideaId = await author.Visitor.PostIdeaAsync("Call-back slots");
        var held = await commenter.Visitor.Http.PostAsJsonAsync($"api/v1/ideas/{ideaId}/comments", new { body = "Ring me on 07700 900123 about it" });
        held.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var commentId = (await held.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        await Task.Delay(500);
        app.Smtp.To(author.Email).Should().NotContain(m => m.Header("X-Engine-Email-Kind") == "replies");

        (await moderator.Visitor.Http.PostAsync($"api/v1/admin/moderation/comments/{commentId}/approve", null)).EnsureSuccessStatusCode();

        var mail = await app.Smtp.WaitForKindAsync(author.Email, "replies");
        mail.Body.Should().Contain("Cy Commenter commented on your idea “Call-back slots”");
    }

    [Fact]
    public async Task Forgotten_password_emails_a_link_that_sets_a_new_password_once()
    {
        var person = await app.ConfirmedAsync(Alpha, "Pat Forgetful");
        var asked = await app.Visit(Alpha).SubmitAsync("account/forgot-password", "account/forgot-password", new() { ["email"] = person.Email });
        (await asked.Content.ReadAsStringAsync()).Should().Contain("Check your email");
        // The same answer for an address with no account, and no email goes to it.
        var unknown = TestEmail.Unique("nobody");
        var none = await app.Visit(Alpha).SubmitAsync("account/forgot-password", "account/forgot-password", new() { ["email"] = unknown });
        (await none.Content.ReadAsStringAsync()).Should().Contain("Check your email");

        var mail = await app.Smtp.WaitForKindAsync(person.Email, "reset-password");
        mail.Subject.Should().Be("Reset your password for Alpha Health Ideas");
        var link = new Uri(mail.Link("/account/reset-password"));
        var query = QueryHelpers.ParseQuery(link.Query);
        var fields = new Dictionary<string, string> { ["member"] = query["member"]!, ["token"] = query["token"]!, ["password"] = "a brand new passphrase" };
        var visitor = app.Visit(Alpha);
        var reset = await visitor.SubmitAsync(link.PathAndQuery, "account/reset-password", fields);
        (await reset.Content.ReadAsStringAsync()).Should().Contain("Your password has been changed");

        var signIn = await app.Visit(Alpha).Http.PostAsJsonAsync("api/v1/account/signin", new { email = person.Email, password = "a brand new passphrase" });
        signIn.StatusCode.Should().Be(HttpStatusCode.OK);
        // Used once: the reset changed the security stamp the token carries.
        var again = await visitor.SubmitAsync(link.PathAndQuery, "account/reset-password", new(fields) { ["password"] = "yet another passphrase" });
        again.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        app.Smtp.To(unknown).Should().BeEmpty();
    }

    [Fact]
    public async Task One_click_unsubscribe_by_POST_stops_that_kind_of_email_and_no_other()
    {
        var author = await app.ConfirmedAsync(Alpha, "Una Subscribed");
        var other = await app.ConfirmedAsync(Alpha, "Ollie Other");
        var manager = await app.ConfirmedAsync(Alpha, "Meg Manager", Roles.CommunityManager);
        var ideaId = await author.Visitor.PostIdeaAsync("Text reminders the day before");
        await other.CommentAsync(ideaId, "First comment");
        var first = await app.Smtp.WaitForKindAsync(author.Email, "replies");

        // As a mail client does it (RFC 8058): a POST to the header's address, no cookie, no anti-forgery token.
        var url = new Uri(first.Header("List-Unsubscribe")!.Trim('<', '>'));
        using var mailClient = app.CreateClient(new() { BaseAddress = new Uri("http://alpha.test/"), AllowAutoRedirect = false });
        var response = await mailClient.PostAsync(url.PathAndQuery, new StringContent("List-Unsubscribe=One-Click", System.Text.Encoding.ASCII, "application/x-www-form-urlencoded"));
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());

        await other.CommentAsync(ideaId, "Second comment");
        await manager.SetStatusAsync(ideaId, "under-review");
        // The status email was queued after the second comment: once it has come, the reply would have too.
        await app.Smtp.WaitForKindAsync(author.Email, "status-changes");
        await Task.Delay(200);
        app.Smtp.To(author.Email).Where(m => m.Header("X-Engine-Email-Kind") == "replies").Should().HaveCount(1);
        var prefs = await author.Visitor.Http.GetFromJsonAsync<JsonElement>("api/v1/account/email-preferences");
        prefs.GetProperty("replies").GetBoolean().Should().BeFalse();
        prefs.GetProperty("statusChanges").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task The_unsubscribe_link_in_the_body_opens_a_page_whose_button_stops_status_emails()
    {
        var follower = await app.ConfirmedAsync(Alpha, "Lin Link");
        var manager = await app.ConfirmedAsync(Alpha, "Max Manager", Roles.CommunityManager);
        var ideaId = await (await app.ConfirmedAsync(Alpha, "Ayo Author")).Visitor.PostIdeaAsync("Volunteer drivers");
        await follower.FollowIdeaAsync(ideaId);
        await manager.SetStatusAsync(ideaId, "under-review");
        var mail = await app.Smtp.WaitForKindAsync(follower.Email, "status-changes");

        var link = new Uri(mail.Link("/email/unsubscribe"));
        var browser = app.Visit(Alpha); // not signed in: the link works from any device
        var (status, page) = await browser.GetPageAsync(link.PathAndQuery);
        status.Should().Be(HttpStatusCode.OK);
        page.Should().Contain("Stop getting updates when an idea you follow moves on");
        var token = QueryHelpers.ParseQuery(link.Query)["token"]!;
        var done = await browser.PostFormWithoutTokenAsync("email/unsubscribe", new() { ["token"] = token! });
        (await done.Content.ReadAsStringAsync()).Should().Contain("You are unsubscribed");

        await manager.SetStatusAsync(ideaId, "prototyping");
        await manager.CommentAsync(ideaId, "Drivers found.", official: true);
        await app.Smtp.WaitForKindAsync(follower.Email, "official-responses");
        await Task.Delay(200);
        app.Smtp.To(follower.Email).Where(m => m.Header("X-Engine-Email-Kind") == "status-changes").Should().HaveCount(1);
    }

    [Fact]
    public async Task An_unsubscribe_token_works_only_on_its_own_site_and_a_forged_one_is_refused()
    {
        var person = await app.ConfirmedAsync(Alpha, "Tia Token");
        var mail = await app.Smtp.WaitForKindAsync(person.Email, "confirm-email");
        var link = new Uri(mail.Header("List-Unsubscribe")!.Trim('<', '>'));

        var onBeta = await app.Visit(Beta).PostFormWithoutTokenAsync(link.PathAndQuery.TrimStart('/'), new() { ["List-Unsubscribe"] = "One-Click" });
        onBeta.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        // One character changed in the middle: the last characters of an encoded token may carry only padding bits (and
        // ending it with "AA" left it unchanged when it already ended so), which made this check fail once in a few hundred runs.
        var token = QueryHelpers.ParseQuery(link.Query)["token"].ToString();
        var forgedToken = token[..10] + (token[10] == 'A' ? 'B' : 'A') + token[11..];
        var forged = await app.Visit(Alpha).PostFormWithoutTokenAsync("email/unsubscribe?token=" + Uri.EscapeDataString(forgedToken), new());
        forged.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await person.Visitor.Http.GetFromJsonAsync<JsonElement>("api/v1/account/email-preferences")).GetProperty("replies").GetBoolean().Should().BeTrue();

        // The account email's link turns off every optional email on alpha.
        (await app.Visit(Alpha).PostFormWithoutTokenAsync(link.PathAndQuery.TrimStart('/'), new() { ["List-Unsubscribe"] = "One-Click" })).StatusCode.Should().Be(HttpStatusCode.OK);
        var prefs = await person.Visitor.Http.GetFromJsonAsync<JsonElement>("api/v1/account/email-preferences");
        prefs.GetProperty("replies").GetBoolean().Should().BeFalse();
        prefs.GetProperty("adminUpdates").GetBoolean().Should().BeFalse();
        prefs.GetProperty("digest").GetString().Should().Be("none");
    }

    [Fact]
    public async Task The_preferences_page_turns_replies_off_and_the_digest_to_daily_and_the_next_reply_is_not_sent()
    {
        var author = await app.ConfirmedAsync(Alpha, "Pru Prefs");
        var other = await app.ConfirmedAsync(Alpha, "Oz Other");
        var (status, page) = await author.Visitor.GetPageAsync("account/email");
        status.Should().Be(HttpStatusCode.OK);
        page.Should().Contain("Email preferences").And.Contain("id=\"replies\"");

        var saved = await author.Visitor.SubmitAsync("account/email", "account/email",
            new() { ["statusChanges"] = "true", ["officialResponses"] = "true", ["adminUpdates"] = "true", ["digest"] = "daily" });
        saved.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var prefs = await author.Visitor.Http.GetFromJsonAsync<JsonElement>("api/v1/account/email-preferences");
        prefs.GetProperty("replies").GetBoolean().Should().BeFalse();
        prefs.GetProperty("digest").GetString().Should().Be("daily");

        var ideaId = await author.Visitor.PostIdeaAsync("Ward wifi");
        await other.CommentAsync(ideaId, "Yes please", official: false);
        var manager = await app.ConfirmedAsync(Alpha, "Mia Manager", Roles.CommunityManager);
        await manager.SetStatusAsync(ideaId, "testing");
        await app.Smtp.WaitForKindAsync(author.Email, "status-changes");
        app.Smtp.To(author.Email).Should().NotContain(m => m.Header("X-Engine-Email-Kind") == "replies");

        var bad = await author.Visitor.SubmitAsync("account/email", "account/email", new() { ["digest"] = "hourly" });
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).Should().Contain("Choose how often to get the digest");
    }

    [Fact]
    public async Task A_member_who_has_not_confirmed_their_address_gets_account_emails_only()
    {
        var unconfirmed = await app.RegisteredAsync(Alpha, "Uma Unconfirmed");
        var other = await app.ConfirmedAsync(Alpha, "Olu Other");
        var ideaId = await unconfirmed.Visitor.PostIdeaAsync("Clearer appointment letters");
        await other.CommentAsync(ideaId, "Yes, and larger print.");
        await other.FollowIdeaAsync(ideaId);
        var manager = await app.ConfirmedAsync(Alpha, "Moe Manager", Roles.CommunityManager);
        await manager.SetStatusAsync(ideaId, "under-review");
        // The follower's copy was queued with the author's (which was never queued): once it has come, so would the author's.
        await app.Smtp.WaitForKindAsync(other.Email, "status-changes");
        await Task.Delay(300);

        app.Smtp.To(unconfirmed.Email).Select(m => m.Header("X-Engine-Email-Kind")).Should().Equal("confirm-email");
    }

    [Fact]
    public async Task An_admin_emails_the_people_who_took_part_in_a_challenge_from_the_admin_page_and_it_is_audited()
    {
        var admin = await app.ConfirmedAsync(Beta, "Ade Admin", Roles.Admin);
        var poster = await app.ConfirmedAsync(Beta, "Poppy Poster");
        var voter = await app.ConfirmedAsync(Beta, "Vic Voter");
        var bystander = await app.ConfirmedAsync(Beta, "Bo Bystander");
        var optedOut = await app.ConfirmedAsync(Beta, "Otis OptedOut");
        var ideaId = await poster.Visitor.PostIdeaAsync("Pharmacy collection lockers", anonymous: true);
        (await voter.Visitor.Http.PutAsJsonAsync($"api/v1/ideas/{ideaId}/vote", new { value = 1 })).EnsureSuccessStatusCode();
        (await optedOut.Visitor.Http.PutAsJsonAsync($"api/v1/ideas/{ideaId}/vote", new { value = 1 })).EnsureSuccessStatusCode();
        (await optedOut.Visitor.Http.PutAsJsonAsync("api/v1/account/email-preferences",
            new { replies = true, statusChanges = true, officialResponses = true, adminUpdates = false, digest = "weekly" })).EnsureSuccessStatusCode();

        var (status, page) = await admin.Visitor.GetPageAsync("admin/updates");
        status.Should().Be(HttpStatusCode.OK);
        page.Should().Contain("Email members");
        var sent = await admin.Visitor.SubmitAsync("admin/updates", "admin/updates", new()
        {
            ["Audience"] = "challenge", ["ChallengeSlug"] = "waiting-well",
            ["Subject"] = "Thank you for taking part", ["Body"] = "We read every idea.\nThe shortlist comes out next month.",
        });
        sent.StatusCode.Should().Be(HttpStatusCode.Redirect, await sent.Content.ReadAsStringAsync());

        foreach (var person in new[] { poster, voter })
        {
            var mail = await app.Smtp.WaitForKindAsync(person.Email, "admin-updates");
            mail.Recipients.Should().Equal(person.Email);
            mail.Subject.Should().Be("Thank you for taking part");
            mail.Body.Should().Contain($"Hello {person.Name},").And.Contain("We read every idea.\nThe shortlist comes out next month.").And.Contain("The Beta Care Voices team");
            mail.Header("List-Unsubscribe").Should().NotBeNull();
        }
        await Task.Delay(300);
        app.Smtp.To(bystander.Email).Should().NotContain(m => m.Header("X-Engine-Email-Kind") == "admin-updates");
        app.Smtp.To(optedOut.Email).Should().NotContain(m => m.Header("X-Engine-Email-Kind") == "admin-updates");

        var audit = await app.Services.GetRequiredService<IModerationStore>().AuditLogAsync("beta", "email.update-sent", 10);
        audit.Should().ContainSingle(a => a.Detail.Contains("Thank you for taking part") && a.Subject == "members who took part in challenge waiting-well" && a.ActorId == admin.Id);

        var empty = await admin.Visitor.SubmitAsync("admin/updates", "admin/updates", new() { ["Audience"] = "everyone", ["Subject"] = "", ["Body"] = "x" });
        empty.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await empty.Content.ReadAsStringAsync()).Should().Contain("Subject is required");
    }

    [Fact]
    public async Task The_digest_lists_new_ideas_in_followed_challenges_and_new_comments_once_per_period_and_names_no_anonymous_author()
    {
        var reader = await app.ConfirmedAsync(Beta, "Dee Digest");
        (await reader.Visitor.Http.PutAsync("api/v1/challenges/waiting-well/follow", null)).EnsureSuccessStatusCode();
        (await reader.Visitor.Http.PutAsJsonAsync("api/v1/account/email-preferences",
            new { replies = true, statusChanges = true, officialResponses = true, adminUpdates = true, digest = "daily" })).EnsureSuccessStatusCode();
        var dispatcher = app.Services.GetRequiredService<Engine.Web.Email.EmailDispatcher>();
        // The clock stands still until moved: a minute on, what the class's other tests posted is older than the digest's start,
        // and a minute after it, what this test posts is newer.
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await dispatcher.QueueDigestsAsync(default); // starts the reader's digest clock: nothing before this is news
        app.Clock.Advance(TimeSpan.FromMinutes(1));

        var named = await app.ConfirmedAsync(Beta, "Nia Named");
        var hidden = await app.ConfirmedAsync(Beta, "Harriet Hiddenname");
        var open = await named.Visitor.PostIdeaAsync("Open surgery hours online");
        await hidden.Visitor.PostIdeaAsync("Chaperone requests by text", anonymous: true);
        await hidden.CommentAsync(open, "Please include bank holidays.", anonymous: true);
        await dispatcher.QueueDigestsAsync(default);
        // The fake clock only moves forward, so it stays a day on for the class's later tests: none of them counts on today's date.
        app.Clock.Advance(TimeSpan.FromHours(25));
        await dispatcher.QueueDigestsAsync(default);
        await dispatcher.QueueDigestsAsync(default); // not due again until tomorrow

        var digest = await app.Smtp.WaitForKindAsync(reader.Email, "digest");
        digest.Subject.Should().Be("Beta Care Voices: your daily digest");
        digest.Body.Should().StartWith(
            $"""
            Hello Dee Digest,

            Here is what happened on Beta Care Voices in the challenges and ideas you follow since yesterday.

            New ideas in “Waiting well”:
            - Open surgery hours online (by Nia Named)
              http://beta.test/ideas/{open}
            - Chaperone requests by text (by Anonymous)
            """);
        digest.Body.Should().Contain($"New comments:\n- Open surgery hours online (Waiting well): 1 new comment\n  http://beta.test/ideas/{open}\n");
        digest.Body.Should().Contain("Unsubscribe from the digest of challenges you follow: http://beta.test/email/unsubscribe?token=");
        digest.Readable().Should().NotContain("Hiddenname");
        await Task.Delay(300);
        app.Smtp.To(reader.Email).Count(m => m.Header("X-Engine-Email-Kind") == "digest").Should().Be(1);
    }

    [Fact]
    public async Task Emails_are_marked_sent_in_the_outbox_with_one_attempt()
    {
        var person = await app.RegisteredAsync(Beta, "Otto Outbox");
        await app.Smtp.WaitForKindAsync(person.Email, "confirm-email");
        await Task.Delay(200);
        var db = app.Services.GetRequiredService<Engine.Data.Database>();
        await using var c = db.OpenReader();
        var row = await c.QuerySingleAsync<(long Attempts, long? SentAt)>(
            "SELECT attempts, sent_at FROM email_outbox WHERE tenant_id = 'beta' AND to_address = @email", new { email = person.Email });
        row.Attempts.Should().Be(1);
        row.SentAt.Should().NotBeNull();
    }

    /// <summary>An idea in alpha's closed challenge, posted anonymously-to-public by <paramref name="anonymousAuthorId"/>, with the author following it.</summary>
    private async Task<long> ClosedChallengeIdeaAsync(string tenantId, string title, long anonymousAuthorId)
    {
        var challenge = (await app.Services.GetRequiredService<Core.Challenges.IChallengeStore>().FindBySlugAsync(tenantId, "last-year"))!;
        return await app.Services.GetRequiredService<Core.Ideas.IIdeaStore>().AddAsync(tenantId, challenge.Id,
            new Admission(new Authorship(anonymousAuthorId, null, true), ModerationState.Published, null), new Core.Ideas.NewIdea(title, "Body text."), DateTimeOffset.UtcNow);
    }
}
