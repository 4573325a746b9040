namespace Engine.Core.Stats;

/// <summary>
/// What the numbers mean, in one place (the public "About the numbers" page says the same in words; keep them together).
/// <list type="bullet">
/// <item>An idea, comment or vote counts while it is public: published, not held for a moderator, not rejected or
/// hidden. A comment counts only while its idea is public too, and a vote only while the idea it is on is public.
/// Content approved later counts from when it was posted.</item>
/// <item>A merged duplicate still counts: someone did post it, and its page stays. Its votes count too, but a vote a
/// merge copied onto the kept idea is not another vote.</item>
/// <item>A vote taken back is gone; a changed vote is one vote.</item>
/// <item>A person is counted once however they took part: posting, commenting or voting, named or anonymously.
/// A fully anonymous contribution keeps only a keyed hash of its author; the engine recomputes that hash for
/// the site's members, in memory and only to count (Anonymity.KeyOwners), so a member who posted fully anonymously
/// and also voted is one person. A key that matches no member who took part otherwise (they only ever posted fully anonymously) is one person.</item>
/// <item>An interaction is one idea, one comment or one vote.</item>
/// </list>
/// Which rows are public is the SQL in Engine.Data's StatsQuery (the "Counted" fragments); who is the same person is here.
/// </summary>
public static class Numbers
{
    /// <summary>
    /// The numbers the public "About the numbers" page of every theme defines, in its order: each says the above in plain
    /// words in the engine's catalogues (<c>definition.&lt;name&gt;</c> and <c>definition.&lt;name&gt;.meaning</c>), in every language.
    /// </summary>
    public static IReadOnlyList<string> Definitions { get; } = ["people", "ideas", "comments", "votes", "offline", "interactions", "days"];

    /// <summary>How many distinct people these participants are.</summary>
    /// <param name="keyFor">The fully anonymous author key of a member (IAuthorKeys.KeyFor for the tenant).</param>
    public static int People(IEnumerable<Participant> participants, Func<long, string> keyFor)
    {
        var identify = Identifier(participants.ToList(), keyFor, out var all);
        return all.Where(p => p.MemberId is not null || p.AuthorKey is not null).Select(identify).Distinct().Count();
    }

    /// <summary>
    /// Day by day in <paramref name="zone"/>, from the first day with a contribution to <paramref name="until"/>'s day
    /// (no days at all when nothing was counted).
    /// </summary>
    public static IReadOnlyList<DayNumbers> Daily(IEnumerable<Contribution> contributions, TimeZoneInfo zone, DateTimeOffset until, Func<long, string> keyFor)
    {
        var list = contributions.OrderBy(c => c.At).ToList();
        if (list.Count == 0) return [];
        var identify = Identifier(list.Select(c => new Participant(c.MemberId, c.AuthorKey)).Distinct().ToList(), keyFor, out _);
        DateOnly DayOf(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

        var byDay = list.GroupBy(c => DayOf(c.At)).ToDictionary(g => g.Key, g => g.ToList());
        var first = DayOf(list[0].At);
        var last = new[] { DayOf(until), byDay.Keys.Max() }.Max();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var days = new List<DayNumbers>();
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            if (!byDay.TryGetValue(day, out var those)) { days.Add(new DayNumbers(day, 0, 0, 0, 0, 0)); continue; }
            var people = those.Where(c => c.MemberId is not null || c.AuthorKey is not null) // imported: nobody's
                .Select(c => identify(new Participant(c.MemberId, c.AuthorKey))).ToHashSet(StringComparer.Ordinal);
            var newPeople = people.Count(seen.Add);
            days.Add(new DayNumbers(day,
                those.Count(c => c.Kind == ContributionKind.Idea),
                those.Count(c => c.Kind == ContributionKind.Comment),
                those.Count(c => c.Kind == ContributionKind.Vote),
                people.Count, newPeople));
        }
        return days;
    }

    /// <summary>
    /// A function naming the person behind a participant: "m{id}" for a member, including the member behind a
    /// fully anonymous key when that member took part in another way; "k{key}" for a key matching nobody else.
    /// </summary>
    private static Func<Participant, string> Identifier(IReadOnlyList<Participant> participants, Func<long, string> keyFor, out IReadOnlyList<Participant> all)
    {
        all = participants;
        var keys = participants.Where(p => p.MemberId is null && p.AuthorKey is not null).Select(p => p.AuthorKey!).ToHashSet(StringComparer.Ordinal);
        var memberOfKey = new Dictionary<string, long>(StringComparer.Ordinal);
        if (keys.Count > 0)
            foreach (var member in participants.Where(p => p.MemberId is not null).Select(p => p.MemberId!.Value).Distinct())
            {
                var key = keyFor(member);
                if (keys.Contains(key)) memberOfKey[key] = member;
            }
        return p => p.MemberId is { } id ? $"m{id}"
            : p.AuthorKey is { } key ? (memberOfKey.TryGetValue(key, out var m) ? $"m{m}" : $"k{key}")
            : "nobody";
    }
}
