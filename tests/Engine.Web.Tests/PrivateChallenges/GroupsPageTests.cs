using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Engine.Core.Groups;
using Engine.Core.Members;
using Microsoft.Extensions.DependencyInjection;

namespace Engine.Web.Tests.PrivateChallenges;

/// <summary>
/// The admins' groups page (<c>/admin/groups</c>), over the same use cases as the groups API: make a group, put a member in by
/// their address and take them out, make an invite link that is shown once and works, revoke it; every change audited; and
/// only admins may open it.
/// </summary>
public sealed partial class GroupsPageTests(GroupsPageTests.App app) : IClassFixture<GroupsPageTests.App>
{
    /// <summary>Alpha has a challenge seen only by the group <see cref="WardGroup"/>, and one by <see cref="ApiGroup"/> (for the API's test).</summary>
    public sealed class App : EngineApp
    {
        public const string WardGroup = "ward-7", WardChallenge = "ward-seven-plans", ApiGroup = "ward-8";

        public App()
        {
            var alpha = Tenant("alpha", "Alpha Health Ideas", ["alpha.test"], anonymous: false, downVotes: false);
            alpha["challenges"] = ((object[])alpha["challenges"]!).Concat(
            [
                new
                {
                    slug = WardChallenge, title = "Ward seven plans", description = "Only for ward 7.",
                    opensAt = Now.AddDays(-7), closesAt = Now.AddDays(21), audience = "groups", groups = new[] { WardGroup },
                },
                new
                {
                    slug = "ward-eight-plans", title = "Ward eight plans", description = "Only for ward 8.",
                    opensAt = Now.AddDays(-7), closesAt = Now.AddDays(21), audience = "groups", groups = new[] { ApiGroup },
                },
            ]).ToArray();
            WriteTenant("alpha", alpha);
        }
    }

    [Fact]
    public async Task An_admin_makes_a_group_puts_a_member_in_and_out_and_makes_and_revokes_an_invite_link_all_audited()
    {
        var (admin, _) = await app.MemberAsync("alpha.test", Roles.Admin, "Ada Admin");
        var email = TestEmail.Unique("group-member");
        var (member, _) = await app.MemberAsync("alpha.test", Roles.Member, "Gil Grouped", email);

        var refused = await admin.SubmitAsync("/admin/groups", "/admin/groups?handler=Create", new() { ["Slug"] = "Leeds Trust", ["Name"] = "Leeds" });
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("Use lower-case letters, digits and hyphens");

        var made = await admin.SubmitAsync("/admin/groups", "/admin/groups?handler=Create", new() { ["Slug"] = "leeds-trust", ["Name"] = "Leeds Teaching Hospitals" });
        made.StatusCode.Should().Be(HttpStatusCode.Redirect);
        made.Headers.Location!.OriginalString.Should().Be("/admin/groups?group=leeds-trust");
        (await admin.GetPageAsync("/admin/groups")).Html.Should().Contain("Leeds Teaching Hospitals").And.Contain("leeds-trust");

        const string Page = "/admin/groups?group=leeds-trust";
        (await admin.SubmitAsync(Page, $"{Page}&handler=AddMember", new() { ["Email"] = "nobody@example.nhs.uk" })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await admin.SubmitAsync(Page, $"{Page}&handler=AddMember", new() { ["Email"] = email })).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var listed = (await admin.GetPageAsync(Page)).Html;
        listed.Should().Contain("Gil Grouped").And.Contain("Put in by an admin");

        var invited = await admin.SubmitAsync(Page, $"{Page}&handler=Invite", new() { ["Days"] = "7" });
        invited.StatusCode.Should().Be(HttpStatusCode.OK);
        var link = InviteLink().Match(await invited.Content.ReadAsStringAsync());
        link.Success.Should().BeTrue("the new link is shown once, on the answer");
        var (joiner, joinerId) = await app.MemberAsync("alpha.test", Roles.Member, "Jo Joiner");
        (await joiner.Http.GetAsync($"invite/{link.Groups[1].Value}")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var afterJoining = (await admin.GetPageAsync(Page)).Html;
        afterJoining.Should().Contain("Jo Joiner").And.Contain("By an invite link").And.NotContain(link.Groups[1].Value, "the link is not shown again");

        var inviteId = Regex.Match(afterJoining, "name=\"inviteId\" value=\"(\\d+)\"").Groups[1].Value;
        (await admin.SubmitAsync(Page, $"{Page}&handler=Revoke", new() { ["inviteId"] = inviteId })).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await admin.GetPageAsync(Page)).Html.Should().Contain("Revoked");
        var (late, _) = await app.MemberAsync("alpha.test", Roles.Member, "Lee Late");
        (await late.Http.GetAsync($"invite/{link.Groups[1].Value}")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        (await admin.SubmitAsync(Page, $"{Page}&handler=RemoveMember", new() { ["memberId"] = joinerId.ToString() })).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await admin.GetPageAsync(Page)).Html.Should().NotContain("Jo Joiner").And.Contain("Gil Grouped");

        var audit = (await admin.GetPageAsync("/admin/audit")).Html;
        foreach (var action in new[] { "group.created", "group.member-added", "group.invite-made", "group.invite-revoked", "group.member-removed" })
            audit.Should().Contain(action);
        (await member.Http.GetAsync("admin/groups")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await admin.GetPageAsync("/admin/groups?group=no-such-group")).Status.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_admin_renames_a_group_keeping_its_slug_and_deletes_one_with_its_members_and_links_but_never_one_a_challenge_s_audience_names()
    {
        var (admin, _) = await app.MemberAsync("alpha.test", Roles.Admin, "Ada Admin");
        var email = TestEmail.Unique("ward-member");
        var (member, memberId) = await app.MemberAsync("alpha.test", Roles.Member, "Nia Nurse", email);
        const string Ward = $"/admin/groups?group={App.WardGroup}";
        (await admin.SubmitAsync("/admin/groups", "/admin/groups?handler=Create", new() { ["Slug"] = App.WardGroup, ["Name"] = "Ward seven" }))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await admin.SubmitAsync(Ward, $"{Ward}&handler=AddMember", new() { ["Email"] = email })).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var blank = await admin.SubmitAsync(Ward, $"{Ward}&handler=Rename", new() { ["NewName"] = " " });
        blank.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await blank.Content.ReadAsStringAsync()).Should().Contain("id=\"rename-error\"");
        (await admin.SubmitAsync(Ward, $"{Ward}&handler=Rename", new() { ["NewName"] = "Ward 7 nurses" })).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var renamed = (await admin.GetPageAsync(Ward)).Html;
        renamed.Should().Contain("Ward 7 nurses").And.Contain($"<code>{App.WardGroup}</code>", "the slug challenges name it by stays").And.Contain("Nia Nurse");

        var refused = await admin.SubmitAsync(Ward, $"{Ward}&handler=Delete", new());
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()).Should().Contain("id=\"delete-error\"")
            .And.Contain("The group 'Ward 7 nurses' cannot be deleted: only its members see 'Ward seven plans'");
        (await admin.GetPageAsync(Ward)).Html.Should().Contain("Nia Nurse", "a refused delete takes nobody out");
        (await member.GetPageAsync($"/challenges/{App.WardChallenge}")).Status.Should().Be(HttpStatusCode.OK, "the group still sees its challenge");
        using (var visitor = app.Visit("alpha.test"))
            (await visitor.GetPageAsync($"/challenges/{App.WardChallenge}")).Status.Should().Be(HttpStatusCode.NotFound, "and nobody else does");

        const string Spare = "/admin/groups?group=spare-team";
        (await admin.SubmitAsync("/admin/groups", "/admin/groups?handler=Create", new() { ["Slug"] = "spare-team", ["Name"] = "Spare team" }))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await admin.SubmitAsync(Spare, $"{Spare}&handler=AddMember", new() { ["Email"] = email })).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var invited = await admin.SubmitAsync(Spare, $"{Spare}&handler=Invite", new() { ["Days"] = "7" });
        var link = InviteLink().Match(await invited.Content.ReadAsStringAsync()).Groups[1].Value;
        var deleted = await admin.SubmitAsync(Spare, $"{Spare}&handler=Delete", new());
        deleted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        deleted.Headers.Location!.OriginalString.Should().Be("/admin/groups");
        (await admin.GetPageAsync("/admin/groups")).Html.Should().NotContain("Spare team").And.Contain("Ward 7 nurses");
        (await admin.GetPageAsync(Spare)).Status.Should().Be(HttpStatusCode.NotFound);
        (await app.Services.GetRequiredService<IGroupStore>().GroupsOfAsync("alpha", memberId)).Should().Equal(App.WardGroup);
        var (late, _) = await app.MemberAsync("alpha.test", Roles.Member, "Lee Late");
        (await late.Http.GetAsync($"invite/{link}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "the deleted group's links stop working");

        var audit = (await admin.GetPageAsync("/admin/audit")).Html;
        audit.Should().Contain("group.renamed").And.Contain("Ward seven -&gt; Ward 7 nurses").And.Contain("group.deleted");
    }

    [Fact]
    public async Task The_API_renames_and_deletes_a_group_and_refuses_with_409_naming_the_challenges_whose_audience_names_it()
    {
        var (admin, _) = await app.MemberAsync("alpha.test", Roles.Admin, "Api Admin");
        (await admin.Http.PostAsJsonAsync("api/v1/admin/groups", new { slug = App.ApiGroup, name = "Ward eight" })).StatusCode.Should().Be(HttpStatusCode.Created);
        var refused = await admin.Http.DeleteAsync($"api/v1/admin/groups/{App.ApiGroup}");
        refused.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await Visitor.ProblemAsync(refused)).GetProperty("detail").GetString().Should().Contain("only its members see 'Ward eight plans'");

        (await admin.Http.PostAsJsonAsync("api/v1/admin/groups", new { slug = "api-team", name = "API team" })).StatusCode.Should().Be(HttpStatusCode.Created);
        (await admin.Http.PutAsJsonAsync("api/v1/admin/groups/api-team", new { name = "" })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var renamed = await admin.Http.PutAsJsonAsync("api/v1/admin/groups/api-team", new { name = "Interface team" });
        renamed.StatusCode.Should().Be(HttpStatusCode.OK);
        (await renamed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString().Should().Be("Interface team");
        (await admin.Http.PutAsJsonAsync("api/v1/admin/groups/no-such-group", new { name = "Anything" })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await admin.Http.DeleteAsync("api/v1/admin/groups/api-team")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await admin.Http.DeleteAsync("api/v1/admin/groups/api-team")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var (betaAdmin, _) = await app.MemberAsync("beta.test", Roles.Admin, "Beta Admin");
        (await betaAdmin.Http.DeleteAsync($"api/v1/admin/groups/{App.ApiGroup}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "another site's group is not found");
    }

    [GeneratedRegex(@"<code>https?://[^<]*/invite/([A-Za-z0-9_=-]+)</code>")]
    private static partial Regex InviteLink();
}
