using System.Collections.Concurrent;
using Engine.Core.DataRights;

namespace Engine.Web.DataRights;

/// <summary>
/// Records that a member used the site signed in (with a cookie or a token), for the retention rule: at most once a day
/// per member on this node, so a member's pages cost one write a day. The record also withdraws a retention warning.
/// Only today's members are remembered, so the memory this takes is one day's visitors.
/// </summary>
public sealed class MemberVisits(IRetentionStore store, TimeProvider clock, ILogger<MemberVisits> logger)
{
    private ConcurrentDictionary<(string TenantId, long MemberId), byte> _today = new();
    private long _day = -1;

    public Task SeenAsync(string tenantId, long memberId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var day = now.ToUnixTimeSeconds() / 86_400;
        if (Interlocked.Exchange(ref _day, day) != day) _today = new();
        return _today.TryAdd((tenantId, memberId), 0) ? RecordAsync(tenantId, memberId, now, ct) : Task.CompletedTask;
    }

    private async Task RecordAsync(string tenantId, long memberId, DateTimeOffset now, CancellationToken ct)
    {
        // Only a record for the retention rule: a store that cannot take writes just now must not turn the member away.
        try { await store.SeenAsync(tenantId, memberId, now, ct); }
        catch (Exception e)
        {
            _today.TryRemove((tenantId, memberId), out _); // tried again on their next request
            if (e is OperationCanceledException) throw;
            logger.LogWarning(e, "Could not record that member {MemberId} of {TenantId} used the site", memberId, tenantId);
        }
    }
}
