using Engine.Core.Tenancy;

namespace Engine.Core.Challenges;

public interface IChallengeStore
{
    Task<IReadOnlyList<Challenge>> ListAsync(string tenantId, CancellationToken ct = default);
    Task<Challenge?> FindBySlugAsync(string tenantId, string slug, CancellationToken ct = default);
    Task<Challenge?> FindByIdAsync(string tenantId, long id, CancellationToken ct = default);
    /// <summary>Adds or updates the challenges a tenant.json declares; challenges it no longer lists are left alone.</summary>
    Task SyncAsync(string tenantId, IReadOnlyList<ChallengeDefinition> challenges, CancellationToken ct = default);
}
