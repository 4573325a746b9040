using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Engine.Tests.Shared;

/// <summary>Someone with an account at the provider: what its sign-in page is filled in with.</summary>
public sealed record TestPerson(string Subject, string Email, string Name, bool EmailVerified = true, params string[] Groups);

/// <summary>What the provider does to the ID token it answers with, for the tests of tokens the engine must refuse.</summary>
public enum TokenTampering { None, WrongIssuer, WrongAudience, ChangedAfterSigning }

/// <summary>
/// A real OpenID Connect provider: OpenIddict's server, on a Kestrel port of its own, with the authorization code flow and PKCE
/// required, a signing key made for this run, and a sign-in page where a test says who the person is. Two clients:
/// <see cref="SecretClientId"/> authenticates with a client secret (as with Microsoft Entra ID), <see cref="KeyClientId"/> with
/// <c>private_key_jwt</c> signed by <see cref="ClientPrivateKeyPem"/> (as with NHS login), whose public half only the provider holds.
/// Run without OpenIddict's stores (its degraded mode), so the clients are checked here, by the handlers below.
/// </summary>
public sealed class TestOpenIdProvider : IAsyncDisposable
{
    public const string SecretClientId = "engine-staff", ClientSecret = "the staff client's secret", KeyClientId = "engine-patients";
    private const string SignInPath = "/connect/authorize", TokenPath = "/connect/token";

    private readonly WebApplication _app;
    private readonly RsaSecurityKey _signingKey;
    private readonly RSA _clientKey = RSA.Create(2048);

    /// <summary>The issuer's address, with its trailing slash, as its discovery document gives it.</summary>
    public string Authority { get; }
    /// <summary>The engine's private key for <see cref="KeyClientId"/>, in PEM: what an operator puts in configuration.</summary>
    public string ClientPrivateKeyPem => _clientKey.ExportPkcs8PrivateKeyPem();
    /// <summary>Set by a test before the sign-in whose ID token should be refused.</summary>
    public TokenTampering Tampering { get; set; }
    /// <summary>How many token requests the provider answered with tokens, and with which client authentication.</summary>
    public List<string> ClientAuthentications { get; } = [];

    private TestOpenIdProvider()
    {
        _signingKey = new RsaSecurityKey(RSA.Create(2048)) { KeyId = Guid.NewGuid().ToString("N") };
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddRouting();
        builder.Services.AddAuthentication();
        builder.Services.AddOpenIddict().AddServer(server =>
        {
            server.EnableDegradedMode().DisableTokenStorage().DisableAuthorizationStorage();
            server.SetAuthorizationEndpointUris(SignInPath.TrimStart('/')).SetTokenEndpointUris(TokenPath.TrimStart('/'))
                .SetUserInfoEndpointUris("connect/userinfo");
            server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            server.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email, "groups");
            server.AddSigningKey(_signingKey);
            server.AddEncryptionKey(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)));
            server.UseAspNetCore().EnableAuthorizationEndpointPassthrough().EnableUserInfoEndpointPassthrough().DisableTransportSecurityRequirement();
            server.AddEventHandler<OpenIddictServerEvents.ValidateAuthorizationRequestContext>(b => b.UseInlineHandler(CheckAuthorizationRequest));
            server.AddEventHandler<OpenIddictServerEvents.ValidateTokenRequestContext>(b => b.UseInlineHandler(CheckClient));
            // Without stores, the key that checks a client's assertion is the provider's to give. Its audience is the token
            // endpoint, as NHS login asks (OpenIddict's own default is the issuer).
            server.AddEventHandler<OpenIddictServerEvents.ValidateTokenContext>(b => b.UseInlineHandler(context =>
            {
                if (!context.ValidTokenTypes.Contains(TokenTypeIdentifiers.Private.ClientAssertion)) return ValueTask.CompletedTask;
                context.TokenValidationParameters.IssuerSigningKeys = [new RsaSecurityKey(_clientKey.ExportParameters(false))];
                context.ValidAudiences.Clear();
                context.ValidAudiences.Add(new Uri(context.BaseUri!, TokenPath).AbsoluteUri);
                return ValueTask.CompletedTask;
            }).SetOrder(OpenIddictServerHandlers.Protection.ResolveTokenValidationParameters.Descriptor.Order + 500));
            server.AddEventHandler<OpenIddictServerEvents.ApplyTokenResponseContext>(b => b.UseInlineHandler(context =>
            {
                if (context.Response.IdToken is { } token) context.Response.IdToken = Tamper(token);
                return ValueTask.CompletedTask;
            }).SetOrder(int.MinValue + 50_000));
        });
        _app = builder.Build();
        _app.UseRouting();
        _app.UseAuthentication();
        _app.MapMethods(SignInPath, ["GET", "POST"], (Func<HttpContext, Task<IResult>>)SignInAsync);
        _app.MapGet("/connect/userinfo", (Func<HttpContext, Task<IResult>>)UserInfoAsync);
        _app.StartAsync().GetAwaiter().GetResult();
        var port = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        // By name, not address: the browser tests' chromium resolves only localhost names (and refuses IP literals).
        Authority = $"http://localhost:{port}/";
    }

    public static TestOpenIdProvider Start() => new();

    private static ValueTask CheckAuthorizationRequest(OpenIddictServerEvents.ValidateAuthorizationRequestContext context)
    {
        if (context.ClientId is not (SecretClientId or KeyClientId))
            context.Reject(Errors.InvalidClient, "This provider knows no such client.");
        // Every engine site's callback, on whichever test host it answers.
        else if (!Uri.TryCreate(context.RedirectUri, UriKind.Absolute, out var back) || !back.AbsolutePath.Contains("/account/external/"))
            context.Reject(Errors.InvalidRequest, "The redirect_uri is not an engine site's callback.");
        return ValueTask.CompletedTask;
    }

    private ValueTask CheckClient(OpenIddictServerEvents.ValidateTokenRequestContext context)
    {
        if (context.ClientId == SecretClientId && context.ClientSecret == ClientSecret) ClientAuthentications.Add("client_secret");
        // OpenIddict has already checked the assertion's signature (with the key above), issuer, lifetime and audience.
        else if (context.ClientId == KeyClientId && context.Request.ClientAssertionType == ClientAssertionTypes.JwtBearer && context.Request.ClientAssertion is not null)
            ClientAuthentications.Add("private_key_jwt");
        else context.Reject(Errors.InvalidClient, "The client did not authenticate as this provider expects.");
        return ValueTask.CompletedTask;
    }

    /// <summary>The test user sign-in page: a form for who the person is; posted back, the provider signs them in.</summary>
    private static async Task<IResult> SignInAsync(HttpContext context)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        if (!context.Request.HasFormContentType || !(await context.Request.ReadFormAsync()).TryGetValue("person_sub", out var subject))
            return Results.Content(SignInPage(request), "text/html; charset=utf-8");
        var form = await context.Request.ReadFormAsync();
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, subject.ToString()));
        identity.AddClaim(new Claim(Claims.Email, form["person_email"].ToString()));
        identity.AddClaim(new Claim(Claims.EmailVerified, form["person_verified"] == "true" ? "true" : "false", ClaimValueTypes.Boolean));
        identity.AddClaim(new Claim(Claims.Name, form["person_name"].ToString()));
        foreach (var group in form["person_groups"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries)) identity.AddClaim(new Claim("groups", group));
        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static string SignInPage(OpenIddictRequest request)
    {
        var page = new StringBuilder("<!doctype html><html lang=\"en\"><head><title>Test provider: sign in</title></head><body><h1>Test provider</h1>");
        page.Append($"<form method=\"post\" action=\"{SignInPath}\">");
        foreach (var (name, value) in request.GetParameters())
            page.Append($"<input type=\"hidden\" name=\"{WebUtility.HtmlEncode(name)}\" value=\"{WebUtility.HtmlEncode(value.ToString())}\">");
        page.Append("<label>Subject <input name=\"person_sub\" id=\"person_sub\"></label><label>Email <input name=\"person_email\" id=\"person_email\"></label>")
            .Append("<label>Name <input name=\"person_name\" id=\"person_name\"></label><label>Groups <input name=\"person_groups\" id=\"person_groups\"></label>")
            .Append("<label>Verified <input type=\"checkbox\" name=\"person_verified\" id=\"person_verified\" value=\"true\"></label>")
            .Append("<button type=\"submit\">Continue</button></form></body></html>");
        return page.ToString();
    }

    private static async Task<IResult> UserInfoAsync(HttpContext context)
    {
        var principal = (await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
        if (principal is null) return Results.Challenge(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        return Results.Json(new Dictionary<string, object?>
        {
            [Claims.Subject] = principal.GetClaim(Claims.Subject),
            [Claims.Email] = principal.GetClaim(Claims.Email),
            [Claims.EmailVerified] = principal.GetClaim(Claims.EmailVerified) == "true",
            [Claims.Name] = principal.GetClaim(Claims.Name),
        });
    }

    /// <summary>The ID token as <see cref="Tampering"/> says: signed again over a wrong issuer or audience, or changed after signing.</summary>
    private string Tamper(string token)
    {
        if (Tampering == TokenTampering.None) return token;
        var parts = token.Split('.');
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!.AsObject();
        switch (Tampering)
        {
            case TokenTampering.WrongIssuer: payload["iss"] = "http://127.0.0.1:1/elsewhere/"; break;
            case TokenTampering.WrongAudience: payload["aud"] = "another-service"; break;
            case TokenTampering.ChangedAfterSigning:
                payload["email"] = "someone.else@example.nhs.uk";
                return $"{parts[0]}.{Base64UrlEncoder.Encode(payload.ToJsonString())}.{parts[2]}";
        }
        return new JsonWebTokenHandler().CreateToken(payload.ToJsonString(), new SigningCredentials(_signingKey, SecurityAlgorithms.RsaSha256));
    }

    /// <summary>
    /// The person's part of the redirect dance, as their browser does it: opens the provider's sign-in page at
    /// <paramref name="authorize"/> (where the engine sent them), fills it in for <paramref name="person"/> and returns where the
    /// provider sends them back to: the engine's callback, with the code and the state.
    /// </summary>
    public async Task<Uri> SignInAsync(Uri authorize, TestPerson person)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var page = await browser.GetAsync(authorize);
        if (page.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"The provider's sign-in page answered {page.StatusCode}: {await page.Content.ReadAsStringAsync()}");
        var fields = QueryHelpers.ParseQuery(authorize.Query).ToDictionary(p => p.Key, p => p.Value.ToString());
        fields["person_sub"] = person.Subject;
        fields["person_email"] = person.Email;
        fields["person_name"] = person.Name;
        fields["person_groups"] = string.Join(',', person.Groups);
        if (person.EmailVerified) fields["person_verified"] = "true";
        var answer = await browser.PostAsync(new Uri(authorize, SignInPath), new FormUrlEncodedContent(fields));
        if (answer.StatusCode != HttpStatusCode.Redirect || answer.Headers.Location is not { } back)
            throw new InvalidOperationException($"The provider answered {answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
        return back;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _clientKey.Dispose();
    }
}
