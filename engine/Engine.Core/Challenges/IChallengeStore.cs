using Engine.Core.Tenancy;

namespace Engine.Core.Challenges;

public interface IChallengeStore
{
    Task<IReadOnlyList<Challenge>> ListAsync(string tenantId, CancellationToken ct = default);
    Task<Challenge?> FindBySlugAsync(string tenantId, string slug, CancellationToken ct = default);
    Task<Challenge?> FindByIdAsync(string tenantId, long id, CancellationToken ct = default);
    /// <summary>Adds or updates the challenges a tenant.json declares; challenges it no longer lists are left alone.</summary>
    Task SyncAsync(string tenantId, IReadOnlyList<ChallengeDefinition> challenges, CancellationToken ct = default);
    /// <summary>Creates (false if the slug is taken) or updates (false if missing) a challenge from the admin area; tenant.json no longer overwrites it.</summary>
    Task<bool> SaveAsync(string tenantId, ChallengeDefinition challenge, bool create, CancellationToken ct = default);
    /// <summary>Puts the challenges in this order; false unless the list names every challenge once.</summary>
    Task<bool> ReorderAsync(string tenantId, IReadOnlyList<string> slugs, CancellationToken ct = default);
}
