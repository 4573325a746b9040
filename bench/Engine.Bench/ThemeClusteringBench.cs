using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Engine.Core.BigIdeas.Suggestions;
using Engine.Core.Challenges;
using Engine.Web.Tenancy;
using Engine.Web.ThemeSuggestions;

namespace Engine.Bench;

/// <summary>Figure 5's two rounds, without and during the clustering, and how much of the second the clustering lasted.</summary>
public sealed record FigureFiveBeside(MixedResult Without, MixedResult During, double RoundSeconds, double OverlapSeconds)
{
    public bool Holds => HoldsFor(During);
    public static bool HoldsFor(MixedResult m) => m.Pages.P99Ms < 100 && m.Busy == 0 && m.Votes.RequestsPerSecond >= 450;
}

/// <summary>Where the run was when the page would have shown it: the step, the percentage, and the seconds since it was queued.</summary>
public sealed record PhaseSeen(string Phase, int Percent, double Seconds);

public sealed record ThemesResult(int Contributions, int Ideas, int Topics, int K, double Purity, double Seconds, double PeakWorkingSetMb,
    double ProcessPeakMb, double PeakManagedHeapMb, string LoadBefore, string LoadAfter, List<PhaseSeen> Phases, FigureFiveBeside FigureFive,
    string? Failed)
{
    public bool Holds => Failed is null && Purity >= 0.8 && Seconds < 60 && ProcessPeakMb < 2048 && FigureFive.Holds;
}

/// <summary>
/// Theme suggestions at national scale (issue 21): contributions from known topics (<see cref="ThemeContributions"/>) in the
/// engine's database, suggested by the engine in this process exactly as /admin/suggestions starts it (the background
/// queue: read from the database, clustered, saved), while figure 5's load runs against the same engine. Reports how
/// well the suggestions recover the topics (purity), the time from queued to saved, peak memory, the progress the page
/// would have shown, and figure 5 during the run beside figure 5 just before it. Writes themes.md and themes.json.
/// </summary>
public static class ThemeClusteringBench
{
    public static async Task<int> RunAsync(BenchOptions options, int contributions, Action<string> log, CancellationToken ct = default)
    {
        Wrk.EnsureInstalled();
        var machine = Machine.Describe(options.RepositoryRoot);
        log($"Generating the data set and {contributions:N0} contributions from {ThemeContributions.Topics} known topics");
        var data = await DataSet.CreateAsync(options with { SmallTenants = 0 }, Path.Combine(Path.GetTempPath(), "engine-bench", "themes-" + Guid.NewGuid().ToString("N")));
        var topicOf = ThemeContributions.Write(data, contributions, seed: 5);
        ThemesResult result;
        await using (var host = await EngineHost.StartAsync(data, options.RepositoryRoot))
        {
            var harness = new Harness(options, log);
            await harness.WarmUpAsync(host, data, ct);
            var before = new BenchResults { Smoke = options.Smoke, Machine = machine };
            var pauseMs = await harness.MixedAsync(host, data, before, ct);
            result = await SuggestDuringFigureFiveAsync(options, host, harness, data, contributions, topicOf, pauseMs, before.Mixed!, log, ct);
        }
        try { Directory.Delete(data.Root, recursive: true); } catch (IOException) { /* a file still held: it is in the temp folder */ }

        var markdown = Markdown(result, machine, options.Smoke);
        log(markdown);
        Directory.CreateDirectory(options.OutputFolder);
        File.WriteAllText(Path.Combine(options.OutputFolder, "themes.md"), markdown);
        File.WriteAllText(Path.Combine(options.OutputFolder, "themes.json"), JsonSerializer.Serialize(result,
            new JsonSerializerOptions { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals }));
        // As the main run: a full run reports what it saw; a broken harness (a failed run, a load run with errors) is non-zero.
        var clean = result.Failed is null && new[] { result.FigureFive.Without, result.FigureFive.During }.All(m => m.Pages.Clean && m.Votes.Clean);
        return clean ? 0 : 1;
    }

    private static async Task<ThemesResult> SuggestDuringFigureFiveAsync(BenchOptions options, EngineHost host, Harness harness, DataSet data, int contributions,
        Dictionary<long, int> topicOf, double pauseMs, MixedResult without, Action<string> log, CancellationToken ct)
    {
        var services = host.Services;
        var tenant = services.GetRequiredService<TenantRegistry>().Current.Find(ThemeContributions.Tenant)!;
        var challenge = (await services.GetRequiredService<IChallengeStore>().FindBySlugAsync(tenant.Id, DataSet.Challenge, ct))!;
        var runs = services.GetRequiredService<ThemeSuggestionRuns>();
        var db = services.GetRequiredService<Engine.Data.Sqlite.SqliteDatabase>();
        // The generated text is garbage by now: the peak below is the engine's, serving and clustering.
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var loadBefore = Machine.LoadAverage();
        log($"Suggesting themes from {contributions:N0} contributions while figure 5's load runs (load average {loadBefore})");
        var clock = Stopwatch.StartNew();
        if (!runs.TryStart(tenant, actorId: 1, challenge)) throw new InvalidOperationException("The suggestions run could not be queued.");
        var progress = runs.Progress(tenant.Id)!;
        var watching = WatchAsync(progress, clock);

        var busy = db.BusyCount;
        var roundStarted = clock.Elapsed.TotalSeconds;
        var (pages, votes) = await harness.MixedRoundAsync(host, data, 64, pauseMs, options.Duration, " (during the clustering)", ct);
        var during = new MixedResult(pages, votes, db.BusyCount - busy);
        var roundEnded = clock.Elapsed.TotalSeconds;
        var (phases, peakWorkingSet, peakHeap, seconds) = await watching;
        var overlap = Math.Max(0, Math.Min(roundEnded, seconds) - roundStarted);
        log($"Figure 5 during the clustering: pages p99 {pages.P99Ms} ms ({pages.RequestsPerSecond:F0}/s), votes {votes.RequestsPerSecond:F0}/s; the run took {seconds:F1} s");

        var suggestions = await services.GetRequiredService<IThemeSuggestionStore>().SuggestionsAsync(tenant.Id, challenge.Id, ct);
        var run = await services.GetRequiredService<IThemeSuggestionStore>().RunAsync(tenant.Id, challenge.Id, ct);
        var clusters = suggestions.Select(s => new TextCluster(s.TopTerms, s.IdeaIds)).ToList();
        var purity = ThemeClustering.Purity(clusters, topicOf.ToDictionary(t => t.Key, t => $"topic {t.Value}"));
        using var process = Process.GetCurrentProcess();
        return new ThemesResult(contributions, topicOf.Count, ThemeContributions.Topics, run?.K ?? 0, purity, seconds, peakWorkingSet,
            process.PeakWorkingSet64 / Mb, peakHeap, loadBefore, Machine.LoadAverage(), phases,
            new FigureFiveBeside(without, during, roundEnded - roundStarted, overlap), progress.Failed);
    }

    private const double Mb = 1024.0 * 1024;

    /// <summary>Every 50 ms until the run ends: the step and percentage the page would show, the working set and the managed heap.</summary>
    private static async Task<(List<PhaseSeen> Phases, double PeakWorkingSetMb, double PeakHeapMb, double Seconds)> WatchAsync(RunProgress progress, Stopwatch clock)
    {
        var phases = new List<PhaseSeen>();
        double peakWorkingSet = 0, peakHeap = 0;
        using var process = Process.GetCurrentProcess();
        while (true)
        {
            var finished = progress.Finished || progress.Failed is not null;
            var seen = new PhaseSeen(finished ? "finished" : progress.Started ? progress.Phase.ToString() : "queued", (int)(progress.Done * 100), clock.Elapsed.TotalSeconds);
            if (phases.Count == 0 || phases[^1].Phase != seen.Phase) phases.Add(seen);
            process.Refresh();
            peakWorkingSet = Math.Max(peakWorkingSet, process.WorkingSet64 / Mb);
            peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(forceFullCollection: false) / Mb);
            if (finished) return (phases, peakWorkingSet, peakHeap, seen.Seconds);
            await Task.Delay(50);
        }
    }

    private static string Markdown(ThemesResult r, MachineInfo machine, bool smoke)
    {
        static string F(double value, string format = "N0") => value.ToString(format, CultureInfo.InvariantCulture);
        var five = r.FigureFive;
        var md = new StringBuilder();
        md.AppendLine(smoke ? "## Theme suggestions at national scale (issue 21; SMOKE RUN: figures not meaningful)" : "## Theme suggestions at national scale (issue 21)");
        md.AppendLine();
        md.AppendLine($"Written by `dotnet run -c Release --project bench/Engine.Bench -- themes {r.Contributions}` (part of `dotnet cake --target=Bench`) at {machine.StartedAt}, " +
            $"commit {machine.Commit}, on {machine.Cores} cores. {F(r.Contributions)} contributions generated from {r.Topics} known topics ({F(r.Ideas)} ideas and " +
            $"{F(r.Contributions - r.Ideas)} comments on them; each 8 to 30 words, two in three from its topic's own 40) are one tenant's challenge in the engine's " +
            "database. The engine in this process suggests themes as /admin/suggestions starts it: queued to its background service, the texts read from the " +
            "database, clustered on one thread, the suggestions saved; meanwhile figure 5's load runs against the same engine.");
        md.AppendLine();
        md.AppendLine("Targets: purity ≥ 0.8, under 60 s from queued to saved, under 2 GB (the process's peak working set, data generation included), figure 5 holding during the run.");
        md.AppendLine();
        md.AppendLine("| Contributions | Known topics | k chosen | Purity | Queued to saved | Peak memory | Load average before / after | Holds |");
        md.AppendLine("|---|---|---|---|---|---|---|---|");
        md.AppendLine($"| {F(r.Contributions)} | {r.Topics} | {r.K} | {F(r.Purity, "0.000")} | {F(r.Seconds, "0.0")} s{(r.Failed is null ? "" : $" (failed: {r.Failed})")} | " +
            $"{F(r.ProcessPeakMb)} MB process peak; during the run {F(r.PeakWorkingSetMb)} MB working set, {F(r.PeakManagedHeapMb)} MB managed heap | " +
            $"{r.LoadBefore} / {r.LoadAfter} | {(r.Holds ? "yes" : "**no**")} |");
        md.AppendLine();
        md.AppendLine("What /admin/suggestions showed, looked at every 50 ms: " +
            string.Join("; ", r.Phases.Select(p => $"{p.Phase} {p.Percent}% at {F(p.Seconds, "0.0")} s")) + ".");
        md.AppendLine();
        md.AppendLine($"Figure 5 (visitor pages at 16 connections while about 500 votes/s are written) in the same engine, just before the run and during it " +
            $"(the run lasted {F(five.OverlapSeconds, "0.0")} s of the {F(five.RoundSeconds, "0.0")} s round):");
        md.AppendLine();
        md.AppendLine("| Round | Pages/s | Pages p99 ms | Votes/s | Votes p99 ms | SQLITE_BUSY | Figure 5 holds |");
        md.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var (name, m) in new[] { ("without the run", five.Without), ("during the run", five.During) })
            md.AppendLine($"| {name} | {F(m.Pages.RequestsPerSecond)} | {F(m.Pages.P99Ms, "0.0")} | {F(m.Votes.RequestsPerSecond)} | {F(m.Votes.P99Ms, "0.0")} | {m.Busy} | {(FigureFiveBeside.HoldsFor(m) ? "yes" : "**no**")} |");
        md.AppendLine($"| during ÷ without | {F(five.During.Pages.RequestsPerSecond / five.Without.Pages.RequestsPerSecond, "0.00")} × | " +
            $"{F(five.During.Pages.P99Ms / five.Without.Pages.P99Ms, "0.00")} × | {F(five.During.Votes.RequestsPerSecond / five.Without.Votes.RequestsPerSecond, "0.00")} × | " +
            $"{F(five.During.Votes.P99Ms / five.Without.Votes.P99Ms, "0.00")} × | | |");
        return md.ToString();
    }
}
