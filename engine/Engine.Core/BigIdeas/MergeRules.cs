using Engine.Core.Common;
using Engine.Core.Ideas;

namespace Engine.Core.BigIdeas;

/// <summary>
/// How merging a duplicate idea into the idea that is kept counts votes, so that every member counts once.
/// <list type="bullet">
/// <item>A member who voted only on the duplicate: their vote is carried onto the kept idea, as it was.</item>
/// <item>A member who voted on both: their vote on the kept idea stands and the duplicate's is not counted,
/// even when the two differ (up on one, down on the other; 3 points and 2 points). Their vote on the kept idea
/// is the one they see and can change on the page that stays, so it is the one that counts.</item>
/// </list>
/// This is correct under every shipped voting rule: each counted value is one the rule accepted on this
/// challenge, and a member's counted votes after a merge are a subset of theirs before (one fewer idea), so
/// budget and points rules see the same or less spent, never more. Votes on a merged idea stop counting towards
/// the member's allowance (they get that vote or those points back while the challenge is open). Undoing the
/// merge brings them back, which can leave a member over their budget; the rules then refuse new votes until
/// they take one back, exactly as if they had voted that way.
/// </summary>
public static class MergeRules
{
    /// <summary>The votes (member to value) to copy onto the kept idea: those of members who had not voted on it.</summary>
    public static IReadOnlyDictionary<long, int> Carried(IReadOnlyDictionary<long, int> kept, IReadOnlyDictionary<long, int> merged) =>
        merged.Where(v => !kept.ContainsKey(v.Key)).ToDictionary(v => v.Key, v => v.Value);

    /// <summary>What counts on the kept idea after the merge: one vote per member.</summary>
    public static IReadOnlyDictionary<long, int> Combined(IReadOnlyDictionary<long, int> kept, IReadOnlyDictionary<long, int> merged)
    {
        var all = kept.ToDictionary();
        foreach (var (member, value) in Carried(kept, merged)) all[member] = value;
        return all;
    }

    /// <summary>A member's votes in a challenge as the voting rule should see them after merging an idea: the merged idea's vote is folded into the kept one.</summary>
    public static IReadOnlyDictionary<long, int> AfterMerge(IReadOnlyDictionary<long, int> memberVotes, long keptId, long mergedId)
    {
        var after = memberVotes.ToDictionary();
        if (after.Remove(mergedId, out var value) && !after.ContainsKey(keptId)) after[keptId] = value;
        return after;
    }

    /// <summary>Counters as the store keeps them: up sums positive values, down the size of negative ones, voters counts members.</summary>
    public static (int Up, int Down, int Voters) Count(IReadOnlyDictionary<long, int> votes) =>
        (votes.Values.Where(v => v > 0).Sum(), votes.Values.Where(v => v < 0).Sum(v => -v), votes.Count(v => v.Value != 0));

    /// <summary>Whether <paramref name="merged"/> may be merged into <paramref name="kept"/>: same challenge, two different ideas, no chains.</summary>
    public static Error? Check(Idea kept, Idea merged, bool mergedHasDuplicates)
    {
        if (kept.Id == merged.Id) return Error.Invalid("mergedId", "Choose two different ideas: an idea cannot be merged into itself.").Keyed("admin.theming.merge-itself");
        if (kept.ChallengeId != merged.ChallengeId)
            return Error.Invalid("mergedId", "Only ideas in the same challenge can be merged.").Keyed("admin.theming.merge-other-challenge");
        if (merged.MergedInto is { } already)
            return new Error(ErrorKind.Conflict, $"Idea {merged.Id} is already merged into idea {already}: undo that merge first.", "mergedId")
                .Keyed("admin.theming.merge-already", merged.Id, already);
        if (kept.MergedInto is { } target)
            return Error.Invalid("keptId", $"Idea {kept.Id} is itself merged into idea {target}: merge into idea {target} instead.")
                .Keyed("admin.theming.merge-kept-merged", kept.Id, target);
        if (mergedHasDuplicates)
            return Error.Invalid("mergedId", $"Other ideas are merged into idea {merged.Id}: undo those merges, or merge them into idea {kept.Id} directly.")
                .Keyed("admin.theming.merge-has-duplicates", merged.Id, kept.Id);
        return null;
    }
}
