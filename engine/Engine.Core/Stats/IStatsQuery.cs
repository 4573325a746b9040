namespace Engine.Core.Stats;

public interface IStatsQuery
{
    Task<SiteStats> GetAsync(string tenantId, CancellationToken ct = default);
}
