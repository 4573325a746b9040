using System.Net;
using Engine.Themes.Languages;
using Microsoft.AspNetCore.Hosting;

namespace Engine.Web.Tests.Languages;

/// <summary>
/// The pseudo-locale is a developer's and the tests' setting (Engine:PseudoLocale): with it on, any page can be asked
/// for in it by link (and a cookie keeps it) but no language switch offers it; with it off, asking does nothing.
/// </summary>
public class PseudoLocaleChoiceTests(PseudoLocaleChoiceTests.App app) : IClassFixture<PseudoLocaleChoiceTests.App>
{
    /// <summary>The bilingual sites of <see cref="LanguageChoiceTests"/>, and the setting on.</summary>
    public sealed class App : LanguageChoiceTests.App
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Engine:PseudoLocale", "true");
        }
    }

    private static async Task<string> PageAsync(Visitor visitor, string path)
    {
        var (status, html) = await visitor.GetPageAsync(path);
        status.Should().Be(HttpStatusCode.OK);
        return html;
    }

    [Fact]
    public async Task Asked_for_by_link_a_page_is_in_the_pseudo_locale_and_the_cookie_keeps_it()
    {
        using var visitor = app.Visit("alpha.test");
        var html = await PageAsync(visitor, "/?lang=qps");
        html.Should().Contain("<html lang=\"qps\" dir=\"ltr\">").And.Contain($"<h2>{PseudoLocale.Of("Open challenges")}</h2>")
            .And.NotContain("Open challenges").And.Contain("Alpha Health Ideas", "content is as it was written");

        (await PageAsync(visitor, "/challenges/waiting-well")).Should().Contain("<html lang=\"qps\"", "the cookie keeps the choice");
    }

    [Fact]
    public async Task No_language_switch_offers_it_and_the_site_s_own_languages_still_win_when_asked_for()
    {
        using var visitor = app.Visit("cymru.test");
        var html = await PageAsync(visitor, "/?lang=qps");
        html.Should().Contain("<html lang=\"qps\"").And.NotContain("hreflang=\"qps\"");

        (await PageAsync(visitor, "/?lang=cy")).Should().Contain("<html lang=\"cy\"").And.Contain("<h2>Heriau agored</h2>");
        (await PageAsync(visitor, "/")).Should().Contain("<html lang=\"cy\"", "the site's language asked for last is kept");
    }

    [Fact]
    public async Task An_admin_page_asked_for_in_it_is_worded_from_the_english_admin_catalogue()
    {
        var (admin, _) = await app.MemberAsync("alpha.test", Engine.Core.Members.Roles.Admin, "Ada Admin");
        using (admin)
        {
            var html = System.Net.WebUtility.HtmlDecode(await PageAsync(admin, "/admin?lang=qps"));
            html.Should().Contain("<html lang=\"qps\"").And.Contain(PseudoLocale.Of("Dashboard")).And.Contain(PseudoLocale.Of("Moderation queue"))
                .And.NotContain(">Dashboard<");
            (await PageAsync(admin, "/admin/moderation")).Should().Contain("<html lang=\"qps\"", "the cookie keeps the choice in the admin area too");
        }
    }

    [Fact]
    public async Task Without_the_setting_asking_for_it_changes_nothing()
    {
        await using var plain = new EngineApp();
        using var visitor = plain.Visit("alpha.test");
        var html = await PageAsync(visitor, "/?lang=qps");
        html.Should().Contain("<html lang=\"en\"").And.Contain("<h2>Open challenges</h2>").And.NotContain("⟦");
    }
}
