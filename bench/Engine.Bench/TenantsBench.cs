using System.Globalization;
using System.Text;

namespace Engine.Bench;

/// <summary>
/// Figure 7 alone with as many small tenants as asked (issue 22 asks 2,000 in one process under 1 GB): start-up, each home page
/// once, then memory, in a process of its own (its resident set is the figure). Writes tenants.md and tenants.json.
/// </summary>
public static class TenantsBench
{
    public static async Task<int> RunAsync(string repository, int count, string output, bool smoke, Action<string> log)
    {
        var options = BenchOptions.SmokeRun(repository, output) with { SmallTenants = count };
        var data = await DataSet.CreateAsync(options, Path.Combine(Path.GetTempPath(), "engine-bench", $"tenants-{count}"));
        var results = new BenchResults { Smoke = smoke, Machine = Machine.Describe(repository) };
        // Measured in a process of its own: this one holds what writing 2,000 tenants took.
        (results.ManyTenants, var note) = await StartUpProcess.MeasureAsync(options, data, log, CancellationToken.None);
        results.Notes.Add(note);
        results.Machine.LoadAverageAfter = Machine.LoadAverage();
        var t = results.ManyTenants!;
        var md = new StringBuilder();
        md.AppendLine("# Many small tenants in one process (issue 22)").AppendLine();
        if (smoke) md.AppendLine($"SMOKE RUN: {count} tenants, not 2,000; no figure here means anything.").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Written by `-- tenants {count}`: figure 7 alone, {t.Tenants:N0} tenants ({count:N0} small ones, each with a challenge of 10 ideas, " +
            $"and the big one); load average {results.Machine.LoadAverageBefore} before, {results.Machine.LoadAverageAfter} after. Target: under 1 GB resident with 2,000 small tenants.").AppendLine();
        md.AppendLine("| tenants | start-up | every home page once | resident | managed heap | compiled themes | holds |").AppendLine("|---|---|---|---|---|---|---|");
        md.AppendLine(CultureInfo.InvariantCulture, $"| {t.Tenants:N0} | {t.StartUpSeconds:F2} s | {t.FirstViewsSeconds:F2} s | {t.ResidentMb:F0} MB | {t.ManagedHeapMb:F0} MB | " +
            $"{t.CompiledThemes} for {t.ThemesInUse} themes | {(t.ResidentMb < 1024 ? count >= 2000 ? "yes" : "yes, at this size" : "**no**")} |");
        ModeOutput.Finish(data, options with { OutputFolder = output }, "tenants", md.ToString(), t, log);
        return 0;
    }
}
