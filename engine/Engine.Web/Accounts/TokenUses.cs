using System.Collections.Concurrent;
using Engine.Core.Members;

namespace Engine.Web.Accounts;

/// <summary>
/// Records when each personal token was last used, for its member's list of tokens: at most once a minute per token on
/// this node. The token as kept for authentication is not read again after the record (the write drops no cache), so
/// this node remembers what it recorded; without that every request would write the record again.
/// </summary>
public sealed class TokenUses(IMemberStore members, ILogger<TokenUses> logger)
{
    private static readonly TimeSpan RecordEvery = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<(string TenantId, long TokenId), DateTimeOffset> _recorded = new();

    public async Task UsedAsync(string tenantId, MemberToken token, long memberId, DateTimeOffset now, CancellationToken ct)
    {
        var key = (tenantId, token.Id);
        var last = _recorded.TryGetValue(key, out var recorded) && (token.LastUsedAt is not { } stored || recorded > stored) ? recorded : token.LastUsedAt;
        if (last is { } used && now - used < RecordEvery) return;
        _recorded[key] = now;
        // Only a record for the member's list: a store that cannot take writes just now must not turn the token away.
        try { await members.TouchTokenAsync(tenantId, token.Id, now, ct); }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not record the use of token {TokenId} of member {MemberId} on {TenantId}", token.Id, memberId, tenantId);
        }
    }
}
