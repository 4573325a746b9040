using Engine.Core.Common;
using Engine.Core.Ideas;
using Engine.Core.Rules;
using Engine.Core.Tenancy;
using Engine.Sdk;

namespace Engine.Core.Votes;

/// <summary>
/// A member votes on an idea, or takes their vote back. The site's voting rule decides whether
/// the vote is allowed; the store makes voting the same way twice change nothing.
/// </summary>
public sealed class CastVote(OpenIdea openIdea, IVoteStore votes, IRuleResolver rules, TimeProvider clock)
{
    public async Task<Outcome<VoteTally>> CastAsync(TenantDefinition tenant, long ideaId, long memberId, int value, CancellationToken ct = default)
    {
        var found = await openIdea.FindVotableAsync(tenant.Id, ideaId, ct);
        if (!found.Succeeded) return found.Error!;
        var challenge = found.Value!;
        var ruleSet = rules.For(tenant, challenge.Slug);
        var mine = await MineAsync(tenant, ruleSet.Voting, memberId, challenge.Id, ct);
        if (ruleSet.Voting.Decide(new VoteRequest(ideaId, value, ruleSet.Features.DownVotes, mine)) is VoteDecision.Refuse refuse)
            return Error.Invalid("value", refuse.Reason);
        var tally = await votes.CastAsync(tenant.Id, ideaId, memberId, value, clock.GetUtcNow(), ct);
        return tally with { Allowance = ruleSet.Voting.Allowance(After(mine, ideaId, value)) };
    }

    public async Task<Outcome<VoteTally>> RemoveAsync(TenantDefinition tenant, long ideaId, long memberId, CancellationToken ct = default)
    {
        var found = await openIdea.FindVotableAsync(tenant.Id, ideaId, ct);
        if (!found.Succeeded) return found.Error!;
        var challenge = found.Value!;
        var mine = await MineAsync(tenant, rules.For(tenant, challenge.Slug).Voting, memberId, challenge.Id, ct);
        var tally = await votes.RemoveAsync(tenant.Id, ideaId, memberId, ct);
        return tally with { Allowance = rules.For(tenant, challenge.Slug).Voting.Allowance(After(mine, ideaId, 0)) };
    }

    /// <summary>What the member's allowance is, for showing beside the ideas.</summary>
    public async Task<string?> AllowanceAsync(TenantDefinition tenant, Challenges.Challenge challenge, long memberId, CancellationToken ct = default) =>
        rules.For(tenant, challenge.Slug).Voting.Allowance(new MemberVotes(await votes.MyVotesInChallengeAsync(tenant.Id, memberId, challenge.Id, ct)));

    /// <summary>The allowance from the member's votes in the challenge, when the caller has read them already.</summary>
    public string? Allowance(TenantDefinition tenant, Challenges.Challenge challenge, IReadOnlyDictionary<long, int> votesInChallenge) =>
        rules.For(tenant, challenge.Slug).Voting.Allowance(new MemberVotes(votesInChallenge));

    // A rule that never looks at the member's other votes (plain thumbs) spares every vote this read.
    private async Task<MemberVotes> MineAsync(TenantDefinition tenant, IVotingRule rule, long memberId, long challengeId, CancellationToken ct) =>
        rule.UsesMemberVotes ? new MemberVotes(await votes.MyVotesInChallengeAsync(tenant.Id, memberId, challengeId, ct)) : MemberVotes.None;

    private static MemberVotes After(MemberVotes before, long ideaId, int value)
    {
        var after = before.ByIdea.ToDictionary();
        if (value == 0) after.Remove(ideaId); else after[ideaId] = value;
        return new MemberVotes(after);
    }
}
