using Engine.Core.BigIdeas;
using Engine.Core.Common;
using Engine.Core.Ideas;
using Engine.Core.Rules;
using Engine.Plugins.Budget;
using Engine.Plugins.Points;
using Engine.Plugins.Thumbs;
using Engine.Sdk;

namespace Engine.Core.Tests.BigIdeas;

public class MergeRulesTests
{
    private static Dictionary<long, int> Votes(params (long Member, int Value)[] votes) => votes.ToDictionary(v => v.Member, v => v.Value);

    [Fact]
    public void A_member_who_voted_on_both_counts_once_with_their_vote_on_the_kept_idea()
    {
        var combined = MergeRules.Combined(kept: Votes((1, 1), (2, 1)), merged: Votes((1, 1), (2, -1), (3, 1)));
        combined.Should().BeEquivalentTo(Votes((1, 1), (2, 1), (3, 1)));
        MergeRules.Count(combined).Should().Be((3, 0, 3));
    }

    [Fact]
    public void Only_members_with_no_vote_on_the_kept_idea_have_their_vote_carried()
    {
        MergeRules.Carried(kept: Votes((1, 3)), merged: Votes((1, 5), (2, 2))).Should().BeEquivalentTo(Votes((2, 2)));
        MergeRules.Carried(kept: Votes(), merged: Votes()).Should().BeEmpty();
    }

    [Fact]
    public void Points_on_both_ideas_count_as_the_points_on_the_kept_idea_not_their_sum()
    {
        var combined = MergeRules.Combined(kept: Votes((1, 2)), merged: Votes((1, 3)));
        MergeRules.Count(combined).Should().Be((2, 0, 1));
    }

    [Fact]
    public void A_members_allowance_folds_the_merged_ideas_vote_into_the_kept_one()
    {
        MergeRules.AfterMerge(new Dictionary<long, int> { [10] = 1, [11] = 1, [12] = 1 }, keptId: 10, mergedId: 11)
            .Should().BeEquivalentTo(new Dictionary<long, int> { [10] = 1, [12] = 1 });
        MergeRules.AfterMerge(new Dictionary<long, int> { [11] = 4, [12] = 1 }, keptId: 10, mergedId: 11)
            .Should().BeEquivalentTo(new Dictionary<long, int> { [10] = 4, [12] = 1 });
    }

    public static readonly TheoryData<string> ShippedRules = new() { "built-in", "thumbs", "budget", "points" };

    private static IVotingRule Rule(string name) => name switch
    {
        "thumbs" => new ThumbsRule(),
        "budget" => new BudgetRule(3),
        "points" => new PointsRule(10),
        _ => BuiltInVoting.Instance,
    };

    /// <summary>
    /// Random members vote as the rule allows on six ideas; then every pair is merged. Each member's counted votes
    /// after the merge must be a set of votes the rule would have accepted one by one from nothing (within budget,
    /// within points), and the kept idea must count each member once.
    /// </summary>
    [Theory]
    [MemberData(nameof(ShippedRules))]
    public void After_any_merge_every_members_counted_votes_are_ones_the_rule_would_accept(string name)
    {
        var rule = Rule(name);
        var random = new Random(4);
        long[] ideas = [1, 2, 3, 4, 5, 6];
        var members = Enumerable.Range(1, 40).Select(_ =>
        {
            var mine = new Dictionary<long, int>();
            for (var attempt = 0; attempt < 8; attempt++)
            {
                var idea = ideas[random.Next(ideas.Length)];
                var value = name == "points" ? random.Next(1, 6) : random.Next(2) == 0 ? 1 : -1;
                if (rule.Decide(new VoteRequest(idea, value, true, new MemberVotes(mine))) is VoteDecision.Accept) mine[idea] = value;
            }
            return mine;
        }).ToList();

        foreach (var kept in ideas)
            foreach (var merged in ideas.Where(i => i != kept))
            {
                foreach (var mine in members)
                    Replayable(rule, MergeRules.AfterMerge(mine, kept, merged)).Should().BeTrue($"{name}: merging {merged} into {kept} for {string.Join(",", mine)}");
                var onKept = members.Select((m, i) => (i, m)).Where(x => x.m.ContainsKey(kept)).ToDictionary(x => (long)x.i, x => x.m[kept]);
                var onMerged = members.Select((m, i) => (i, m)).Where(x => x.m.ContainsKey(merged)).ToDictionary(x => (long)x.i, x => x.m[merged]);
                MergeRules.Count(MergeRules.Combined(onKept, onMerged)).Voters.Should().Be(onKept.Keys.Union(onMerged.Keys).Count());
            }
    }

    private static bool Replayable(IVotingRule rule, IReadOnlyDictionary<long, int> votes)
    {
        var so = new Dictionary<long, int>();
        foreach (var (idea, value) in votes)
        {
            if (rule.Decide(new VoteRequest(idea, value, true, new MemberVotes(so))) is not VoteDecision.Accept) return false;
            so[idea] = value;
        }
        return true;
    }

    private static Idea Idea(long id, long challenge = 1, long? mergedInto = null) =>
        new(id, challenge, "c", $"Idea {id}", "Body", null, false, IdeaStatus.Submitted, 0, 0, 0, DateTimeOffset.UnixEpoch, MergedInto: mergedInto);

    [Fact]
    public void Merging_is_refused_for_the_same_idea_another_challenge_and_chains_naming_the_field()
    {
        MergeRules.Check(Idea(1), Idea(1), false)!.Field.Should().Be("mergedId");
        MergeRules.Check(Idea(1), Idea(2, challenge: 2), false)!.Message.Should().Contain("same challenge");
        MergeRules.Check(Idea(1), Idea(2, mergedInto: 3), false)!.Kind.Should().Be(ErrorKind.Conflict);
        MergeRules.Check(Idea(1, mergedInto: 3), Idea(2), false)!.Should().Match<Error>(e => e.Field == "keptId" && e.Message.Contains("idea 3"));
        MergeRules.Check(Idea(1), Idea(2), mergedHasDuplicates: true)!.Message.Should().Contain("undo those merges");
        MergeRules.Check(Idea(1), Idea(2), false).Should().BeNull();
    }
}
