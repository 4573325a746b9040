using System.Net;
using System.Net.Http.Json;
using Engine.Core.Members;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Engine.Web.Tests.SingleSignOn;

/// <summary>Signing in through the site's OpenID Connect providers, the whole redirect dance against a real provider.</summary>
public class SingleSignOnTests(SingleSignOnApp app) : IClassFixture<SingleSignOnApp>
{
    private static TestPerson Person(string name = "Sam Staff", bool verified = true, params string[] groups) =>
        new(Guid.NewGuid().ToString("N"), TestEmail.Unique("sso"), name, verified, groups);

    private async Task<Member?> MemberAsync(string tenant, string email) =>
        await app.Services.GetRequiredService<IMemberStore>().FindByEmailAsync(tenant, new UpperInvariantLookupNormalizer().NormalizeEmail(email)!);

    private static async Task ShouldBeSignedInAsAsync(Visitor visitor, string name) =>
        (await visitor.GetPageAsync("/")).Html.Should().Contain($"Signed in as {name}");

    private static async Task ShouldBeRefusedAsync(HttpResponseMessage answer, string because)
    {
        answer.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var html = WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync());
        html.Should().Contain("Sign-in refused").And.Contain(because);
    }

    [Fact]
    public async Task The_sign_in_page_offers_each_provider_of_the_site_beside_the_password_form()
    {
        using var visitor = app.Visit("beta.test");
        var html = WebUtility.HtmlDecode((await visitor.GetPageAsync("/account/signin?returnUrl=%2Fchallenges%2Fwaiting-well")).Html);
        html.Should().Contain("Sign in with NHSmail").And.Contain("Continue with NHS login").And.Contain("type=\"password\"");
        html.Should().Contain("/account/external/nhsmail?returnUrl=%2Fchallenges%2Fwaiting-well");
        (await app.Visit("alpha.test").GetPageAsync("/account/signin")).Html.Should().NotContain("NHS login", "each site lists its own providers");
    }

    [Fact]
    public async Task A_first_sign_in_makes_a_member_and_the_next_finds_the_same_one()
    {
        var person = Person("Sam Newcomer");
        using var visitor = app.Visit("alpha.test");
        var answer = await app.SignInAsync(visitor, "nhsmail", person, "/challenges/waiting-well");
        answer.StatusCode.Should().Be(HttpStatusCode.Redirect, await answer.Content.ReadAsStringAsync());
        answer.Headers.Location!.OriginalString.Should().Be("/challenges/waiting-well");
        await ShouldBeSignedInAsAsync(visitor, "Sam Newcomer");
        var member = (await MemberAsync("alpha", person.Email))!;
        member.PasswordHash.Should().BeNull("the account has no password: its provider vouches for it");
        member.EmailConfirmed.Should().BeTrue("the provider said the address is verified");
        app.Provider.ClientAuthentications.Should().Contain("client_secret");

        // The same provider account, with another address now: still the same member, found by the provider's subject.
        using var again = app.Visit("alpha.test");
        (await app.SignInAsync(again, "nhsmail", person with { Email = TestEmail.Unique("moved") })).StatusCode.Should().Be(HttpStatusCode.Redirect);
        await ShouldBeSignedInAsAsync(again, "Sam Newcomer");
        (await app.Services.GetRequiredService<IExternalLoginStore>().FindMemberAsync("alpha", "nhsmail", person.Subject)).Should().Be(member.Id);
    }

    [Fact]
    public async Task A_verified_email_links_the_provider_account_to_the_existing_password_account()
    {
        using var owner = app.Visit("alpha.test");
        var email = TestEmail.Unique("linked");
        var id = await owner.RegisterAsync(email, "Pat Password");
        using var visitor = app.Visit("alpha.test");
        (await app.SignInAsync(visitor, "nhsmail", Person("Pat From Provider") with { Email = email })).StatusCode.Should().Be(HttpStatusCode.Redirect);
        await ShouldBeSignedInAsAsync(visitor, "Pat Password");
        var member = (await MemberAsync("alpha", email))!;
        member.Id.Should().Be(id);
        member.EmailConfirmed.Should().BeTrue();
    }

    [Fact]
    public async Task An_unverified_email_never_links_to_an_existing_account_and_is_refused_with_a_clear_page()
    {
        using var owner = app.Visit("alpha.test");
        var email = TestEmail.Unique("victim");
        await owner.RegisterAsync(email, "Vic Owner");
        using var attacker = app.Visit("alpha.test");
        var mal = Person("Mal Lory", verified: false) with { Email = email };
        await ShouldBeRefusedAsync(await app.SignInAsync(attacker, "nhsmail", mal), "has not confirmed that the address is yours");
        (await attacker.GetPageAsync("/")).Html.Should().NotContain("Signed in as");
        (await app.Services.GetRequiredService<IExternalLoginStore>().FindMemberAsync("alpha", "nhsmail", mal.Subject)).Should().BeNull("nothing was linked");
    }

    [Fact]
    public async Task Where_the_site_takes_new_accounts_only_at_some_email_domains_a_first_sign_in_from_another_is_refused_and_makes_no_account()
    {
        var outsider = Person("Owen Outside");
        using var visitor = app.Visit("epsilon.test");
        await ShouldBeRefusedAsync(await app.SignInAsync(visitor, "nhsmail", outsider), "takes new accounts only for email addresses at nhs.net");
        (await visitor.GetPageAsync("/")).Html.Should().NotContain("Signed in as");
        (await MemberAsync("epsilon", outsider.Email)).Should().BeNull("the provider's account is no way round the site's domains");

        var insider = Person("Ina Inside") with { Email = $"ina-{Guid.NewGuid():N}@leeds.nhs.net" };
        using var colleague = app.Visit("epsilon.test");
        (await app.SignInAsync(colleague, "nhsmail", insider)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        await ShouldBeSignedInAsAsync(colleague, "Ina Inside");
    }

    [Fact]
    public async Task An_unverified_email_new_to_the_site_makes_an_account_whose_address_is_not_yet_confirmed()
    {
        var person = Person("Una Verified", verified: false);
        using var visitor = app.Visit("alpha.test");
        (await app.SignInAsync(visitor, "nhsmail", person)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        await ShouldBeSignedInAsAsync(visitor, "Una Verified");
        (await MemberAsync("alpha", person.Email))!.EmailConfirmed.Should().BeFalse();
    }

    [Fact]
    public async Task Staff_roles_follow_the_group_claim_at_every_sign_in_and_a_removed_group_removes_the_role()
    {
        var person = Person("Mo Moderator", true, "nhs-moderators", "some-other-group");
        using var visitor = app.Visit("alpha.test");
        (await app.SignInAsync(visitor, "nhsmail", person)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await MemberAsync("alpha", person.Email))!.Role.Should().Be(Roles.Moderator);
        (await visitor.Http.GetAsync("admin/moderation")).StatusCode.Should().Be(HttpStatusCode.OK);

        using var promoted = app.Visit("alpha.test");
        (await app.SignInAsync(promoted, "nhsmail", person with { Groups = ["nhs-moderators", "nhs-admins"] })).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await MemberAsync("alpha", person.Email))!.Role.Should().Be(Roles.Admin, "the most trusted role a group grants wins");

        using var later = app.Visit("alpha.test");
        (await app.SignInAsync(later, "nhsmail", person with { Groups = [] })).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await MemberAsync("alpha", person.Email))!.Role.Should().Be(Roles.Member);
        (await later.Http.GetAsync("admin/moderation")).StatusCode.Should().NotBe(HttpStatusCode.OK);
        (await visitor.Http.GetAsync("admin/moderation")).StatusCode.Should().NotBe(HttpStatusCode.OK, "the earlier sign-in, made with the role, ends with it");
    }

    [Fact]
    public async Task The_nhs_login_shape_authenticates_with_private_key_jwt_and_reads_the_email_from_userinfo()
    {
        var person = Person("Pip Patient");
        using var visitor = app.Visit("beta.test");
        var answer = await app.SignInAsync(visitor, "nhs-login", person);
        answer.StatusCode.Should().Be(HttpStatusCode.Redirect, await answer.Content.ReadAsStringAsync());
        await ShouldBeSignedInAsAsync(visitor, "Pip Patient");
        app.Provider.ClientAuthentications.Should().Contain("private_key_jwt");
        (await MemberAsync("beta", person.Email)).Should().NotBeNull();
    }

    [Fact]
    public async Task A_state_started_on_one_tenant_is_refused_on_another_even_with_its_cookies()
    {
        using var visitor = app.Visit("alpha.test");
        var start = await visitor.Http.GetAsync("account/external/nhsmail");
        var cookies = start.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).ToList();
        var back = await app.Provider.SignInAsync(start.Headers.Location!, Person("Cross Tenant"));
        back.Host.Should().Be("alpha.test");

        // The same answer, with alpha's cookies, sent to beta (which has a provider of the same name and client).
        using var raw = app.Server.CreateClient();
        var onBeta = new HttpRequestMessage(HttpMethod.Get, new UriBuilder(back) { Host = "beta.test" }.Uri);
        onBeta.Headers.Add("Cookie", string.Join("; ", cookies));
        await ShouldBeRefusedAsync(await raw.SendAsync(onBeta), "was started on another site");
    }

    [Fact]
    public async Task A_replayed_answer_is_refused_with_a_clear_page()
    {
        using var visitor = app.Visit("alpha.test");
        var back = await app.Provider.SignInAsync(await SingleSignOnApp.StartAsync(visitor, "nhsmail"), Person("Rey Player"));
        (await visitor.Http.GetAsync(back)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        await ShouldBeRefusedAsync(await visitor.Http.GetAsync(back), "has been used already");
        using var someoneElse = app.Visit("alpha.test");
        await ShouldBeRefusedAsync(await someoneElse.Http.GetAsync(back), "has been used already");
        (await someoneElse.GetPageAsync("/")).Html.Should().NotContain("Signed in as");
    }

    [Theory]
    [InlineData(TokenTampering.WrongIssuer, "the wrong issuer")]
    [InlineData(TokenTampering.WrongAudience, "the wrong audience")]
    [InlineData(TokenTampering.ChangedAfterSigning, "it has been changed since")]
    public async Task An_id_token_with_the_wrong_issuer_or_audience_or_changed_after_signing_is_refused_with_a_clear_page(TokenTampering tampering, string because)
    {
        await using var own = new SingleSignOnApp();
        own.Provider.Tampering = tampering;
        using var visitor = own.Visit("alpha.test");
        var person = Person("Tam Pered");
        await ShouldBeRefusedAsync(await own.SignInAsync(visitor, "nhsmail", person), because);
        (await visitor.GetPageAsync("/")).Html.Should().NotContain("Signed in as");
        (await own.Services.GetRequiredService<IMemberStore>().FindByEmailAsync("alpha", new UpperInvariantLookupNormalizer().NormalizeEmail(person.Email)!))
            .Should().BeNull("nobody is made from a token the site refused");
    }

    [Fact]
    public async Task A_sign_in_that_comes_back_after_its_state_expired_is_refused_with_a_clear_page()
    {
        await using var own = new SingleSignOnApp();
        using var visitor = own.Visit("alpha.test");
        var back = await own.Provider.SignInAsync(await SingleSignOnApp.StartAsync(visitor, "nhsmail"), Person("Lou Late"));
        own.Clock.Advance(TimeSpan.FromMinutes(11));
        await ShouldBeRefusedAsync(await visitor.Http.GetAsync(back), "was started more than 10 minutes ago");
        (await visitor.GetPageAsync("/")).Html.Should().NotContain("Signed in as");
    }

    [Fact]
    public async Task An_unknown_provider_is_not_found()
    {
        using var visitor = app.Visit("alpha.test");
        (await visitor.Http.GetAsync("account/external/nhs-login")).StatusCode.Should().Be(HttpStatusCode.NotFound, "NHS login is beta's, not alpha's");
        (await visitor.Http.GetAsync("account/external/nhs-login/callback?code=x&state=y")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Posting_anonymously_after_a_single_sign_on_shows_no_trace_of_the_author_anywhere_public()
    {
        using var nurse = app.Visit("beta.test");
        (await app.SignInAsync(nurse, "nhs-login", Person("Nurse Identifiable"))).StatusCode.Should().Be(HttpStatusCode.Redirect);
        await nurse.UseAntiforgeryHeaderAsync();
        await ApiTests.AnonymousPostsShowNoTraceOfTheirAuthorAsync(app, nurse, "Nurse Identifiable");
    }
}
