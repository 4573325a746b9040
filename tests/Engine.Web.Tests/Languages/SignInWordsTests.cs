using System.Globalization;
using Engine.Core.Common;
using Engine.Core.Tenancy;
using Engine.Web.Accounts;
using Engine.Web.Languages;
using Engine.Web.SingleSignOn;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Tokens;

namespace Engine.Web.Tests.Languages;

/// <summary>
/// Every refusal on the way in (signing in with a provider, registering, a password Identity will not take, a site without
/// passwords) is keyed: worded in Welsh and Urdu on their pages, its English the message the log and the API read.
/// </summary>
public class SignInWordsTests
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB"), Welsh = CultureInfo.GetCultureInfo("cy-GB"),
        Urdu = CultureInfo.GetCultureInfo("ur");

    private static readonly OpenIdProvider NhsMail = new() { Id = "nhsmail", Label = "NHSmail", Authority = "https://login.example", ClientId = "engine" };

    public static TheoryData<string, Error> Refusals()
    {
        var tenant = new TenantDefinition
        {
            Id = "delta", Name = "Delta Staff Ideas",
            SignIn = new TenantSignIn { Passwords = false, OpenIdConnect = [NhsMail], EmailDomains = ["nhs.net", "nhs.uk"] },
        };
        var password = new PasswordOptions { RequiredLength = 10 };
        var identity = new IdentityErrorDescriber();
        var errors = new Dictionary<string, Error>
        {
            ["passwords off"] = PasswordAccounts.Refusal(tenant),
            ["email domain"] = tenant.SignIn.CheckEmailDomain("pat@example.com")!,
            ["too short"] = PasswordErrors.Of("password", [identity.PasswordTooShort(10)], password),
            ["invalid email"] = PasswordErrors.Of("email", [identity.InvalidEmail("pat")], password),
            ["invalid user name"] = PasswordErrors.Of("email", [identity.InvalidUserName("pat o'neil")], password),
            ["wrong issuer"] = SingleSignOnPages.Explain(new SecurityTokenInvalidIssuerException(), NhsMail),
            ["wrong audience"] = SingleSignOnPages.Explain(new SecurityTokenInvalidAudienceException(), NhsMail),
            ["bad signature"] = SingleSignOnPages.Explain(new SecurityTokenInvalidSignatureException(), NhsMail),
            ["expired"] = SingleSignOnPages.Explain(new SecurityTokenExpiredException(), NhsMail),
            ["stale"] = SingleSignOnPages.Explain(new InvalidOperationException("state"), NhsMail),
        };
        var data = new TheoryData<string, Error>();
        foreach (var (name, error) in errors) data.Add(name, error);
        return data;
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public void A_refusal_on_the_way_in_is_keyed_and_worded_in_Welsh_and_Urdu(string name, Error error)
    {
        error.Key.Should().NotBeNull(name);
        ErrorWords.Text(English, error).Should().Be(error.Message, "the English catalogue words it as the log reads it");
        ErrorWords.Text(Welsh, error).Should().NotBe(error.Message, $"{name} is worded in Welsh");
        ErrorWords.Text(Urdu, error).Should().NotBe(error.Message, $"{name} is worded in Urdu");
    }

    [Fact]
    public void A_site_that_takes_only_some_addresses_says_which_in_Welsh()
    {
        var signIn = new TenantSignIn { EmailDomains = ["nhs.net", "nhs.uk"] };
        ErrorWords.Text(Welsh, signIn.CheckEmailDomain("pat@example.com")!).Should().Be(
            "Dim ond ar gyfer cyfeiriadau e-bost yn nhs.net, nhs.uk y mae'r safle hwn yn derbyn cyfrifon newydd: nid yw pat@example.com yn un ohonynt.");
    }

    [Fact]
    public void Identitys_refusal_the_catalogues_lack_keeps_its_own_english()
    {
        var error = PasswordErrors.Of("password", [new IdentityError { Code = "SomethingNew", Description = "Something new is wrong." }], new PasswordOptions());
        error.Key.Should().BeNull();
        error.Message.Should().Be("Something new is wrong.");
    }
}
