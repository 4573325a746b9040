using Engine.Core.Challenges;
using Engine.Core.Comments;
using Engine.Core.Common;
using Engine.Core.Votes;

namespace Engine.Core.Ideas;

/// <summary>
/// An idea as its page and the API show it: its challenge, its published comments (in the order they were posted; a reply
/// names its comment in ParentId) and the reader's own vote on it (0 for none, and for a visitor).
/// </summary>
/// <param name="TakesContributions">Votes and comments are taken now: the challenge is open and the idea was not merged into another.</param>
/// <param name="TakesOnlyAnswers">
/// The challenge has closed, so only the team's official responses are taken: what members posted while it ran deserves
/// an answer after it closes. Never for a merged idea, which is answered where it was merged.
/// </param>
public sealed record IdeaWithComments(Idea Idea, Challenge Challenge, IReadOnlyList<Comment> Comments, int MyVote,
    bool TakesContributions, bool TakesOnlyAnswers);

/// <summary>Reads an idea with its comments and the reader's vote, as long as its challenge is on the site (<see cref="OpenIdea"/>).</summary>
public sealed class ReadIdea(OpenIdea openIdea, ICommentStore comments, IVoteStore votes, TimeProvider clock)
{
    /// <param name="memberId">Who is reading: null for a visitor, who has no vote to show.</param>
    public async Task<Outcome<IdeaWithComments>> FindAsync(string tenantId, long ideaId, long? memberId, CancellationToken ct = default)
    {
        var found = await openIdea.FindAsync(tenantId, ideaId, ct);
        if (!found.Succeeded) return found.Error!;
        var (idea, challenge) = found.Value;
        var myVote = memberId is { } member ? (await votes.MyVotesAsync(tenantId, member, [ideaId], ct)).GetValueOrDefault(ideaId) : 0;
        var thread = await comments.ListForIdeaAsync(tenantId, ideaId, ct);
        var now = clock.GetUtcNow();
        var merged = idea.MergedInto is not null;
        return new IdeaWithComments(idea, challenge, thread, myVote,
            TakesContributions: !merged && challenge.AcceptsContributionsAt(now),
            TakesOnlyAnswers: !merged && challenge.StateAt(now) == ChallengeState.Closed);
    }
}
