using System.Net;
using System.Text.RegularExpressions;
using Engine.Core.Members;

namespace Engine.Web.Tests.PrivateChallenges;

/// <summary>
/// The admins' groups page (<c>/admin/groups</c>), over the same use cases as the groups API: make a group, put a member in by
/// their address and take them out, make an invite link that is shown once and works, revoke it; every change audited; and
/// only admins may open it.
/// </summary>
public sealed partial class GroupsPageTests(EngineApp app) : IClassFixture<EngineApp>
{
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

    [GeneratedRegex(@"<code>https?://[^<]*/invite/([A-Za-z0-9_=-]+)</code>")]
    private static partial Regex InviteLink();
}
