using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Engine.Core.Members;

namespace Engine.Web.Tests.DataRights;

/// <summary>"Download my data": one zip of what the site keeps about the member, for the member only, and never a link to a post that keeps none.</summary>
public sealed class DownloadMyDataTests(DataRightsApp app) : IClassFixture<DataRightsApp>
{
    [Fact]
    public async Task The_zip_holds_the_members_account_contributions_votes_follows_preferences_and_tokens_as_JSON_and_CSV()
    {
        var email = TestEmail.Unique("dana");
        var (member, memberId) = await app.MemberAsync("rights.test", Roles.Member, "Dana Download", email);
        var (other, _) = await app.MemberAsync("rights.test", Roles.Member, "Olly Other");
        var named = await member.PostIdeaAsync(title: "Dana's named idea", body: "A named body");
        var anonymous = await member.PostIdeaAsync(title: "Dana's anonymous idea", body: "An anonymous body", anonymous: true);
        var theirs = await other.PostIdeaAsync(title: "Olly's idea", body: "Not Dana's");
        (await Images.ImageApi.PostAsync(member, named, ("image", "ward.jpg", Images.TestImages.Jpeg(), "Dana's photo of the ward corridor"))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Images.ImageApi.PostAsync(other, theirs, ("image", "olly.jpg", Images.TestImages.Jpeg(), "Olly's photo, not Dana's"))).StatusCode.Should().Be(HttpStatusCode.OK);
        var comment = await DataRightsApp.CommentAsync(member, theirs, "Dana's comment on Olly's idea");
        await DataRightsApp.CommentAsync(other, named, "Olly's comment on Dana's idea");
        await DataRightsApp.VoteAsync(member, theirs, -1);
        (await member.Http.PutAsync("api/v1/challenges/waiting-well/follow", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await member.Http.PutAsJsonAsync("api/v1/account/email-preferences", new { replies = false, statusChanges = true, officialResponses = true, adminUpdates = false, digest = "daily" }))
            .IsSuccessStatusCode.Should().BeTrue();
        var token = await member.Http.PostAsJsonAsync("api/v1/account/tokens", new { email, password = DataRightsApp.Password, name = "Dana's script" });
        token.StatusCode.Should().Be(HttpStatusCode.OK);
        var secret = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;

        var response = await member.Http.GetAsync("api/v1/account/data");
        response.Headers.CacheControl!.NoStore.Should().BeTrue("the zip is private to its member");
        response.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        var files = await DataRightsApp.UnzipAsync(response);
        files.Keys.Should().BeEquivalentTo(["my-data.json", "account.csv", "ideas.csv", "images.csv", "comments.csv", "votes.csv", "follows.csv", "email-preferences.csv", "tokens.csv", "sessions.csv",
            "signed-in.csv", "provider-links.csv", "two-factor.csv"]);

        var data = JsonDocument.Parse(files["my-data.json"]).RootElement;
        var account = data.GetProperty("account");
        (account.GetProperty("id").GetInt64(), account.GetProperty("displayName").GetString(), account.GetProperty("email").GetString())
            .Should().Be((memberId, "Dana Download", email));
        data.GetProperty("ideas").EnumerateArray().Select(i => (i.GetProperty("id").GetInt64(), i.GetProperty("title").GetString(), i.GetProperty("anonymous").GetBoolean()))
            .Should().BeEquivalentTo([(named, "Dana's named idea", false), (anonymous, "Dana's anonymous idea", true)],
                "an anonymous post whose link the policy keeps is the member's, and shown to them alone");
        data.GetProperty("comments").EnumerateArray().Select(k => (k.GetProperty("id").GetInt64(), k.GetProperty("body").GetString()))
            .Should().Equal((comment, "Dana's comment on Olly's idea"));
        data.GetProperty("images").EnumerateArray().Select(i => (i.GetProperty("ideaId").GetInt64(), i.GetProperty("altText").GetString()))
            .Should().Equal((named, "Dana's photo of the ward corridor"));
        data.GetProperty("votes").EnumerateArray().Select(v => (v.GetProperty("ideaId").GetInt64(), v.GetProperty("value").GetInt32())).Should().Equal((theirs, -1));
        data.GetProperty("follows").EnumerateArray().Select(f => (f.GetProperty("kind").GetString(), f.GetProperty("title").GetString()))
            .Should().BeEquivalentTo([("idea", "Dana's named idea"), ("idea", "Dana's anonymous idea"), ("challenge", "Waiting well")], "authors follow their own ideas");
        var preferences = data.GetProperty("emailPreferences");
        (preferences.GetProperty("replies").GetBoolean(), preferences.GetProperty("adminUpdates").GetBoolean(), preferences.GetProperty("digest").GetString())
            .Should().Be((false, false, "daily"));
        data.GetProperty("tokens").EnumerateArray().Select(t => t.GetProperty("name").GetString()).Should().Equal("Dana's script");
        files.Values.Should().NotContain(f => f.Contains(secret), "only a token's hash is kept, and not even that is given out");
        files.Values.Should().NotContain(f => f.Contains("Olly's comment on Dana's idea") || f.Contains("Not Dana's"), "only the member's own data");
        files["images.csv"].Should().StartWith("id,idea_id,alt_text,width,height,created_at\r\n").And.Contain($",{named},Dana's photo of the ward corridor,64,48,");

        files["account.csv"].Should().StartWith("id,display_name,email,email_confirmed,role,blocked,language,created_at\r\n")
            .And.Contain($"{memberId},Dana Download,{email},false,member,false,,");
        files["ideas.csv"].Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(3);
        files["votes.csv"].Should().Contain($"{theirs},Olly's idea,waiting-well,-1,");
        files["email-preferences.csv"].Should().Be("replies,status_changes,official_responses,admin_updates,digest\r\nfalse,true,true,false,daily\r\n");
        files["two-factor.csv"].Should().Be("enabled,recovery_codes_left\r\nfalse,0\r\n");
        files["signed-in.csv"].Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Should().ContainSingle()
            .Which.Should().Contain(",Password,", "the one sign-in, with how it was made");

        // The page offers the same zip, with what it holds.
        var page = await member.GetPageAsync("/account/data");
        page.Status.Should().Be(HttpStatusCode.OK);
        page.Html.Should().Contain("Ideas: 2").And.Contain("Comments: 1").And.Contain("Votes: 1").And.Contain("Personal tokens: 1")
            .And.Contain("href=\"/account/data/download\"").And.Contain("href=\"/account/delete\"");
        var download = await member.Http.GetAsync("/account/data/download");
        (await DataRightsApp.UnzipAsync(download)).Keys.Should().Contain("my-data.json");
        (await member.GetPageAsync("/account/contributions")).Html.Should().Contain("href=\"/account/data\"", "the contributions page links to it");
    }

    [Fact]
    public async Task The_zip_says_whether_the_member_uses_two_factors_and_how_many_recovery_codes_are_left_but_never_the_key_or_the_codes()
    {
        var (member, _) = await app.MemberAsync("rights.test", Roles.Member, "Tom Totp");
        (await member.SubmitAsync("/account/two-factor", "account/two-factor/start", new())).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var key = System.Text.RegularExpressions.Regex.Match((await member.GetPageAsync("/account/two-factor")).Html, "id=\"two-factor-key\">([A-Z2-7 ]+)<").Groups[1].Value;
        var enabled = WebUtility.HtmlDecode(await (await member.SubmitAsync("/account/two-factor", "account/two-factor/enable",
            new() { ["code"] = TestAuthenticatorApp.Code(key) })).Content.ReadAsStringAsync());
        var codes = System.Text.RegularExpressions.Regex.Matches(enabled, @"<code>([A-Z0-9]{5}-[A-Z0-9]{5})</code>").Select(m => m.Groups[1].Value).ToList();
        codes.Should().HaveCount(10);

        var files = await DataRightsApp.UnzipAsync(await member.Http.GetAsync("api/v1/account/data"));
        var twoFactor = JsonDocument.Parse(files["my-data.json"]).RootElement.GetProperty("twoFactor");
        (twoFactor.GetProperty("enabled").GetBoolean(), twoFactor.GetProperty("recoveryCodesLeft").GetInt32()).Should().Be((true, 10));
        files["two-factor.csv"].Should().Be("enabled,recovery_codes_left\r\ntrue,10\r\n");
        files.Values.Should().NotContain(f => f.Contains(key.Replace(" ", "")) || codes.Any(f.Contains), "the key and the codes are secrets, kept from everyone");
    }

    [Fact]
    public async Task Fully_anonymous_posts_are_not_in_the_zip_and_the_page_says_why()
    {
        var (member, _) = await app.MemberAsync("fullanon.test", Roles.Member, "Fay Full");
        var named = await member.PostIdeaAsync(title: "Fay's named idea");
        await member.PostIdeaAsync(title: "Fay's fully anonymous idea", anonymous: true);
        var files = await DataRightsApp.UnzipAsync(await member.Http.GetAsync("api/v1/account/data"));

        var ideas = JsonDocument.Parse(files["my-data.json"]).RootElement.GetProperty("ideas").EnumerateArray().Select(i => i.GetProperty("id").GetInt64());
        ideas.Should().Equal(named);
        files.Values.Should().NotContain(f => f.Contains("Fay's fully anonymous idea"), "the site keeps no link from it to her, so a copy of her data must not make one");
        var page = (await member.GetPageAsync("/account/data")).Html;
        page.Should().Contain("Ideas: 1").And.Contain("Anything you posted fully anonymously is not: the site keeps no link from it to you");
    }

    [Fact]
    public async Task An_admins_subject_access_export_is_audited_and_leaves_out_what_would_tie_the_member_to_their_anonymous_posts()
    {
        var email = TestEmail.Unique("suki");
        var (member, memberId) = await app.MemberAsync("rights.test", Roles.Member, "Suki Subject", email);
        var named = await member.PostIdeaAsync(title: "Suki's named idea");
        var anonymous = await member.PostIdeaAsync(title: "An idea nobody may tie to Suki", anonymous: true);
        (await Images.ImageApi.PostAsync(member, anonymous, ("image", "x.jpg", Images.TestImages.Jpeg(), "A photo nobody may tie to Suki"))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Images.ImageApi.PostAsync(member, named, ("image", "y.jpg", Images.TestImages.Jpeg(), "Suki's named photo"))).StatusCode.Should().Be(HttpStatusCode.OK);
        await DataRightsApp.CommentAsync(member, named, "A comment nobody may tie to Suki", anonymous: true);
        await DataRightsApp.VoteAsync(member, anonymous, 1);
        var (admin, adminId) = await app.MemberAsync("rights.test", Roles.Admin, "Ada Admin");
        var (moderator, _) = await app.MemberAsync("rights.test", Roles.Moderator, "Mo Derator");

        var files = await DataRightsApp.UnzipAsync(await admin.Http.GetAsync($"api/v1/admin/members/{memberId}/data"));

        var data = JsonDocument.Parse(files["my-data.json"]).RootElement;
        (data.GetProperty("account").GetProperty("email").GetString(), data.GetProperty("ideas").EnumerateArray().Single().GetProperty("id").GetInt64())
            .Should().Be((email, named));
        data.GetProperty("follows").EnumerateArray().Select(f => f.GetProperty("targetId").GetInt64()).Should().Equal(named);
        data.GetProperty("votes").GetArrayLength().Should().Be(0, "a vote on her own anonymous idea would point at it");
        data.GetProperty("images").EnumerateArray().Select(i => i.GetProperty("altText").GetString()).Should().Equal(["Suki's named photo"], "an anonymous idea's images would point at it");
        files.Values.Should().NotContain(f => f.Contains("nobody may tie to Suki") || f.Contains($",{anonymous},"));
        var audit = await admin.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/audit?action=data.exported");
        audit.EnumerateArray().Should().Contain(e => e.GetProperty("subject").GetString() == $"member {memberId}" && e.GetProperty("actorId").GetInt64() == adminId);
        (await moderator.Http.GetAsync($"api/v1/admin/members/{memberId}/data")).StatusCode.Should().Be(HttpStatusCode.Forbidden, "admins only");
        (await admin.Http.GetAsync("api/v1/admin/members/999999/data")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Only_the_member_gets_their_data_and_an_admin_learns_nothing_of_their_anonymous_posts()
    {
        var email = TestEmail.Unique("sam");
        var (member, _) = await app.MemberAsync("rights.test", Roles.Member, "Sam Secret", email);
        await member.PostIdeaAsync(title: "Sam's anonymous idea", anonymous: true);
        var (admin, _) = await app.MemberAsync("rights.test", Roles.Admin, "Ada Admin");

        var adminsOwn = await DataRightsApp.UnzipAsync(await admin.Http.GetAsync("api/v1/account/data"));
        adminsOwn.Values.Should().NotContain(f => f.Contains("Sam's anonymous idea") || f.Contains("Sam Secret") || f.Contains(email), "an admin downloads their own data only");
        var bundle = await DataRightsApp.UnzipAsync(await admin.Http.GetAsync("api/v1/admin/exports/bundle.zip"));
        bundle.Values.Should().Contain(f => f.Contains("Sam's anonymous idea"), "the site's export lists the idea");
        bundle.Values.Should().NotContain(f => f.Contains("Sam Secret") || f.Contains(email), "but never who wrote it");

        using var visitor = app.Visit("rights.test");
        (await visitor.Http.GetAsync("api/v1/account/data")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var signIn = await visitor.Http.GetAsync("/account/data");
        signIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
        signIn.Headers.Location!.OriginalString.Should().StartWith("/account/signin");
        (await visitor.Http.GetAsync("/account/data/download")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }
}
