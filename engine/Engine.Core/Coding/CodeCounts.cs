namespace Engine.Core.Coding;

/// <summary>How many contributions posted in one week (from Monday, in the site's time zone) were given each code.</summary>
/// <param name="Counts">One count per code of the frame, in the frame's order.</param>
public sealed record CodeWeek(DateOnly WeekOf, IReadOnlyList<int> Counts);

public static class CodeCounts
{
    /// <summary>
    /// Code counts over time: each week from the first coded contribution's to the last's (weeks with none included, so a
    /// chart's gaps are real), counting a contribution once per code however many analysts gave it. Codes no longer in
    /// the frame are left out.
    /// </summary>
    public static IReadOnlyList<CodeWeek> PerWeek(IReadOnlyList<CodeUse> uses, IReadOnlyList<Code> codes, TimeZoneInfo zone)
    {
        var column = codes.Select((c, n) => (c.Id, n)).ToDictionary(p => p.Id, p => p.n);
        var counted = uses.Where(u => column.ContainsKey(u.Code)).ToList();
        if (counted.Count == 0) return [];
        var weeks = counted.GroupBy(u => WeekOf(u.PostedAt, zone)).ToDictionary(g => g.Key, g => g.ToList());
        var result = new List<CodeWeek>();
        for (var week = weeks.Keys.Min(); week <= weeks.Keys.Max(); week = week.AddDays(7))
        {
            var counts = new int[codes.Count];
            foreach (var use in weeks.GetValueOrDefault(week) ?? []) counts[column[use.Code]]++;
            result.Add(new CodeWeek(week, counts));
        }
        return result;
    }

    /// <summary>The Monday the week of <paramref name="at"/> starts on, in the site's time zone.</summary>
    public static DateOnly WeekOf(DateTimeOffset at, TimeZoneInfo zone)
    {
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);
        return day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
    }
}
