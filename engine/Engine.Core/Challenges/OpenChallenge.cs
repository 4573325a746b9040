using Engine.Core.Caching;
using Engine.Core.Common;

namespace Engine.Core.Challenges;

/// <summary>
/// Which challenges the site shows and which take contributions, for every page and API that shows one.
/// A challenge is on the site while it is open and after it has closed (read-only then); a draft, one whose opening
/// time has not come and an archived one are not there at all. Asked for by its address, such a challenge is
/// "not found", never "forbidden", so the answer does not tell that it exists. Visitors, members and the team see the
/// same challenges here; the admin area, which lists every challenge, reads the store itself.
/// </summary>
public sealed class OpenChallenge(IChallengeStore challenges, EngineCache kept, TimeProvider clock)
{
    // The challenge by its address: no vote changes it.
    private sealed record ChallengeBySlug(string TenantId, string Slug) : CacheKey<Challenge?>(TenantId)
    {
        public override DroppedBy DroppedBy => DroppedBy.WritesBesidesVotes;
    }

    /// <summary>The challenges on the site, open and closed, in the site's order.</summary>
    public async Task<IReadOnlyList<Challenge>> ListAsync(string tenantId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        return (await challenges.ListAsync(tenantId, ct)).Where(c => c.IsVisibleAt(now)).ToList();
    }

    public async Task<Outcome<Challenge>> FindAsync(string tenantId, string slug, CancellationToken ct = default) =>
        Visible(await challenges.FindBySlugAsync(tenantId, slug, ct));

    public async Task<Outcome<Challenge>> FindByIdAsync(string tenantId, long id, CancellationToken ct = default) =>
        Visible(await challenges.FindByIdAsync(tenantId, id, ct));

    /// <summary>
    /// For the challenge's own page, read on every view: like <see cref="FindAsync"/>, on a copy kept across votes
    /// (<see cref="EngineCache"/>), which no vote can change. Whether it is on the site is decided afresh each call,
    /// so a challenge closing or opening shows at once.
    /// </summary>
    public async Task<Outcome<Challenge>> FindKeptAsync(string tenantId, string slug, CancellationToken ct = default) =>
        Visible(await kept.GetAsync(new ChallengeBySlug(tenantId, slug), c => challenges.FindBySlugAsync(tenantId, slug, c), ct));

    /// <summary>Whether members can post ideas, comment and vote in it now: only while it is open.</summary>
    public bool TakesContributions(Challenge challenge) => challenge.AcceptsContributionsAt(clock.GetUtcNow());

    private Outcome<Challenge> Visible(Challenge? challenge) =>
        challenge is not null && challenge.IsVisibleAt(clock.GetUtcNow()) ? challenge : Error.NotFound("Challenge");
}
