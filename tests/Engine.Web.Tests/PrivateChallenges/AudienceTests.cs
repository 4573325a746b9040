using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Engine.Core.Members;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Engine.Web.Tests.PrivateChallenges;

/// <summary>
/// A challenge for signed-in members only and one for people with an invite link; alpha takes new accounts only at
/// nhs.uk addresses. Invite links work until they expire or are revoked, and only for members; admins set a challenge's
/// audience on the admin page and in the API.
/// </summary>
public sealed class AudienceTests(AudienceTests.App app) : IClassFixture<AudienceTests.App>
{
    public sealed class App : EngineApp
    {
        public const string MembersSlug = "members-plans", InvitedSlug = "invited-plans";

        /// <summary>Stands still until the test moves it, so an invite link expires when the test says.</summary>
        public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

        public App()
        {
            var alpha = Tenant("alpha", "Alpha Health Ideas", ["alpha.test"], anonymous: false, downVotes: false);
            alpha["signIn"] = new { emailDomains = new[] { "nhs.uk" } };
            alpha["challenges"] = ((object[])alpha["challenges"]!).Concat(
            [
                new { slug = MembersSlug, title = "Members only challenge", description = "Signed-in members only.", opensAt = Now.AddDays(-7), closesAt = Now.AddDays(21), audience = "members" },
                new { slug = InvitedSlug, title = "Invited challenge", description = "Invited only.", opensAt = Now.AddDays(-7), closesAt = Now.AddDays(21), audience = "invited" },
            ]).ToArray();
            WriteTenant("alpha", alpha);
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock));
        }
    }

    [Fact]
    public async Task Invite_links_let_members_in_until_they_expire_or_are_revoked_and_admins_can_take_people_out()
    {
        var (admin, _) = await app.MemberAsync("alpha.test", Roles.Admin, "Alpha Admin");
        var (ada, adaId) = await app.MemberAsync("alpha.test", Roles.Member, "Ada Invited");
        var (ben, _) = await app.MemberAsync("alpha.test", Roles.Member, "Ben Late");
        var (cy, _) = await app.MemberAsync("alpha.test", Roles.Member, "Cy Later");
        var group = $"invited-to-{App.InvitedSlug}";
        var (shortId, shortLink) = await InviteAsync(admin, group, days: 1);
        var (weekId, weekLink) = await InviteAsync(admin, group, days: 7);
        (await admin.Http.PostAsJsonAsync($"api/v1/admin/groups/{group}/invites", new { days = 91 })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await admin.Http.PostAsJsonAsync("api/v1/admin/groups/no-such-group/invites", new { days = 7 })).StatusCode.Should().Be(HttpStatusCode.NotFound);

        using var visitor = app.Visit("alpha.test");
        var asked = await visitor.Http.GetAsync(weekLink);
        asked.StatusCode.Should().Be(HttpStatusCode.Redirect);
        asked.Headers.Location!.OriginalString.Should().Contain("/account/signin?returnUrl=", "a visitor signs in first and comes back to the link");

        (await ada.GetPageAsync($"challenges/{App.InvitedSlug}")).Status.Should().Be(HttpStatusCode.NotFound, "nobody has let Ada in yet");
        (await ada.Http.GetAsync(weekLink)).Headers.Location!.OriginalString.Should().EndWith($"/challenges/{App.InvitedSlug}");
        var (status, html) = await ada.GetPageAsync($"challenges/{App.InvitedSlug}");
        status.Should().Be(HttpStatusCode.OK);
        html.Should().Contain("Invited challenge");

        (await admin.Http.PostAsync($"api/v1/admin/groups/invites/{weekId}/revoke", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await ben.Http.GetAsync(weekLink)).StatusCode.Should().Be(HttpStatusCode.NotFound, "a revoked link works no more");
        (await ben.GetPageAsync($"challenges/{App.InvitedSlug}")).Status.Should().Be(HttpStatusCode.NotFound);
        (await ada.GetPageAsync($"challenges/{App.InvitedSlug}")).Status.Should().Be(HttpStatusCode.OK, "who joined by a link stays when it is revoked");

        app.Clock.Advance(TimeSpan.FromDays(2));
        (await cy.Http.GetAsync(shortLink)).StatusCode.Should().Be(HttpStatusCode.NotFound, "the one-day link has expired");
        (await cy.GetPageAsync($"challenges/{App.InvitedSlug}")).Status.Should().Be(HttpStatusCode.NotFound);

        var invites = await admin.Http.GetFromJsonAsync<JsonElement>($"api/v1/admin/groups/{group}/invites");
        invites.EnumerateArray().Select(i => (i.GetProperty("id").GetInt64(), i.GetProperty("revokedAt").ValueKind != JsonValueKind.Null))
            .Should().BeEquivalentTo([(weekId, true), (shortId, false)]);
        var members = await admin.Http.GetFromJsonAsync<JsonElement>($"api/v1/admin/groups/{group}/members");
        members.EnumerateArray().Select(m => (m.GetProperty("memberId").GetInt64(), m.GetProperty("joinedBy").GetString())).Should().Equal((adaId, "invite"));

        (await admin.Http.DeleteAsync($"api/v1/admin/groups/{group}/members/{adaId}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await ada.GetPageAsync($"challenges/{App.InvitedSlug}")).Status.Should().Be(HttpStatusCode.NotFound, "an admin took Ada out");
    }

    [Fact]
    public async Task A_members_only_challenge_is_hidden_from_visitors_until_an_admin_opens_it_to_everyone_and_sign_up_takes_only_the_sites_domains()
    {
        var (admin, _) = await app.MemberAsync("alpha.test", Roles.Admin, "Alpha Admin");
        var (member, _) = await app.MemberAsync("alpha.test", Roles.Member, "Mo Member");
        using var visitor = app.Visit("alpha.test");

        (await visitor.GetPageAsync($"challenges/{App.MembersSlug}")).Status.Should().Be(HttpStatusCode.NotFound);
        (await visitor.GetPageAsync("")).Html.Should().NotContain("Members only challenge");
        (await member.GetPageAsync($"challenges/{App.MembersSlug}")).Status.Should().Be(HttpStatusCode.OK);
        (await member.GetPageAsync("")).Html.Should().Contain("Members only challenge");

        // The admin page shows, and saves, who may see it.
        var (editStatus, edit) = await admin.GetPageAsync($"admin/challenges/edit/{App.MembersSlug}");
        editStatus.Should().Be(HttpStatusCode.OK);
        edit.Should().Contain("Who can see it").And.MatchRegex("id=\"audience-members\"[^>]*checked");
        var listed = await admin.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/challenges");
        listed.EnumerateArray().Single(c => c.GetProperty("slug").GetString() == App.MembersSlug).GetProperty("audience").GetString().Should().Be("members");

        var noGroups = await admin.Http.PutAsJsonAsync($"api/v1/admin/challenges/{App.MembersSlug}",
            new { title = "Members only challenge", description = "Now for a group.", state = "open", audience = "groups" });
        noGroups.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Visitor.ProblemAsync(noGroups)).GetProperty("errors").TryGetProperty("groups", out _).Should().BeTrue();

        var opened = await admin.Http.PutAsJsonAsync($"api/v1/admin/challenges/{App.MembersSlug}",
            new { title = "Members only challenge", description = "Now for everyone.", state = "open", audience = "everyone" });
        opened.StatusCode.Should().Be(HttpStatusCode.OK, await opened.Content.ReadAsStringAsync());
        (await visitor.GetPageAsync($"challenges/{App.MembersSlug}")).Status.Should().Be(HttpStatusCode.OK, "everyone may see it now");

        // Sign-up: only addresses at the site's domains.
        var refused = await visitor.Http.PostAsJsonAsync("api/v1/account/register", new { email = "pat@example.com", password = "correct horse battery", displayName = "Pat Outside" });
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = (await Visitor.ProblemAsync(refused)).GetProperty("errors");
        errors.GetProperty("email")[0].GetString().Should().Contain("nhs.uk").And.Contain("pat@example.com");
    }

    private static async Task<(long Id, string Path)> InviteAsync(Visitor admin, string group, int days)
    {
        var made = await admin.Http.PostAsJsonAsync($"api/v1/admin/groups/{group}/invites", new { days });
        made.StatusCode.Should().Be(HttpStatusCode.OK, await made.Content.ReadAsStringAsync());
        var body = await made.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("id").GetInt64(), new Uri(body.GetProperty("url").GetString()!).PathAndQuery.TrimStart('/'));
    }
}
