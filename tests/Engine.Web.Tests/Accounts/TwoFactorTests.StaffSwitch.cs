using System.Net;
using Engine.Core.Members;

namespace Engine.Web.Tests.Accounts;

public partial class TwoFactorTests
{
    /// <summary>On a site of its own: the switch changes what every other test here expects of alpha.</summary>
    [Fact]
    public async Task An_admin_switches_staff_two_factors_on_from_the_settings_page_audited_and_a_moderator_is_then_sent_to_enrol()
    {
        await using var site = new EngineApp();
        var (admin, _) = await site.MemberAsync("alpha.test", Roles.Admin, "Ada Admin");
        var (moderator, _) = await site.MemberAsync("alpha.test", Roles.Moderator, "Mo Derator");
        (await moderator.Http.GetAsync("admin")).StatusCode.Should().Be(HttpStatusCode.OK, "tenant.json does not ask alpha's staff for two factors");
        (await admin.GetPageAsync("/admin/settings")).Html.Should().Contain("Staff must use two factors").And.NotContain("id=\"staffTwoFactor\" name=\"StaffTwoFactor\" type=\"checkbox\" value=\"true\" checked");

        var on = await admin.SubmitAsync("/admin/settings", "/admin/settings?handler=StaffTwoFactor", new() { ["StaffTwoFactor"] = "true" });
        on.StatusCode.Should().Be(HttpStatusCode.Redirect, await on.Content.ReadAsStringAsync());

        var refused = await moderator.Http.GetAsync("admin");
        refused.StatusCode.Should().Be(HttpStatusCode.Redirect);
        refused.Headers.Location!.OriginalString.Should().Be("/account/two-factor");
        (await admin.Http.GetAsync("admin/settings")).Headers.Location!.OriginalString.Should().Be("/account/two-factor", "the switch holds for the admin who made it too");

        var key = await StartAsync(admin);
        (await admin.SubmitAsync("/account/two-factor", "account/two-factor/enable", new() { ["code"] = TestAuthenticatorApp.Code(key) }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        var settings = (await admin.GetPageAsync("/admin/settings")).Html;
        settings.Should().Contain("an admin turned it on");
        var off = await admin.SubmitAsync("/admin/settings", "/admin/settings?handler=StaffTwoFactor", new());
        off.StatusCode.Should().Be(HttpStatusCode.Redirect, "an unticked box switches it off");
        (await moderator.Http.GetAsync("admin")).StatusCode.Should().Be(HttpStatusCode.OK);
        var audit = (await admin.GetPageAsync("/admin/audit")).Html;
        audit.Should().Contain("signIn.staffTwoFactor").And.Contain("off -&gt; on").And.Contain("on -&gt; off");
    }
}
