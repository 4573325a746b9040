using Engine.Core.Challenges;
using Engine.Core.Common;

namespace Engine.Core.Ideas;

/// <summary>Finds an idea together with its challenge, as long as that challenge is public.</summary>
public sealed class OpenIdea(IChallengeStore challenges, IIdeaStore ideas, TimeProvider clock)
{
    public async Task<Outcome<(Idea Idea, Challenge Challenge)>> FindAsync(string tenantId, long ideaId, CancellationToken ct = default)
    {
        var idea = await ideas.FindAsync(tenantId, ideaId, ct);
        if (idea is null) return Error.NotFound("Idea");
        var challenge = await challenges.FindByIdAsync(tenantId, idea.ChallengeId, ct);
        if (challenge is null || !challenge.IsVisibleAt(clock.GetUtcNow())) return Error.NotFound("Idea");
        return (idea, challenge);
    }

    /// <summary>Like <see cref="FindAsync"/>, but refuses when the idea's challenge is closed to contributions.</summary>
    public async Task<Outcome<(Idea Idea, Challenge Challenge)>> FindWritableAsync(string tenantId, long ideaId, CancellationToken ct = default)
    {
        var found = await FindAsync(tenantId, ideaId, ct);
        if (!found.Succeeded) return found.Error!;
        if (!found.Value.Challenge.AcceptsContributionsAt(clock.GetUtcNow()))
            return Error.Forbidden($"The challenge '{found.Value.Challenge.Title}' is closed: it is read-only now.");
        if (found.Value.Idea.MergedInto is { } keptId)
        {
            var kept = await ideas.FindAsync(tenantId, keptId, ct);
            return new Error(ErrorKind.Conflict,
                $"This idea was merged into “{kept?.Title ?? $"idea {keptId}"}” (idea {keptId}), a duplicate of it: vote and comment there.", "ideaId");
        }
        return found.Value;
    }
}
