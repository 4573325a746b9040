using Engine.Core.Challenges;
using Engine.Core.Common;
using Engine.Core.Ideas;
using Engine.Core.Moderation;
using Engine.Core.Rules;
using Engine.Core.Tenancy;
using Engine.Core.Votes;
using Engine.Sdk;
using Microsoft.Extensions.Time.Testing;

namespace Engine.Core.Tests.Votes;

/// <summary>The vote path reads the member's other votes only for a rule that looks at them.</summary>
public class CastVoteTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly TenantDefinition Tenant = new() { Id = "alpha", Name = "Alpha", Features = new TenantFeatures { DownVotes = true } };
    private static readonly Challenge Open = new("alpha", 1, "waiting-well", "Waiting well", "How?", Now.AddDays(-1), Now.AddDays(30), ChallengeState.Open, 0, 2);
    private readonly Votes _votes = new();
    private readonly DataVersions _versions = new();
    private readonly FakeTimeProvider _clock = new(Now);
    private readonly Ideas _ideas = new(new Idea(7, 1, "waiting-well", "Text reminders", "b", null, false, IdeaStatus.Submitted, 0, 0, 0, Now.AddHours(-1)),
        new Idea(8, 1, "waiting-well", "Online check-in", "b", null, false, IdeaStatus.Submitted, 0, 0, 0, Now.AddHours(-1)));

    private CastVote With(IVotingRule rule, Challenge? challenge = null) => With(rule, new Challenges(challenge ?? Open));

    private CastVote With(IVotingRule rule, Challenges challenges) =>
        new(ReadsIdeas(challenges, new Core.Caching.EngineCache(_versions, _clock)), _votes, new Rules(rule), _clock);

    private OpenIdea ReadsIdeas(Challenges challenges, Core.Caching.EngineCache cache) =>
        new(challenges, _ideas, cache, new Core.Challenges.OpenChallenge(challenges, cache, Core.Challenges.NobodyAsking.Instance, _clock), _clock);

    [Fact]
    public async Task Votes_read_the_idea_and_its_challenge_once_until_a_write_other_than_a_vote_is_committed()
    {
        var vote = With(BuiltInVoting.Instance);
        for (var i = 0; i < 3; i++)
        {
            (await vote.CastAsync(Tenant, 7, 42 + i, 1)).Succeeded.Should().BeTrue();
            _versions.Changed("alpha", WriteScope.Votes);
        }
        _ideas.Reads.Should().Be(1, "votes cannot change where an idea sits, or whether it was merged or hidden");
        _versions.Changed("alpha");
        (await vote.CastAsync(Tenant, 7, 50, 1)).Succeeded.Should().BeTrue();
        _ideas.Reads.Should().Be(2, "a moderator hiding it or an admin merging it is such a write");
    }

    [Fact]
    public async Task Votes_on_many_ideas_of_a_challenge_read_the_challenge_once_until_a_write_other_than_a_vote_is_committed()
    {
        // Reading a challenge counts its published ideas (55,598 in the national set's biggest): on PostgreSQL that count, made
        // again for every idea a node had not yet voted on, was most of the server's work per vote (bench/analysis.md, §6).
        var challenges = new Challenges(Open);
        var vote = With(BuiltInVoting.Instance, challenges);
        (await vote.CastAsync(Tenant, 7, 42, 1)).Succeeded.Should().BeTrue();
        _versions.Changed("alpha", WriteScope.Votes);
        (await vote.CastAsync(Tenant, 8, 42, 1)).Succeeded.Should().BeTrue();
        _ideas.Reads.Should().Be(2, "each idea is read once");
        challenges.Reads.Should().Be(1, "no vote changes a challenge, so both ideas' votes share one copy of it");
        _versions.Changed("alpha");
        (await vote.CastAsync(Tenant, 8, 43, 1)).Succeeded.Should().BeTrue();
        challenges.Reads.Should().Be(2, "a new idea or an admin's edit of the challenge is such a write");
    }

    [Fact]
    public async Task A_challenge_closing_refuses_the_next_vote_even_while_its_copy_is_kept()
    {
        var closingSoon = Open with { ClosesAt = Now.AddSeconds(2) };
        var vote = With(BuiltInVoting.Instance, closingSoon);
        (await vote.CastAsync(Tenant, 7, 42, 1)).Succeeded.Should().BeTrue();
        _clock.Advance(TimeSpan.FromSeconds(3));
        var late = await vote.CastAsync(Tenant, 7, 43, 1);
        late.Error!.Kind.Should().Be(ErrorKind.Forbidden);
        _ideas.Reads.Should().Be(1);
        _votes.Cast.Should().Be(1);
    }

    [Fact]
    public async Task A_thumbs_vote_does_not_read_the_members_other_votes()
    {
        var outcome = await With(BuiltInVoting.Instance).CastAsync(Tenant, 7, 42, 1);
        outcome.Succeeded.Should().BeTrue();
        _votes.HistoryReads.Should().Be(0);
        _votes.Cast.Should().Be(1);
    }

    [Fact]
    public async Task A_rule_that_looks_at_the_members_votes_gets_them_and_can_refuse()
    {
        _votes.Mine[5] = 1;
        var oneVoteEach = new OneVote();
        var outcome = await With(oneVoteEach).CastAsync(Tenant, 7, 42, 1);
        _votes.HistoryReads.Should().Be(1);
        outcome.Succeeded.Should().BeFalse();
        outcome.Error!.Message.Should().Be("You have used your vote.");
        _votes.Cast.Should().Be(0, "a refused vote is not stored");
    }

    [Fact]
    public async Task A_vote_decided_on_votes_that_changed_before_it_was_written_is_decided_again_on_the_new_ones()
    {
        // The member's other vote is written after this one's read and before its write, as when both are sent at once.
        _votes.BeforeWrite = () => _votes.Mine[5] = 1;
        var outcome = await With(new OneVote()).CastAsync(Tenant, 7, 42, 1);
        outcome.Succeeded.Should().BeFalse();
        outcome.Error!.Message.Should().Be("You have used your vote.", "the second decision sees the vote written meanwhile");
        _votes.HistoryReads.Should().Be(2);
        _votes.Cast.Should().Be(0, "the vote decided on the old votes was not written");
    }

    [Fact]
    public async Task A_vote_decided_on_votes_still_unchanged_is_written_with_the_allowance_after_it()
    {
        var outcome = await With(new OneVote()).CastAsync(Tenant, 7, 42, 1);
        outcome.Succeeded.Should().BeTrue();
        _votes.Cast.Should().Be(1);
        _votes.Mine.Should().Equal(new Dictionary<long, int> { [7] = 1 });
    }

    /// <summary>A rule that keeps the default UsesMemberVotes (true) and allows one vote per challenge.</summary>
    private sealed class OneVote : IVotingRule
    {
        public VoteDecision Decide(VoteRequest request) =>
            request.Member.ByIdea.Keys.Any(id => id != request.IdeaId) ? VoteDecision.Refused("You have used your vote.") : VoteDecision.Accepted;
        public double TopScore(IdeaTally idea) => idea.Up;
        public double TrendingScore(IdeaTally idea, DateTimeOffset now) => idea.Up;
    }

    private sealed class Rules(IVotingRule voting) : IRuleResolver
    {
        public RuleSet For(TenantDefinition tenant, string? challengeSlug) =>
            new(Features.For(tenant, challengeSlug), voting, [], BuiltInAnonymity.Instance);
    }

    private sealed class Votes : IVoteStore
    {
        public Dictionary<long, int> Mine { get; } = [];
        public int HistoryReads { get; private set; }
        public int Cast { get; private set; }
        /// <summary>Runs once, as the writer comes to the next vote: another write that got there first.</summary>
        public Action? BeforeWrite { get; set; }
        public Task<VoteTally> CastAsync(string tenantId, long ideaId, long memberId, int value, DateTimeOffset now, CancellationToken ct = default)
        {
            Cast++;
            return Task.FromResult(new VoteTally(value > 0 ? 1 : 0, value < 0 ? 1 : 0, value));
        }
        public Task<VoteTally?> CastIfUnchangedAsync(string tenantId, long ideaId, long memberId, long challengeId, int value, DateTimeOffset now,
            IReadOnlyDictionary<long, int> decidedOn, CancellationToken ct = default)
        {
            BeforeWrite?.Invoke();
            BeforeWrite = null;
            if (!Mine.OrderBy(v => v.Key).SequenceEqual(decidedOn.OrderBy(v => v.Key))) return Task.FromResult<VoteTally?>(null);
            Cast++;
            Mine[ideaId] = value;
            return Task.FromResult<VoteTally?>(new VoteTally(value > 0 ? 1 : 0, value < 0 ? 1 : 0, value));
        }
        public Task<VoteTally> RemoveAsync(string tenantId, long ideaId, long memberId, CancellationToken ct = default) => Task.FromResult(new VoteTally(0, 0, 0));
        public Task<IReadOnlyDictionary<long, int>> MyVotesAsync(string tenantId, long memberId, IReadOnlyCollection<long> ideaIds, CancellationToken ct = default) =>
            throw new InvalidOperationException("not on the vote path");
        public Task<IReadOnlyDictionary<long, int>> MyVotesInChallengeAsync(string tenantId, long memberId, long challengeId, CancellationToken ct = default)
        {
            HistoryReads++;
            return Task.FromResult<IReadOnlyDictionary<long, int>>(new Dictionary<long, int>(Mine));
        }
    }

    private sealed class Challenges(Challenge challenge) : IChallengeStore
    {
        public int Reads { get; private set; }
        public Task<Challenge?> FindByIdAsync(string tenantId, long id, CancellationToken ct = default)
        {
            Reads++;
            return Task.FromResult<Challenge?>(id == challenge.Id ? challenge : null);
        }
        public Task<Challenge?> FindBySlugAsync(string tenantId, string slug, CancellationToken ct = default) => Task.FromResult<Challenge?>(slug == challenge.Slug ? challenge : null);
        public Task<IReadOnlyList<Challenge>> ListAsync(string tenantId, CancellationToken ct = default) => Task.FromResult<IReadOnlyList<Challenge>>([challenge]);
        public Task SyncAsync(string tenantId, IReadOnlyList<ChallengeDefinition> challenges, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<bool> SaveAsync(string tenantId, ChallengeDefinition challenge, bool create, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<bool> ReorderAsync(string tenantId, IReadOnlyList<string> slugs, CancellationToken ct = default) => throw new NotSupportedException();
    }

    private sealed class Ideas(params Idea[] ideas) : IIdeaStore
    {
        public int Reads { get; private set; }
        public Task<Idea?> FindAsync(string tenantId, long id, CancellationToken ct = default)
        {
            Reads++;
            return Task.FromResult(ideas.FirstOrDefault(i => i.Id == id));
        }
        public Task<long> AddAsync(string tenantId, long challengeId, Admission admission, NewIdea newIdea, DateTimeOffset now, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<Idea>> FindManyAsync(string tenantId, IReadOnlyList<long> ids, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<IdeaTally>> TalliesAsync(string tenantId, long challengeId, CancellationToken ct = default) => throw new NotSupportedException();
    }
}
