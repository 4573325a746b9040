using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Engine.Core.Caching;
using Engine.Core.Members;
using Engine.Web.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Engine.Web.Accounts;

/// <summary>
/// Personal bearer tokens for API clients. Only a SHA-256 hash is stored, and a token is looked
/// up on the request's tenant alone, so a token from one tenant is nobody on another. The member behind a
/// token is kept (<see cref="EngineCache"/>) until the tenant's next write other than a vote: a revoked token,
/// or a new security stamp (password reset, sign-out everywhere, block, role change) applies on the next request,
/// while a storm of API votes reads no member rows. Its last use is written at most once a minute.
/// </summary>
public sealed class TokenAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger,
    UrlEncoder encoder, IMemberStore members, EngineCache kept, TokenUses uses, DataRights.MemberVisits visits, TimeProvider clock) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Token";

    private sealed record TokenHolder(string TenantId, string TokenHash) : CacheKey<(Member Member, MemberToken Token)?>(TenantId)
    {
        public override DroppedBy DroppedBy => DroppedBy.WritesBesidesVotes;
    }

    public static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        // No tenant (the health check skips resolution): a token belongs to no site there.
        if (Context.Features.Get<Core.Tenancy.TenantDefinition>() is not { } tenant) return AuthenticateResult.NoResult();
        var token = header["Bearer ".Length..].Trim();
        var hash = token.Length == 0 ? null : Hash(token);
        var now = clock.GetUtcNow();
        var found = hash is null ? null
            : await kept.GetAsync(new TokenHolder(tenant.Id, hash), ct => members.FindByTokenAsync(tenant.Id, hash, now, ct), Context.RequestAborted);
        // The kept copy may be older than the token's expiry or the member's stamp: both are checked on it afresh.
        if (found is not { Member: var member, Token: var stored } || stored.ExpiresAt <= now || stored.SecurityStamp != member.SecurityStamp)
            return AuthenticateResult.Fail("The bearer token is not valid on this site.");
        if (member.LockoutEnd > now || member.Blocked) return AuthenticateResult.Fail("This account is locked or blocked.");
        await uses.UsedAsync(tenant.Id, stored, member.Id, now, Context.RequestAborted);
        await visits.SeenAsync(tenant.Id, member.Id, Context.RequestAborted);
        return AuthenticateResult.Success(new AuthenticationTicket(member.ToPrincipal(SchemeName), SchemeName));
    }
}
