using Engine.Core.Caching;
using Engine.Core.Common;

namespace Engine.Core.Challenges;

/// <summary>
/// Which challenges the site shows and which take contributions, for every page and API that shows one.
/// A challenge is on the site while it is open and after it has closed (read-only then); a draft, one whose opening
/// time has not come and an archived one are not there at all. Asked for by its address, such a challenge is
/// "not found", never "forbidden", so the answer does not tell that it exists. A private challenge is the same to anyone
/// outside its audience (<see cref="Viewer.Sees"/>, for whoever is asking: <see cref="IViewers"/>), so every page, API
/// call, search and count that finds challenges here keeps it from them; staff see every one. The admin area, which lists
/// every challenge, reads the store itself.
/// </summary>
public sealed class OpenChallenge(IChallengeStore challenges, EngineCache kept, IViewers viewers, TimeProvider clock)
{
    // The challenge by its address: no vote changes it.
    private sealed record ChallengeBySlug(string TenantId, string Slug) : CacheKey<Challenge?>(TenantId)
    {
        public override DroppedBy DroppedBy => DroppedBy.WritesBesidesVotes;
    }

    // The site's challenges: no vote changes them.
    private sealed record ChallengesOf(string TenantId) : CacheKey<IReadOnlyList<Challenge>>(TenantId)
    {
        public override DroppedBy DroppedBy => DroppedBy.WritesBesidesVotes;
    }

    /// <summary>The challenges on the site that the one asking may see, open and closed, in the site's order.</summary>
    public async Task<IReadOnlyList<Challenge>> ListAsync(string tenantId, CancellationToken ct = default) =>
        await VisibleAsync(tenantId, await challenges.ListAsync(tenantId, ct), ct);

    /// <summary>
    /// Like <see cref="ListAsync"/>, on a copy kept across votes (<see cref="EngineCache"/>), for what lists the site's
    /// challenges on every view (the home page, search, the numbers page, the API's list): reading the list counts each
    /// challenge's ideas, 9 ms of CPU at 160,000 (bench/analysis.md), and no vote changes a count. A new idea, a hidden
    /// or merged one, is a write besides votes and drops the copy. Which of them the one asking may see is decided afresh each call.
    /// </summary>
    public async Task<IReadOnlyList<Challenge>> ListKeptAsync(string tenantId, CancellationToken ct = default) =>
        await VisibleAsync(tenantId, await kept.GetAsync(new ChallengesOf(tenantId), c => challenges.ListAsync(tenantId, c), ct), ct);

    private async Task<IReadOnlyList<Challenge>> VisibleAsync(string tenantId, IReadOnlyList<Challenge> all, CancellationToken ct) =>
        // Most sites have no private challenge: then nobody need be looked up.
        ListFor(all, all.All(c => c.Audience.IsEveryone) ? Viewer.Visitor : await viewers.CurrentAsync(tenantId, ct));

    private IReadOnlyList<Challenge> ListFor(IReadOnlyList<Challenge> all, Viewer viewer)
    {
        var now = clock.GetUtcNow();
        return all.Where(c => c.IsVisibleAt(now) && viewer.Sees(c)).ToList();
    }

    public async Task<Outcome<Challenge>> FindAsync(string tenantId, string slug, CancellationToken ct = default) =>
        await VisibleAsync(tenantId, await challenges.FindBySlugAsync(tenantId, slug, ct), ct);

    public async Task<Outcome<Challenge>> FindByIdAsync(string tenantId, long id, CancellationToken ct = default) =>
        await VisibleAsync(tenantId, await challenges.FindByIdAsync(tenantId, id, ct), ct);

    /// <summary>
    /// For the challenge's own page, read on every view: like <see cref="FindAsync"/>, on a copy kept across votes
    /// (<see cref="EngineCache"/>), which no vote can change. Whether it is on the site is decided afresh each call,
    /// so a challenge closing or opening shows at once.
    /// </summary>
    public async Task<Outcome<Challenge>> FindKeptAsync(string tenantId, string slug, CancellationToken ct = default) =>
        await VisibleAsync(tenantId, await kept.GetAsync(new ChallengeBySlug(tenantId, slug), c => challenges.FindBySlugAsync(tenantId, slug, c), ct), ct);

    /// <summary>Whether members can post ideas, comment and vote in it now: only while it is open.</summary>
    public bool TakesContributions(Challenge challenge) => challenge.AcceptsContributionsAt(clock.GetUtcNow());

    /// <summary>Whether the one asking may see it: on the site now, and they are in its audience.</summary>
    public async ValueTask<bool> IsVisibleAsync(string tenantId, Challenge challenge, CancellationToken ct = default) =>
        challenge.IsVisibleAt(clock.GetUtcNow()) && (challenge.Audience.IsEveryone || (await viewers.CurrentAsync(tenantId, ct)).Sees(challenge));

    private async ValueTask<Outcome<Challenge>> VisibleAsync(string tenantId, Challenge? challenge, CancellationToken ct) =>
        challenge is not null && await IsVisibleAsync(tenantId, challenge, ct) ? challenge : Error.NotFound("Challenge");
}
