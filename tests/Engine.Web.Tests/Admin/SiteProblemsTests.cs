using System.Net;
using System.Text.RegularExpressions;
using Engine.Core.Members;

namespace Engine.Web.Tests.Admin;

/// <summary>A site whose theme falls back to base, or whose rule cannot work, tells its own admins why on their dashboard.</summary>
public class SiteProblemsTests(SiteProblemsTests.App app) : IClassFixture<SiteProblemsTests.App>
{
    public sealed class App : EngineApp
    {
        public App()
        {
            var shaky = Tenant("shaky", "Shaky site", ["shaky.test"], anonymous: false, downVotes: false);
            shaky["rules"] = new { voting = new { rule = "no-such-rule" } };
            WriteTenant("shaky", shaky);
            var overrides = Path.Combine(TenantsPath, "shaky", "overrides");
            Directory.CreateDirectory(overrides);
            File.WriteAllText(Path.Combine(overrides, "index.sbn-html"), "{{ include 'no-such-partial' }}");
        }
    }

    [Fact]
    public async Task An_admin_sees_why_the_theme_fell_back_and_which_rule_cannot_work()
    {
        var (admin, _) = await app.MemberAsync("shaky.test", Roles.Admin);
        var (status, html) = await admin.GetPageAsync("/admin");
        status.Should().Be(HttpStatusCode.OK);
        var problems = WebUtility.HtmlDecode(Regex.Match(html, "<div class=\"nhsuk-warning-callout\" id=\"site-problems\">(.*?)</div>", RegexOptions.Singleline).Groups[1].Value);
        problems.Should().Contain("so the site uses 'base'").And.Contain("no-such-partial").And.Contain("no-such-rule");

        (await app.Visit("shaky.test").GetPageAsync("/")).Status.Should().Be(HttpStatusCode.OK, "visitors still get a working site");
    }

    [Fact]
    public async Task A_moderator_and_a_healthy_sites_admin_see_no_set_up_problems()
    {
        var (moderator, _) = await app.MemberAsync("shaky.test", Roles.Moderator);
        (await moderator.GetPageAsync("/admin")).Html.Should().NotContain("site-problems", "the set-up is the admins' to fix");
        var (healthy, _) = await app.MemberAsync("alpha.test", Roles.Admin);
        (await healthy.GetPageAsync("/admin")).Html.Should().NotContain("site-problems");
    }
}
