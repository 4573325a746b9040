namespace Engine.Core.Stats;

/// <summary>The numbers, as <see cref="Numbers"/> defines them. A null challenge means the whole site.</summary>
public interface IStatsQuery
{
    Task<SiteStats> GetAsync(string tenantId, CancellationToken ct = default);
    Task<SiteStats> ForChallengeAsync(string tenantId, long challengeId, CancellationToken ct = default);
    /// <summary>Day by day, from the first day anything was counted to <paramref name="until"/>, with empty days included.</summary>
    Task<IReadOnlyList<DayNumbers>> DailyAsync(string tenantId, long? challengeId, TimeZoneInfo zone, DateTimeOffset until, CancellationToken ct = default);
}
