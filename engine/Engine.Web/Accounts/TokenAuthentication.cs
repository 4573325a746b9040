using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Engine.Core.Members;
using Engine.Web.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Engine.Web.Accounts;

/// <summary>
/// Personal bearer tokens for API clients. Only a SHA-256 hash is stored, and a token is looked
/// up on the request's tenant alone, so a token from one tenant is nobody on another.
/// </summary>
public sealed class TokenAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger,
    UrlEncoder encoder, IMemberStore members) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Token";

    public static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        // No tenant (the health check skips resolution): a token belongs to no site there.
        if (Context.Features.Get<Core.Tenancy.TenantDefinition>() is not { } tenant) return AuthenticateResult.NoResult();
        var token = header["Bearer ".Length..].Trim();
        var member = token.Length == 0 ? null : await members.FindByTokenAsync(tenant.Id, Hash(token), Context.RequestAborted);
        if (member is null) return AuthenticateResult.Fail("The bearer token is not valid on this site.");
        if (member.LockoutEnd > DateTimeOffset.UtcNow || member.Blocked) return AuthenticateResult.Fail("This account is locked or blocked.");
        return AuthenticateResult.Success(new AuthenticationTicket(member.ToPrincipal(SchemeName), SchemeName));
    }
}
