using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Engine.Bench;

/// <summary>One of issue 22's targets: what it asks, what was measured (on both data sets where it says so), whether it holds, and where to read more.</summary>
/// <param name="Holds">Null when it was not measured (its mode's file is missing, or the bench does not measure it).</param>
/// <param name="Section">The heading in results.md the row links to.</param>
public sealed record TargetResult(string Id, string What, string Goal, string Measured, bool? Holds, string Section);

/// <summary>
/// Issue 22's targets ("National scale on one node"), read from one run: the main run's figures (the small set), and the files
/// the Bench target's other passes wrote into the same folder beforehand: national.json, search.json, numbers.json,
/// exports.json, tenants.json and soak.json. A missing file is a target not measured, never a pass.
/// </summary>
public static class Issue22
{
    public static IReadOnlyList<TargetResult> Evaluate(BenchResults small, string folder)
    {
        var national = Read(folder, "national.json");
        var nationalFigures = national is { } n && n.TryGetProperty("figures", out var f)
            ? f.Deserialize<List<Figure>>() ?? [] : [];
        var smallFigures = Report.Figures(small);
        var list = new List<TargetResult>
        {
            BothSets("member-page", "Signed-in member's challenge page", "≥ 0.5 × baseline, p99 < 10 ms", 2, smallFigures, nationalFigures),
            BothSets("visitor-page", "Visitor's challenge page", "≥ 0.9 × baseline, p99 < 10 ms", 1, smallFigures, nationalFigures),
            BothSets("idea-page", $"Idea page with {DataSet.IdeaComments} comments, visitor", "p99 < 10 ms", 9, smallFigures, nationalFigures),
        };
        list.AddRange(Search(Read(folder, "search.json"), Heading(folder, "search.md")));
        list.AddRange(Numbers(Read(folder, "numbers.json"), Heading(folder, "numbers.md")));
        list.AddRange(Exports(Read(folder, "exports.json"), Heading(folder, "exports.md")));
        list.Add(NationalStartUp(national, Heading(folder, "national.md")));
        list.Add(Tenants(Read(folder, "tenants.json"), Heading(folder, "tenants.md")));
        list.Add(Soak(Read(folder, "soak.json"), Heading(folder, "soak.md")));
        list.Add(TwoNodes(small.PostgresVotes?.TwoNodes, national));
        list.Add(Generation(national, Heading(folder, "national.md")));
        return list;
    }

    /// <summary>The one table results.md starts with: each target, its measure, whether it holds, and a link to its section.</summary>
    public static void Table(StringBuilder md, IReadOnlyList<TargetResult> targets)
    {
        md.AppendLine("## Issue 22 targets");
        md.AppendLine();
        md.AppendLine("| Target | Asks | Measured | Holds |");
        md.AppendLine("|---|---|---|---|");
        foreach (var t in targets)
            md.AppendLine($"| [{t.What}](#{Anchor(t.Section)}) | {t.Goal} | {t.Measured} | {HoldsText(t.Holds)} |");
    }

    public static string HoldsText(bool? holds) => holds is null ? "not measured" : holds.Value ? "yes" : "**no**";

    /// <summary>The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens.</summary>
    public static string Anchor(string heading)
    {
        var text = heading.TrimStart('#').Trim().ToLowerInvariant();
        var anchor = new StringBuilder();
        foreach (var c in text)
            if (char.IsLetterOrDigit(c) || c is '-' or '_') anchor.Append(c);
            else if (c == ' ') anchor.Append('-');
        return anchor.ToString();
    }

    private const string FiguresSection = "Figures";

    private static TargetResult BothSets(string id, string what, string goal, int number, IReadOnlyList<Figure> small, IReadOnlyList<Figure> national)
    {
        static (string, bool?) Measure(Figure? f) => f is null ? ("not measured", null) : (f.Measured.Split(';')[0], f.Holds);
        var (smallText, smallHolds) = Measure(small.FirstOrDefault(f => f.Number == number));
        var (nationalText, nationalHolds) = Measure(national.FirstOrDefault(f => f.Number == number));
        // A set that fails is a fail even when the other was not measured; both must be measured for a pass.
        bool? holds = smallHolds is false || nationalHolds is false ? false : smallHolds is null || nationalHolds is null ? null : true;
        return new(id, what, goal, $"small set: {smallText} (figure {number}); national set: {nationalText}", holds, FiguresSection);
    }

    /// <summary>Figure 8's votes/s ratio alone (its deadlocks and p99 are figure 8's own targets), on both sets.</summary>
    private static TargetResult TwoNodes(TwoNodesStorm? small, JsonElement? national)
    {
        static (string, bool?) Ratio(double? twoNodes, double? oneNode) => twoNodes is { } two && oneNode is { } one && one > 0
            ? ($"{two / one:F2} × ({two:N0} vs {one:N0} votes/s)", two / one >= 1.5) : ("not measured", null);
        var (smallText, smallHolds) = Ratio(small?.VotesPerSecond, small?.OneNode.RequestsPerSecond);
        var storm = national is { } n && n.TryGetProperty("PostgresVotes", out var pg) && pg.ValueKind == JsonValueKind.Object
            && pg.TryGetProperty("TwoNodes", out var t) && t.ValueKind == JsonValueKind.Object ? t : (JsonElement?)null;
        var (nationalText, nationalHolds) = Ratio(storm?.GetProperty("VotesPerSecond").GetDouble(), storm?.GetProperty("OneNode").GetProperty("RequestsPerSecond").GetDouble());
        bool? holds = smallHolds is false || nationalHolds is false ? false : smallHolds is null || nationalHolds is null ? null : true;
        return new("two-nodes", "Two engine nodes on one PostgreSQL", "≥ 1.5 × one node's votes/s at the same connections",
            $"small set: {smallText}; national set: {nationalText} (figure 8)", holds, FiguresSection);
    }

    private static IEnumerable<TargetResult> Search(JsonElement? json, string section)
    {
        var runs = json?.GetProperty("Runs").EnumerateArray().ToList() ?? [];
        foreach (var (id, name, goal) in new[] { ("search", "Search over 200,000 ideas", "p99 < 50 ms"), ("similar-ideas", "Similar ideas while typing", "p99 < 30 ms") })
        {
            var run = runs.FirstOrDefault(r => r.GetProperty("Id").GetString() == id);
            yield return run.ValueKind == JsonValueKind.Undefined
                ? new(id, name, goal, "not measured", null, section)
                : new(id, name, goal, $"p99 {run.GetProperty("P99Ms").GetDouble():F1} ms over {json!.Value.GetProperty("Contributions").GetInt32():N0} contributions",
                    run.GetProperty("Holds").GetBoolean(), section);
        }
    }

    private static IEnumerable<TargetResult> Numbers(JsonElement? json, string section)
    {
        const string what = "Numbers recounted at national scale";
        if (json is not { } j)
            yield return new("numbers", what, "< 500 ms (headline and per challenge)", "not measured", null, section);
        else
        {
            var counts = j.GetProperty("Counts").EnumerateArray().ToList();
            var worst = counts.Max(c => c.GetProperty("WorstMs").GetDouble());
            yield return new("numbers", what, "< 500 ms (headline and per challenge)",
                string.Join("; ", counts.Select(c => $"{c.GetProperty("What").GetString()} {c.GetProperty("BestMs").GetDouble():F0}-{c.GetProperty("WorstMs").GetDouble():F0} ms")) +
                $" at scale {j.GetProperty("Scale").GetDouble().ToString(CultureInfo.InvariantCulture)}", worst < 500, section);
        }
        // The engine's freshness rule is not exercised by the bench: said so, never counted as a pass.
        yield return new("numbers-stale", "Numbers never more than 2 s stale", "≤ 2 s", "not measured by the bench", null, section);
    }

    private static IEnumerable<TargetResult> Exports(JsonElement? json, string section)
    {
        if (json is not { } j)
        {
            yield return new("exports-memory", "Exports of the national tenant stream", "≤ 256 MB above idle", "not measured", null, section);
            yield return new("exports-figure-5", "Figure 5 while an export runs", "pages p99 < 100 ms at ~500 votes/s, 0 busy", "not measured", null, section);
            yield break;
        }
        var downloads = j.GetProperty("Downloads").EnumerateArray().ToList();
        var alone = downloads.Count == 0 ? 0 : downloads.Max(d => d.GetProperty("PeakResidentAboveIdleMb").GetDouble());
        var during = j.GetProperty("DuringPeakResidentAboveIdleMb").GetDouble();
        var scale = j.GetProperty("Scale").GetDouble().ToString(CultureInfo.InvariantCulture);
        yield return new("exports-memory", "Exports of the national tenant stream", "≤ 256 MB above idle",
            $"+{alone:F0} MB alone, +{during:F0} MB during figure 5 (scale {scale})",
            alone <= ExportsResult.MemoryTargetMb && during <= ExportsResult.MemoryTargetMb && downloads.All(d => d.GetProperty("Status").GetInt32() == 200), section);
        var mixed = j.GetProperty("During");
        var pages = mixed.GetProperty("Pages");
        var votes = mixed.GetProperty("Votes");
        var busy = mixed.GetProperty("Busy").GetInt64();
        yield return new("exports-figure-5", "Figure 5 while an export runs", "pages p99 < 100 ms at ~500 votes/s, 0 busy",
            $"pages p99 {pages.GetProperty("P99Ms").GetDouble():F1} ms at {votes.GetProperty("RequestsPerSecond").GetDouble():F0} votes/s, busy {busy}",
            pages.GetProperty("P99Ms").GetDouble() < 100 && busy == 0 && votes.GetProperty("RequestsPerSecond").GetDouble() >= 450, section);
    }

    private static TargetResult NationalStartUp(JsonElement? national, string section)
    {
        const string what = "Start-up with the national set", goal = "< 10 s, < 1 GB resident";
        if (national is not { } n || n.GetProperty("ManyTenants").ValueKind != JsonValueKind.Object) return new("national-start-up", what, goal, "not measured", null, section);
        var t = n.GetProperty("ManyTenants");
        var (start, resident) = (t.GetProperty("StartUpSeconds").GetDouble(), t.GetProperty("ResidentMb").GetDouble());
        return new("national-start-up", what, goal, $"start {start:F1} s, resident {resident:F0} MB (figure 7)",
            start < 10 && resident < 1024, section);
    }

    private static TargetResult Tenants(JsonElement? json, string section)
    {
        const string what = "2,000 small tenants in one process", goal = "< 1 GB resident";
        if (json is not { } j) return new("tenants", what, goal, "not measured", null, section);
        var (count, resident) = (j.GetProperty("Tenants").GetInt32(), j.GetProperty("ResidentMb").GetDouble());
        // Fewer tenants than asked under 1 GB says nothing of 2,000: not a pass (over 1 GB with fewer is a fail).
        return new("tenants", what, goal, $"{count:N0} tenants: resident {resident:F0} MB, start {j.GetProperty("StartUpSeconds").GetDouble():F1} s" +
            (count < 2000 ? " (fewer than the 2,000 asked)" : ""), count >= 2000 && resident < 1024 ? true : resident >= 1024 ? false : null, section);
    }

    private static TargetResult Soak(JsonElement? json, string section)
    {
        const string what = "Launch-day soak (10 minutes)", goal = "0 errors, pages p99 < 50 ms, memory growth < 10 %";
        if (json is not { } j) return new("soak", what, goal, "not measured", null, section);
        var kinds = j.GetProperty("Kinds").EnumerateArray().ToList();
        var errors = kinds.Sum(k => k.GetProperty("Errors").GetInt64());
        var notSent = kinds.Sum(k => k.GetProperty("NotSent").GetInt64());
        var pagesP99 = kinds.First(k => k.GetProperty("Name").GetString() == "pages").GetProperty("P99Ms").GetDouble();
        var (growth, minutes) = (j.GetProperty("GrowthPercent").GetDouble(), j.GetProperty("Minutes").GetDouble());
        var holds = errors == 0 && notSent == 0 && pagesP99 < SoakResult.PagesP99TargetMs && growth < SoakResult.GrowthTargetPercent;
        return new("soak", what, goal, $"{minutes:0.#} minutes: {errors} errors, {notSent} not sent, pages p99 {pagesP99:F1} ms, memory {growth:+0.0;-0.0} %",
            // A shorter soak than asked can fail the target, never pass it.
            holds && minutes < 10 ? null : holds, section);
    }

    private static TargetResult Generation(JsonElement? national, string section)
    {
        const string what = "The national set generated", goal = "< 5 minutes";
        if (national is not { } n || n.GetProperty("Generation") is not { ValueKind: JsonValueKind.Object } g) return new("generation", what, goal, "not measured", null, section);
        var seconds = g.GetProperty("Seconds").GetDouble();
        var full = g.GetProperty("National") is { ValueKind: JsonValueKind.Object } size && size.GetProperty("Ideas").GetInt32() >= 200_000;
        return new("generation", what, goal, $"{seconds:F0} s{(full ? "" : " (a smaller copy)")}", full ? seconds < 300 : seconds < 300 ? null : false, section);
    }

    private static JsonElement? Read(string folder, string name)
    {
        var path = Path.Combine(folder, name);
        return File.Exists(path) ? JsonDocument.Parse(File.ReadAllText(path)).RootElement : null;
    }

    /// <summary>The first heading of a mode's Markdown, which results.md takes in whole: the table links to it.</summary>
    private static string Heading(string folder, string name)
    {
        var path = Path.Combine(folder, name);
        var first = File.Exists(path) ? File.ReadLines(path).FirstOrDefault(l => l.StartsWith('#')) : null;
        return first ?? "Issue 22 targets";
    }
}
