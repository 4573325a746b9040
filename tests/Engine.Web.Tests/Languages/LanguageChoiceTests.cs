using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Engine.Core.Members;
using Microsoft.Extensions.DependencyInjection;

namespace Engine.Web.Tests.Languages;

/// <summary>
/// A site that offers English and Welsh: the page's language comes from a link (<c>?lang=</c>, remembered in a
/// cookie), else the cookie, else Accept-Language, else the site's locale; pages say which, and link to each other.
/// </summary>
public class LanguageChoiceTests(LanguageChoiceTests.App app) : IClassFixture<LanguageChoiceTests.App>
{
    public class App : EngineApp
    {
        public App()
        {
            var bilingual = Tenant("cymru", "Cymru Ideas", ["cymru.test"], anonymous: true, downVotes: true);
            bilingual["languages"] = new[] { "cy-GB" };
            WriteTenant("cymru", bilingual);
            var welshFirst = Tenant("gogledd", "Syniadau'r Gogledd", ["gogledd.test"], anonymous: true, downVotes: true, theme: "nhs");
            welshFirst["locale"] = "cy-GB";
            welshFirst["languages"] = new[] { "en-GB" };
            WriteTenant("gogledd", welshFirst);
        }
    }

    private static string Lang(string html) => Regex.Match(html, "<html lang=\"([^\"]+)\" dir=\"([^\"]+)\"").Groups is var g ? $"{g[1].Value} {g[2].Value}" : "";

    private async Task<string> HomeAsync(Visitor visitor, string path = "/")
    {
        var (status, html) = await visitor.GetPageAsync(path);
        status.Should().Be(HttpStatusCode.OK);
        return html;
    }

    /// <summary>The system host (no tenant): its operator, signed in by cookie, is answered in English, never a failure.</summary>
    [Fact]
    public void An_answer_to_someone_signed_in_by_cookie_where_there_is_no_tenant_is_in_English()
    {
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext
        {
            User = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
                [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Name, "Operator")],
                Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationDefaults.AuthenticationScheme)),
        };
        context.Request.Headers.AcceptLanguage = "cy";
        Web.Languages.LanguageChoice.OfAnswer(context).Name.Should().Be("en");
    }

    [Fact]
    public async Task A_visitor_with_no_choice_gets_the_site_s_locale_with_both_languages_linked()
    {
        using var visitor = app.Visit("cymru.test");
        var html = await HomeAsync(visitor);
        Lang(html).Should().Be("en ltr");
        html.Should().Contain("<h2>Open challenges</h2>")
            .And.Contain("<link rel=\"alternate\" hreflang=\"en\" href=\"http://cymru.test/?lang&#x3D;en\">")
            .And.Contain("<link rel=\"alternate\" hreflang=\"cy\" href=\"http://cymru.test/?lang&#x3D;cy\">");
        html.Should().MatchRegex("<nav class=\"container language-switch\" aria-label=\"Language\">[\\s\\S]*<a href=\"http://cymru.test/\\?lang&#x3D;en\" lang=\"en\" hreflang=\"en\" aria-current=\"true\">English</a>[\\s\\S]*<a href=\"http://cymru.test/\\?lang&#x3D;cy\" lang=\"cy\" hreflang=\"cy\">Cymraeg</a>");
    }

    [Fact]
    public async Task Accept_Language_chooses_the_first_time()
    {
        using var visitor = app.Visit("cymru.test");
        visitor.Http.DefaultRequestHeaders.Add("Accept-Language", "fr-FR, cy;q=0.8, en;q=0.5");
        var html = await HomeAsync(visitor);
        Lang(html).Should().Be("cy ltr");
        html.Should().Contain("<h2>Heriau agored</h2>").And.Contain(">Mewngofnodi</a>").And.NotContain("Open challenges");
    }

    [Fact]
    public async Task A_language_chosen_by_link_is_remembered_over_Accept_Language()
    {
        using var visitor = app.Visit("cymru.test");
        visitor.Http.DefaultRequestHeaders.Add("Accept-Language", "en-GB");
        Lang(await HomeAsync(visitor, "/challenges/waiting-well?lang=cy")).Should().Be("cy ltr");
        var next = await HomeAsync(visitor, "/challenges/waiting-well");
        Lang(next).Should().Be("cy ltr", "the choice is kept in a cookie");
        next.Should().Contain(">Rhannu syniad</a>").And.Contain(">Pob her</a>");
        Lang(await HomeAsync(visitor, "/?lang=en")).Should().Be("en ltr");
        Lang(await HomeAsync(visitor, "/")).Should().Be("en ltr");
    }

    [Fact]
    public async Task A_site_whose_locale_is_Welsh_serves_Welsh_first_and_English_on_request()
    {
        using var visitor = app.Visit("gogledd.test");
        var welsh = await HomeAsync(visitor);
        Lang(welsh).Should().Be("cy ltr");
        welsh.Should().Contain(">Neidio i&#x27;r prif gynnwys</a>").And.Contain("class=\"nhs-language-switch__link\"");
        Lang(await HomeAsync(visitor, "/?lang=en")).Should().Be("en ltr");
    }

    [Fact]
    public async Task A_site_offering_one_language_ignores_the_request_s_and_shows_no_switch()
    {
        using var visitor = app.Visit("alpha.test");
        visitor.Http.DefaultRequestHeaders.Add("Accept-Language", "cy");
        var html = await HomeAsync(visitor, "/?lang=cy");
        Lang(html).Should().Be("en ltr");
        html.Should().NotContain("hreflang").And.NotContain("language-switch");
    }

    [Fact]
    public async Task A_visitor_s_kept_page_is_kept_per_language()
    {
        using var welsh = app.Visit("cymru.test");
        welsh.Http.DefaultRequestHeaders.Add("Accept-Language", "cy");
        using var english = app.Visit("cymru.test");
        english.Http.DefaultRequestHeaders.Add("Accept-Language", "en");
        const string page = "/challenges/waiting-well?sort=top&page=1";
        for (var i = 0; i < 2; i++)
        {
            Lang(await HomeAsync(welsh, page)).Should().Be("cy ltr");
            Lang(await HomeAsync(english, page)).Should().Be("en ltr");
        }
    }

    [Fact]
    public async Task A_member_s_choice_is_kept_on_the_account_and_followed_on_another_device()
    {
        var email = TestEmail.Unique("cy");
        using var laptop = app.Visit("cymru.test");
        var id = await laptop.RegisterAsync(email, "Siân Jones");
        Lang(await HomeAsync(laptop, "/?lang=cy")).Should().Be("cy ltr");
        (await app.Services.GetRequiredService<IMemberStore>().FindByIdAsync("cymru", id))!.Language.Should().Be("cy-GB");

        using var phone = app.Visit("cymru.test");
        phone.Http.DefaultRequestHeaders.Add("Accept-Language", "en-GB");
        Lang(await HomeAsync(phone)).Should().Be("en ltr", "a visitor's browser asks for English");
        (await phone.Http.PostAsJsonAsync("api/v1/account/signin", new { email, password = "correct horse battery" })).StatusCode.Should().Be(HttpStatusCode.OK);
        var signedIn = await HomeAsync(phone);
        Lang(signedIn).Should().Be("cy ltr", "the member chose Welsh on their laptop");
        signedIn.Should().Contain("Wedi mewngofnodi fel Siân Jones");
    }

    [Fact]
    public async Task What_the_engine_words_itself_is_in_the_page_s_language_too()
    {
        using var visitor = app.Visit("cymru.test");
        visitor.Http.DefaultRequestHeaders.Add("Accept-Language", "cy");
        var home = await HomeAsync(visitor);
        home.Should().Contain("Yn cau ymhen").And.MatchRegex("(Dim syniadau|\\d+ syniad)").And.NotContain("Closes in");
        var (status, missing) = await visitor.GetPageAsync("/no-such-page");
        status.Should().Be(HttpStatusCode.NotFound);
        missing.Should().Contain("Heb ddod o hyd i&#x27;r dudalen");
    }

    [Fact]
    public async Task A_malformed_Accept_Language_or_choice_falls_back_to_the_site_s_locale()
    {
        using var visitor = app.Visit("cymru.test");
        visitor.Http.DefaultRequestHeaders.TryAddWithoutValidation("Accept-Language", "cy;q=banana, ;;=, x");
        visitor.Http.DefaultRequestHeaders.TryAddWithoutValidation("Cookie", "lang=<script>");
        Lang(await HomeAsync(visitor, "/?lang=" + new string('c', 200))).Should().Be("en ltr");
    }
}
