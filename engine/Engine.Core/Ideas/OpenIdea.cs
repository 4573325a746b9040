using Engine.Core.Caching;
using Engine.Core.Challenges;
using Engine.Core.Common;

namespace Engine.Core.Ideas;

/// <summary>Finds an idea together with its challenge, as long as the one asking may see that challenge (<see cref="OpenChallenge"/>).</summary>
public sealed class OpenIdea(IChallengeStore challenges, IIdeaStore ideas, EngineCache kept, OpenChallenge open, TimeProvider clock)
{
    /// <summary>An idea and its challenge as read for a vote: no vote changes either (the idea's counts aside, which are not used).</summary>
    private sealed record IdeaAndChallenge(string TenantId, long IdeaId) : CacheKey<(Idea? Idea, Challenge? Challenge)>(TenantId)
    {
        public override DroppedBy DroppedBy => DroppedBy.WritesBesidesVotes;
    }

    /// <summary>
    /// The challenge as read for a vote, one copy for all its ideas: reading it counts its published ideas (55,598 in the
    /// national set's biggest), which, made again for each idea a node had not yet voted on, was most of PostgreSQL's
    /// work per vote at national scale (bench/analysis.md, §6). No vote changes it; a new idea is a write besides votes.
    /// </summary>
    private sealed record ChallengeForVotes(string TenantId, long ChallengeId) : CacheKey<Challenge?>(TenantId)
    {
        public override DroppedBy DroppedBy => DroppedBy.WritesBesidesVotes;
    }

    public async Task<Outcome<(Idea Idea, Challenge Challenge)>> FindAsync(string tenantId, long ideaId, CancellationToken ct = default) =>
        await VisibleAsync(tenantId, await ReadAsync(tenantId, ideaId, ct), ct);

    /// <summary>Like <see cref="FindAsync"/>, but refuses when the idea's challenge is closed to contributions.</summary>
    public async Task<Outcome<(Idea Idea, Challenge Challenge)>> FindWritableAsync(string tenantId, long ideaId, CancellationToken ct = default) =>
        await WritableAsync(tenantId, await VisibleAsync(tenantId, await ReadAsync(tenantId, ideaId, ct), ct), ct);

    /// <summary>
    /// For the team's official response: like <see cref="FindWritableAsync"/>, but a closed challenge still takes it,
    /// since what members posted while it ran deserves an answer after it closes.
    /// </summary>
    public async Task<Outcome<(Idea Idea, Challenge Challenge)>> FindAnswerableAsync(string tenantId, long ideaId, CancellationToken ct = default) =>
        await WritableAsync(tenantId, await VisibleAsync(tenantId, await ReadAsync(tenantId, ideaId, ct), ct), ct, closedToo: true);

    /// <summary>
    /// For a vote: the same checks as <see cref="FindWritableAsync"/>, made on a copy of the idea and its challenge kept
    /// across votes (<see cref="EngineCache"/>), so a vote storm does not read them again for every vote. The checks of
    /// time (a challenge closing) are made afresh each call. The idea's counts in the copy may be behind, which is why
    /// only the challenge is handed out.
    /// </summary>
    public async Task<Outcome<Challenge>> FindVotableAsync(string tenantId, long ideaId, CancellationToken ct = default)
    {
        var read = await kept.GetAsync(new IdeaAndChallenge(tenantId, ideaId), c => ReadForVotesAsync(tenantId, ideaId, c), ct);
        var found = await WritableAsync(tenantId, await VisibleAsync(tenantId, read, ct), ct);
        return found.Succeeded ? found.Value.Challenge : found.Error!;
    }

    private async Task<(Idea? Idea, Challenge? Challenge)> ReadAsync(string tenantId, long ideaId, CancellationToken ct)
    {
        var idea = await ideas.FindAsync(tenantId, ideaId, ct);
        return (idea, idea is null ? null : await challenges.FindByIdAsync(tenantId, idea.ChallengeId, ct));
    }

    private async Task<(Idea? Idea, Challenge? Challenge)> ReadForVotesAsync(string tenantId, long ideaId, CancellationToken ct)
    {
        var idea = await ideas.FindAsync(tenantId, ideaId, ct);
        return (idea, idea is null ? null
            : await kept.GetAsync(new ChallengeForVotes(tenantId, idea.ChallengeId), c => challenges.FindByIdAsync(tenantId, idea.ChallengeId, c), ct));
    }

    private async ValueTask<Outcome<(Idea Idea, Challenge Challenge)>> VisibleAsync(string tenantId, (Idea? Idea, Challenge? Challenge) read, CancellationToken ct) =>
        read is { Idea: { } idea, Challenge: { } challenge } && await open.IsVisibleAsync(tenantId, challenge, ct) ? (idea, challenge) : Error.NotFound("Idea");

    private async Task<Outcome<(Idea Idea, Challenge Challenge)>> WritableAsync(string tenantId, Outcome<(Idea Idea, Challenge Challenge)> found,
        CancellationToken ct, bool closedToo = false)
    {
        if (!found.Succeeded) return found.Error!;
        var (idea, challenge) = found.Value;
        if (!challenge.AcceptsContributionsAt(clock.GetUtcNow()) && !(closedToo && challenge.StateAt(clock.GetUtcNow()) == ChallengeState.Closed))
            return Error.Forbidden($"The challenge '{challenge.Title}' is closed: it is read-only now.").Keyed("error.challenge-read-only", challenge.Title);
        if (idea.MergedInto is { } keptId)
        {
            var kept = await ideas.FindAsync(tenantId, keptId, ct);
            return new Error(ErrorKind.Conflict,
                $"This idea was merged into “{kept?.Title ?? $"idea {keptId}"}” (idea {keptId}), a duplicate of it: vote and comment there.", "ideaId")
                .Keyed("error.idea-merged", kept?.Title ?? $"{keptId}", keptId);
        }
        return found;
    }
}
