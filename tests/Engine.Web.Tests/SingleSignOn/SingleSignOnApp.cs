using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Engine.Web.Tests.SingleSignOn;

/// <summary>
/// <see cref="EngineApp"/>'s tenants, signing people in through a real OpenID Connect provider (<see cref="TestOpenIdProvider"/>,
/// on its own port): alpha's staff as with Microsoft Entra ID (client secret; the "nhs-moderators" and "nhs-admins" groups grant
/// roles), beta's patients as with NHS login (private_key_jwt, claims from userinfo), delta with single sign-on only (no
/// passwords), and epsilon taking new accounts only at nhs.net addresses. The engine's clock is <see cref="Clock"/>, which stands still until a test moves it.
/// </summary>
public sealed class SingleSignOnApp : EngineApp
{
    public TestOpenIdProvider Provider { get; } = TestOpenIdProvider.Start();
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public SingleSignOnApp()
    {
        var alpha = Tenant("alpha", "Alpha Health Ideas", ["alpha.test"], anonymous: false, downVotes: false);
        alpha["signIn"] = new { openIdConnect = new[] { Staff() } };
        WriteTenant("alpha", alpha);
        var beta = Tenant("beta", "Beta Care Voices", ["beta.test"], anonymous: true, downVotes: true);
        beta["signIn"] = new { openIdConnect = new object[] { Staff(), Patients() } };
        WriteTenant("beta", beta);
        var delta = Tenant("delta", "Delta Staff Ideas", ["delta.test"], anonymous: false, downVotes: false);
        delta["signIn"] = new { passwords = false, openIdConnect = new[] { Staff() } };
        WriteTenant("delta", delta);
        var epsilon = Tenant("epsilon", "Epsilon Trust Ideas", ["epsilon.test"], anonymous: false, downVotes: false);
        epsilon["signIn"] = new { emailDomains = new[] { "nhs.net" }, openIdConnect = new[] { Staff() } };
        WriteTenant("epsilon", epsilon);
    }

    /// <summary>The Microsoft Entra ID shape: a client secret, the email and name in the ID token, roles from the groups claim.</summary>
    private object Staff() => new
    {
        id = "nhsmail", label = "Sign in with NHSmail", authority = Provider.Authority, clientId = TestOpenIdProvider.SecretClientId,
        scopes = new[] { "profile", "email" }, clientAuthentication = "clientSecret", rolesClaim = "groups",
        roles = new Dictionary<string, string> { ["nhs-moderators"] = "moderator", ["nhs-admins"] = "admin" },
        // The "nhs-leeds" group puts a member in the site's leeds-trust group, which private challenges can be opened to.
        groupsClaim = "groups", groups = new Dictionary<string, string> { ["nhs-leeds"] = "leeds-trust" },
    };

    /// <summary>The NHS login shape: private_key_jwt, the email and name from the userinfo endpoint, no roles.</summary>
    private object Patients() => new
    {
        id = "nhs-login", label = "Continue with NHS login", authority = Provider.Authority, clientId = TestOpenIdProvider.KeyClientId,
        scopes = new[] { "profile", "email" }, clientAuthentication = "privateKeyJwt", claimsFromUserInfo = true,
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // The secrets come from configuration, as an operator sets them (Engine__SignIn__alpha__nhsmail__ClientSecret in the environment).
        foreach (var tenant in new[] { "alpha", "beta", "delta", "epsilon" })
            builder.UseSetting($"Engine:SignIn:{tenant}:nhsmail:ClientSecret", TestOpenIdProvider.ClientSecret);
        builder.UseSetting("Engine:SignIn:beta:nhs-login:PrivateKey", Provider.ClientPrivateKeyPem);
        builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>Starts the sign-in on the visitor's site, as its button does: the answer sends the browser to the provider.</summary>
    public static async Task<Uri> StartAsync(Visitor visitor, string provider, string returnUrl = "/")
    {
        var start = await visitor.Http.GetAsync($"account/external/{provider}?returnUrl={Uri.EscapeDataString(returnUrl)}");
        start.StatusCode.Should().Be(HttpStatusCode.Redirect, await start.Content.ReadAsStringAsync());
        return start.Headers.Location!;
    }

    /// <summary>The whole redirect dance: the site, the provider's sign-in page as <paramref name="person"/>, and back to the site's callback.</summary>
    public async Task<HttpResponseMessage> SignInAsync(Visitor visitor, string provider, TestPerson person, string returnUrl = "/")
    {
        var back = await Provider.SignInAsync(await StartAsync(visitor, provider, returnUrl), person);
        return await visitor.Http.GetAsync(back);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Provider.DisposeAsync();
    }
}
