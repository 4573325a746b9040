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
        var rule = ruleSet.Voting;
        if (!rule.UsesMemberVotes)
        {
            // The decision rests on the vote alone, which no other request can change: nothing to read, nothing to check.
            if (rule.Decide(new VoteRequest(ideaId, value, ruleSet.Features.DownVotes, MemberVotes.None)) is VoteDecision.Refuse refuse)
                return Error.Invalid("value", refuse.Reason) with { Text = refuse.Text };
            var tally = await votes.CastAsync(tenant.Id, ideaId, memberId, value, clock.GetUtcNow(), ct);
            return tally with { Allowance = rule.AllowanceText(After(MemberVotes.None, ideaId, value)) };
        }
        // A rule that reads the member's votes (a budget, points) decides on what was read here, outside the write; the
        // member's other votes, sent at the same moment, may be written before this one. So the vote is written only if
        // their votes are still the ones the rule decided on (the store checks that inside the writer's transaction: on
        // SQLite the one writer makes the read and the write one step, on PostgreSQL an advisory lock every node honours
        // does); if not, the rule decides again on the votes as they are now.
        // The rule itself never runs inside the writer, so its guard (GuardedVotingRule's time budget) stays where it
        // was, on this request: in the writer, a slow rule, even within its 1 s budget, would stall every tenant's votes
        // queued behind it, and the guard's thread per call would cost every vote in the group. The writer only compares
        // data. Each attempt that finds the votes changed means another of the member's votes was written meanwhile, so
        // a burst of votes settles in about as many attempts as it has votes accepted.
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var mine = new MemberVotes(await votes.MyVotesInChallengeAsync(tenant.Id, memberId, challenge.Id, ct));
            if (rule.Decide(new VoteRequest(ideaId, value, ruleSet.Features.DownVotes, mine)) is VoteDecision.Refuse refuse)
                return Error.Invalid("value", refuse.Reason) with { Text = refuse.Text };
            if (await votes.CastIfUnchangedAsync(tenant.Id, ideaId, memberId, challenge.Id, value, clock.GetUtcNow(), mine.ByIdea, ct) is { } tally)
                return tally with { Allowance = rule.AllowanceText(After(mine, ideaId, value)) };
        }
        return KeptChanging;
    }

    /// <summary>Far more than a member's own burst of votes needs (one attempt per vote written before theirs); a bound, not a wait.</summary>
    private const int MaxAttempts = 64;

    /// <summary>The refusal when the member's votes changed under every attempt (other requests of theirs, or other nodes).</summary>
    public static readonly Error KeptChanging = Error.Invalid("value",
        "Your votes in this challenge kept changing while this one was being counted, so it was not counted. Please try again.").Keyed("error.vote-kept-changing");

    public async Task<Outcome<VoteTally>> RemoveAsync(TenantDefinition tenant, long ideaId, long memberId, CancellationToken ct = default)
    {
        var found = await openIdea.FindVotableAsync(tenant.Id, ideaId, ct);
        if (!found.Succeeded) return found.Error!;
        var challenge = found.Value!;
        var mine = await MineAsync(tenant, rules.For(tenant, challenge.Slug).Voting, memberId, challenge.Id, ct);
        var tally = await votes.RemoveAsync(tenant.Id, ideaId, memberId, ct);
        return tally with { Allowance = rules.For(tenant, challenge.Slug).Voting.AllowanceText(After(mine, ideaId, 0)) };
    }

    /// <summary>What the member's allowance is, for showing beside the ideas (worded by the page, in the member's language).</summary>
    public async Task<PluginText?> AllowanceAsync(TenantDefinition tenant, Challenges.Challenge challenge, long memberId, CancellationToken ct = default) =>
        rules.For(tenant, challenge.Slug).Voting.AllowanceText(new MemberVotes(await votes.MyVotesInChallengeAsync(tenant.Id, memberId, challenge.Id, ct)));

    /// <summary>The allowance from the member's votes in the challenge, when the caller has read them already.</summary>
    public PluginText? Allowance(TenantDefinition tenant, Challenges.Challenge challenge, IReadOnlyDictionary<long, int> votesInChallenge) =>
        rules.For(tenant, challenge.Slug).Voting.AllowanceText(new MemberVotes(votesInChallenge));

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
