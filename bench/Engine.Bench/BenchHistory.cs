using System.Text;
using System.Text.Json;

namespace Engine.Bench;

/// <summary>One target as one run measured it.</summary>
public sealed record HistoryTarget(string Id, string Measured, bool? Holds);

/// <summary>One Bench run's issue 22 targets, with what says how far to trust them: the commit, the time and the machine's load.</summary>
public sealed record HistoryRun(string Commit, string At, string LoadAverage, bool Smoke, List<HistoryTarget> Targets);

/// <summary>
/// bench/history.json: every Bench run's targets, oldest first, so "every target holds in three runs" (issue 22's done) can be
/// read and checked rather than remembered. results.md shows the last three runs of the same kind (full or smoke) per target.
/// </summary>
public static class BenchHistory
{
    public const int RunsAsked = 3;
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static IReadOnlyList<HistoryRun> Read(string file) =>
        File.Exists(file) ? JsonSerializer.Deserialize<List<HistoryRun>>(File.ReadAllText(file), Json) ?? [] : [];

    /// <summary>Adds the run at the end and returns the whole history.</summary>
    public static IReadOnlyList<HistoryRun> Append(string file, HistoryRun run)
    {
        var runs = Read(file).Append(run).ToList();
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        // Written beside and moved over, so a run stopped half-way never leaves a history that cannot be read.
        File.WriteAllText(file + ".new", JsonSerializer.Serialize(runs, Json));
        File.Move(file + ".new", file, overwrite: true);
        return runs;
    }

    public static HistoryRun From(BenchResults r, IReadOnlyList<TargetResult> targets) => new(r.Machine.Commit, r.Machine.StartedAt,
        $"{r.Machine.LoadAverageBefore} before, {r.Machine.LoadAverageAfter} after", r.Smoke, targets.Select(t => new HistoryTarget(t.Id, t.Measured, t.Holds)).ToList());

    /// <summary>The last three runs of the history's last kind: true for a target only when all three were measured and held.</summary>
    public static IReadOnlyList<HistoryRun> LastRuns(IReadOnlyList<HistoryRun> runs) =>
        runs.Count == 0 ? [] : runs.Where(r => r.Smoke == runs[^1].Smoke).TakeLast(RunsAsked).ToList();

    public static bool HoldsInEveryRun(IReadOnlyList<HistoryRun> last, string id) =>
        last.Count == RunsAsked && last.All(r => r.Targets.FirstOrDefault(t => t.Id == id)?.Holds == true);

    public static void Table(StringBuilder md, IReadOnlyList<HistoryRun> runs, IReadOnlyList<TargetResult> targets)
    {
        var last = LastRuns(runs);
        md.AppendLine($"## The last {RunsAsked} runs (bench/history.json)");
        md.AppendLine();
        md.AppendLine($"Issue 22 is done when every target holds in {RunsAsked} runs. Each column is one run (newest last), its commit, time and load average" +
            (last.Count > 0 && last[^1].Smoke ? "; smoke runs only, which say nothing about speed." : "."));
        md.AppendLine();
        md.AppendLine("| Target | " + string.Join(" | ", last.Select(r => $"{r.Commit}, {r.At}, load {r.LoadAverage}")) + $" | Holds in {RunsAsked} runs |");
        md.AppendLine("|---|" + string.Concat(last.Select(_ => "---|")) + "---|");
        foreach (var t in targets)
            md.AppendLine($"| {t.What} | " + string.Join(" | ", last.Select(r => r.Targets.FirstOrDefault(h => h.Id == t.Id) is { } h
                ? h.Holds is null ? h.Measured : $"{h.Measured}: {Issue22.HoldsText(h.Holds)}" : "not in this run")) +
                $" | {(HoldsInEveryRun(last, t.Id) ? "yes" : last.Count < RunsAsked ? $"not yet ({last.Count} of {RunsAsked} runs)" : "**no**")} |");
    }
}
