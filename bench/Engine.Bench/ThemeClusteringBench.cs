using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Engine.Core.BigIdeas.Suggestions;
using Engine.Core.Challenges;
using Engine.Core.Tenancy;
using Engine.Web.Tenancy;
using Engine.Web.ThemeSuggestions;

namespace Engine.Bench;

/// <summary>Figure 5's two rounds, without and during the clustering, and how much of the second the clustering lasted.</summary>
public sealed record FigureFiveBeside(MixedResult Without, MixedResult During, double RoundSeconds, double OverlapSeconds, GcFigures WithoutGc, GcFigures DuringGc)
{
    public bool Holds => HoldsFor(During);
    public static bool HoldsFor(MixedResult m) => m.Pages.P99Ms < 100 && m.Busy == 0 && m.Votes.RequestsPerSecond >= 450;
}

/// <summary>
/// Figure 5's load aimed at the large challenge itself: its visitor page at 16 connections while about 500 votes/s go to its
/// ideas; and what ranking all its ideas once costs (read every idea's counts, order them), which each page view after a vote
/// paid before a large challenge's order was kept across votes (<c>KeptRankings</c>).
/// </summary>
public sealed record LargeChallengeRound(int Ideas, MixedResult Result, double RankAllMs, double CountMs, double PageAfterVoteMs);

/// <summary>Where the run was when the page would have shown it: the step, the percentage, and the seconds since it was queued.</summary>
public sealed record PhaseSeen(string Phase, int Percent, double Seconds);

/// <summary>
/// One suggestions run from queued to saved: its wall-clock time, this process's CPU time meanwhile (the run's own when
/// nothing else runs; a busy machine stretches the first, not the second), peaks, what it found and what the page showed.
/// </summary>
public sealed record SuggestionsRun(double Seconds, double CpuSeconds, double PeakWorkingSetMb, double PeakManagedHeapMb, int K, double Purity,
    List<PhaseSeen> Phases, string? Failed, GcFigures Gc, double PausedForRequestsSeconds, int Pauses, [property: System.Text.Json.Serialization.JsonIgnore] List<List<long>> Groups);

/// <summary>The run alone (time, memory, purity), then the same run again while figure 5's load runs (figure 5 beside figure 5 before it).</summary>
public sealed record ThemesResult(int Contributions, int Ideas, int Topics, SuggestionsRun Alone, SuggestionsRun During, bool SameSuggestions,
    double ProcessPeakMb, string LoadBefore, string LoadAfter, FigureFiveBeside FigureFive, LargeChallengeRound Large)
{
    public bool Holds => Alone.Failed is null && During.Failed is null && Alone.Purity >= 0.8 && Alone.Seconds < 60 && ProcessPeakMb < 2048 && FigureFive.Holds;
}

/// <summary>
/// Theme suggestions at national scale (issue 21): contributions from known topics (<see cref="ThemeContributions"/>) in the
/// engine's database, suggested by the engine in this process exactly as /admin/suggestions starts it (the background
/// queue: read from the database, clustered, saved): once alone, for its time, memory and purity, then again while
/// figure 5's load runs against the same engine, for figure 5 during the run beside figure 5 just before it (and the
/// same input and seed must give the same suggestions). Writes themes.md and themes.json.
/// </summary>
public static class ThemeClusteringBench
{
    private const double Mb = 1024.0 * 1024;

    public static async Task<int> RunAsync(BenchOptions options, int contributions, Action<string> log, CancellationToken ct = default)
    {
        Wrk.EnsureInstalled();
        var machine = Machine.Describe(options.RepositoryRoot);
        log($"Generating the data set and {contributions:N0} contributions from {ThemeContributions.Topics} known topics");
        var data = await DataSet.CreateAsync(options with { SmallTenants = 0 }, Path.Combine(Path.GetTempPath(), "engine-bench", "themes-" + Guid.NewGuid().ToString("N")));
        var topics = ThemeContributions.Write(data, contributions, seed: 5).ToDictionary(t => t.Key, t => $"topic {t.Value}");
        ThemesResult result;
        await using (var host = await EngineHost.StartAsync(data, options.RepositoryRoot))
        {
            var harness = new Harness(options, log);
            await harness.WarmUpAsync(host, data, ct);
            var before = new BenchResults { Smoke = options.Smoke, Machine = machine };
            // Its calibration round included: the collector's figures are compared as rates (share of the wall clock).
            var withoutGc = GcWatch.Start();
            var pauseMs = await harness.MixedAsync(host, data, before, ct);
            var withoutGcFigures = await withoutGc.StopAsync();
            var suggest = new Suggester(host, topics, log);
            await suggest.FindAsync(ct);
            var alone = await suggest.RunAsync(() => Task.CompletedTask, ct);

            var db = host.Services.GetRequiredService<Engine.Data.Sqlite.SqliteDatabase>();
            var busy = db.BusyCount;
            (double Ended, MixedResult Result, GcFigures Gc) round = default;
            var during = await suggest.RunAsync(async () =>
            {
                var started = Stopwatch.GetTimestamp();
                var gc = GcWatch.Start();
                var (pages, votes) = await harness.MixedRoundAsync(host, data, 64, pauseMs, options.Duration, " (during the clustering)", ct);
                round = (Stopwatch.GetElapsedTime(started).TotalSeconds, new MixedResult(pages, votes, db.BusyCount - busy), await gc.StopAsync());
            }, ct);
            var large = await LargeChallengeAsync(host, topics.Count, pauseMs, options, log, ct);
            using var process = Process.GetCurrentProcess();
            result = new ThemesResult(contributions, topics.Count, ThemeContributions.Topics, alone, during,
                alone.Groups.Count > 0 && alone.Groups.Zip(during.Groups).All(g => g.First.SequenceEqual(g.Second)) && alone.Groups.Count == during.Groups.Count,
                process.PeakWorkingSet64 / Mb, machine.LoadAverageBefore, Machine.LoadAverage(),
                new FigureFiveBeside(before.Mixed!, round.Result!, round.Ended, Math.Min(round.Ended, during.Seconds), withoutGcFigures, round.Gc!), large);
        }
        try { Directory.Delete(data.Root, recursive: true); } catch (IOException) { /* a file still held: it is in the temp folder */ }

        var markdown = Markdown(result, machine, options.Smoke);
        log(markdown);
        Directory.CreateDirectory(options.OutputFolder);
        File.WriteAllText(Path.Combine(options.OutputFolder, "themes.md"), markdown);
        File.WriteAllText(Path.Combine(options.OutputFolder, "themes.json"), JsonSerializer.Serialize(result,
            new JsonSerializerOptions { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals }));
        // As the main run: a full run reports what it saw; a broken harness (a failed run, a load run with errors) is non-zero.
        var clean = result.Alone.Failed is null && result.During.Failed is null
            && new[] { result.FigureFive.Without, result.FigureFive.During, result.Large.Result }.All(m => m.Pages.Clean && m.Votes.Clean);
        return clean ? 0 : 1;
    }

    /// <summary>The large challenge under figure 5's load (after a warm-up round of the same), and one ranking of all its ideas timed alone.</summary>
    private static async Task<LargeChallengeRound> LargeChallengeAsync(EngineHost host, int ideas, double pauseMs, BenchOptions options, Action<string> log,
        CancellationToken ct)
    {
        var services = host.Services;
        var tenant = services.GetRequiredService<TenantRegistry>().Current.Find(ThemeContributions.Tenant)!;
        var challenge = (await services.GetRequiredService<IChallengeStore>().FindBySlugAsync(tenant.Id, DataSet.Challenge, ct))!;
        var store = services.GetRequiredService<Engine.Core.Ideas.IIdeaStore>();
        var times = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var tallies = await store.TalliesAsync(tenant.Id, challenge.Id, ct);
            Engine.Core.Ideas.ListIdeas.Order(tallies, Engine.Core.Ideas.IdeaSort.Top, Engine.Core.Rules.BuiltInVoting.Instance, DateTimeOffset.UtcNow);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        var rankAllMs = times.Order().ElementAt(times.Count / 2);
        // The challenge's headline numbers, counted once as the page's first view counts them (kept and recounted in the background after).
        var counting = Stopwatch.GetTimestamp();
        await services.GetRequiredService<Engine.Core.Stats.IStatsQuery>().ForChallengeAsync(tenant.Id, challenge.Id, ct);
        var countMs = Stopwatch.GetElapsedTime(counting).TotalMilliseconds;
        // One page view alone, after a vote: what a view pays once the order is kept.
        using (var http = new HttpClient())
        {
            var vote = new HttpRequestMessage(HttpMethod.Put, $"http://127.0.0.1:{host.EnginePort}/api/v1/ideas/1/vote")
                { Content = new StringContent("{\"value\":1}", System.Text.Encoding.UTF8, "application/json") };
            vote.Headers.Host = ThemeContributions.Host;
            vote.Headers.Authorization = new("Bearer", DataSet.TokenFor(1));
            for (var i = 0; i < 2; i++) await PageAsync(http);
            (await http.SendAsync(vote, ct)).EnsureSuccessStatusCode();
            var viewing = Stopwatch.GetTimestamp();
            await PageAsync(http);
            times = [Stopwatch.GetElapsedTime(viewing).TotalMilliseconds];
        }
        async Task PageAsync(HttpClient http)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{host.EnginePort}/challenges/{DataSet.Challenge}");
            request.Headers.Host = ThemeContributions.Host;
            (await http.SendAsync(request, ct)).EnsureSuccessStatusCode();
        }
        var pageAfterVoteMs = times[0];

        var url = $"http://127.0.0.1:{host.EnginePort}/challenges/{DataSet.Challenge}";
        var script = Path.Combine(AppContext.BaseDirectory, "votes.lua");
        string[] votesArgs = [ThemeContributions.Host, ThemeContributions.Members.ToString(CultureInfo.InvariantCulture), ideas.ToString(CultureInfo.InvariantCulture),
            Math.Round(pauseMs).ToString(CultureInfo.InvariantCulture)];
        var headers = new Dictionary<string, string> { ["Host"] = ThemeContributions.Host };
        var db = services.GetRequiredService<Engine.Data.Sqlite.SqliteDatabase>();
        MixedResult result = null!;
        foreach (var (suffix, duration) in new[] { (" (warm-up)", options.WarmUp), ("", options.Duration) })
        {
            if (duration <= TimeSpan.Zero) continue;
            var busy = db.BusyCount;
            var voting = Wrk.RunAsync("votes on the large challenge, about 500/s" + suffix, url, 64, duration, script, null, votesArgs, ct);
            var pages = await Wrk.RunAsync("the large challenge's page, visitor, while voting" + suffix, url, 16, duration, null, headers, ct: ct);
            result = new MixedResult(pages, await voting, db.BusyCount - busy);
        }
        log($"Large challenge ({ideas:N0} ideas): ranking them all {rankAllMs:F1} ms, counting its numbers {countMs:F1} ms, a page view after a vote {pageAfterVoteMs:F1} ms; pages {result.Pages.RequestsPerSecond:F0}/s p99 {result.Pages.P99Ms} ms " +
            $"({result.Pages.CpuMsPerRequest:F3} ms CPU each), votes {result.Votes.RequestsPerSecond:F0}/s");
        return new LargeChallengeRound(ideas, result, rankAllMs, countMs, pageAfterVoteMs);
    }

    /// <summary>Starts suggestion runs on the themes tenant's challenge through the engine's background queue and watches them.</summary>
    private sealed class Suggester(EngineHost host, Dictionary<long, string> topics, Action<string> log)
    {
        private TenantDefinition _tenant = null!;
        private Challenge _challenge = null!;
        private IServiceProvider Services => host.Services;

        public async Task FindAsync(CancellationToken ct)
        {
            _tenant = Services.GetRequiredService<TenantRegistry>().Current.Find(ThemeContributions.Tenant)!;
            _challenge = (await Services.GetRequiredService<IChallengeStore>().FindBySlugAsync(_tenant.Id, DataSet.Challenge, ct))!;
        }

        /// <summary>One run, queued as the page queues it, with <paramref name="meanwhile"/> started as it is queued.</summary>
        public async Task<SuggestionsRun> RunAsync(Func<Task> meanwhile, CancellationToken ct)
        {
            var runs = Services.GetRequiredService<ThemeSuggestionRuns>();
            // Earlier garbage (the generated text, a previous run) is not this run's: the peaks below are the engine's.
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            using var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            log($"Suggesting themes (load average {Machine.LoadAverage()})");
            var clock = Stopwatch.StartNew();
            var gc = GcWatch.Start();
            var pacing = Services.GetRequiredService<Engine.Core.Common.BackgroundPacing>();
            var (paused, pauses) = (pacing.Paused, pacing.Pauses);
            if (!runs.TryStart(_tenant, actorId: 1, _challenge)) throw new InvalidOperationException("The suggestions run could not be queued.");
            var watching = WatchAsync(runs.Progress(_tenant.Id)!, clock);
            await meanwhile();
            var (phases, peakWorkingSet, peakHeap, seconds) = await watching;
            var gcFigures = await gc.StopAsync();
            process.Refresh();
            var cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
            var store = Services.GetRequiredService<IThemeSuggestionStore>();
            var suggestions = await store.SuggestionsAsync(_tenant.Id, _challenge.Id, ct);
            var run = await store.RunAsync(_tenant.Id, _challenge.Id, ct);
            var purity = ThemeClustering.Purity(suggestions.Select(s => new TextCluster(s.TopTerms, s.IdeaIds)).ToList(), topics);
            (paused, pauses) = (pacing.Paused - paused, pacing.Pauses - pauses);
            log($"Suggested {suggestions.Count} themes in {seconds:F1} s ({cpuSeconds:F1} s CPU), paused {paused.TotalSeconds:F1} s for requests ({pauses} times), purity {purity:F3}; GC paused {gcFigures.PauseMs:F0} ms " +
                $"({gcFigures.Gen0}/{gcFigures.Gen1}/{gcFigures.Gen2} collections of gen 0/1/2, longest seen {gcFigures.LongestPauseMs:F1} ms)");
            return new SuggestionsRun(seconds, cpuSeconds, peakWorkingSet, peakHeap, run?.K ?? 0, purity, phases, runs.Progress(_tenant.Id)!.Failed, gcFigures,
                paused.TotalSeconds, pauses,
                suggestions.Select(s => s.IdeaIds.ToList()).ToList());
        }
    }

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

    // Both load runs overlap: the process's CPU over the pages' run, spread over everything answered in it.
    private static double CpuPerRequest(MixedResult m) =>
        m.Pages.CpuMsPerRequest * m.Pages.Requests / Math.Max(1, m.Pages.Requests + m.Votes.Requests);

    private static string Markdown(ThemesResult r, MachineInfo machine, bool smoke)
    {
        static string F(double value, string format = "N0") => value.ToString(format, CultureInfo.InvariantCulture);
        static string Phases(SuggestionsRun run) => string.Join("; ", run.Phases.Select(p => $"{p.Phase} {p.Percent}% at {F(p.Seconds, "0.0")} s"));
        var five = r.FigureFive;
        var md = new StringBuilder();
        md.AppendLine(smoke ? "## Theme suggestions at national scale (issue 21; SMOKE RUN: figures not meaningful)" : "## Theme suggestions at national scale (issue 21)");
        md.AppendLine();
        md.AppendLine($"Written by `dotnet run -c Release --project bench/Engine.Bench -- themes {r.Contributions}` (part of `dotnet cake --target=Bench`) at {machine.StartedAt}, " +
            $"commit {machine.Commit}, on {machine.Cores} cores; load average (1, 5, 15 min) before {r.LoadBefore}, after {r.LoadAfter}. {F(r.Contributions)} contributions " +
            $"generated from {r.Topics} known topics ({F(r.Ideas)} ideas and {F(r.Contributions - r.Ideas)} comments on them; each 8 to 30 words, two in three from its " +
            "topic's own 40) are one tenant's challenge in the engine's database. The engine in this process suggests themes as /admin/suggestions starts it: " +
            "queued to its background service, the texts read from the database, clustered on one thread, the suggestions saved. It runs once alone, then " +
            "again while figure 5's load runs against the same engine.");
        md.AppendLine();
        md.AppendLine("Targets: purity ≥ 0.8, under 60 s from queued to saved, under 2 GB (the process's peak working set, data generation included), figure 5 holding during the run. " +
            "CPU is this process's user and system time during the run: alone, the run's own cost, which a busy machine does not stretch as it stretches the wall clock. " +
            "Paused for requests: how long the run slept, after a slice of work, because requests were in flight (Engine:Background, `docs/configuration.md`).");
        md.AppendLine();
        md.AppendLine("| Run | Contributions | k chosen | Purity | Queued to saved | CPU | Paused for requests | Peak working set during the run | Peak managed heap |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var (name, run) in new[] { ("alone", r.Alone), ("during figure 5", r.During) })
            md.AppendLine($"| {name} | {F(r.Contributions)} | {run.K} | {F(run.Purity, "0.000")} | {F(run.Seconds, "0.0")} s{(run.Failed is null ? "" : $" (failed: {run.Failed})")} | " +
                $"{F(run.CpuSeconds, "0.0")} s | {F(run.PausedForRequestsSeconds, "0.0")} s ({run.Pauses} times) | {F(run.PeakWorkingSetMb)} MB | {F(run.PeakManagedHeapMb)} MB |");
        md.AppendLine();
        md.AppendLine($"Process peak working set {F(r.ProcessPeakMb)} MB. The two runs made {(r.SameSuggestions ? "the same" : "**different**")} suggestions (the same input and seed). " +
            $"Holds: {(r.Holds ? "yes" : "**no**")}.");
        md.AppendLine();
        md.AppendLine($"What /admin/suggestions showed, looked at every 50 ms: alone, {Phases(r.Alone)}; during figure 5, {Phases(r.During)}.");
        md.AppendLine();
        md.AppendLine($"Figure 5 (visitor pages at 16 connections while about 500 votes/s are written) in the same engine, just before the runs and during the second " +
            $"(the run lasted {F(five.OverlapSeconds, "0.0")} s of the {F(five.RoundSeconds, "0.0")} s round):");
        md.AppendLine();
        md.AppendLine("| Round | Pages/s | Pages p99 ms | Votes/s | Votes p99 ms | SQLITE_BUSY | Engine CPU ms per request | Figure 5 holds |");
        md.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var (name, m) in new[] { ("without the run", five.Without), ("during the run", five.During) })
            md.AppendLine($"| {name} | {F(m.Pages.RequestsPerSecond)} | {F(m.Pages.P99Ms, "0.0")} | {F(m.Votes.RequestsPerSecond)} | {F(m.Votes.P99Ms, "0.0")} | {m.Busy} | " +
                $"{F(CpuPerRequest(m), "0.000")} | {(FigureFiveBeside.HoldsFor(m) ? "yes" : "**no**")} |");
        md.AppendLine($"| during ÷ without | {F(five.During.Pages.RequestsPerSecond / five.Without.Pages.RequestsPerSecond, "0.00")} × | " +
            $"{F(five.During.Pages.P99Ms / five.Without.Pages.P99Ms, "0.00")} × | {F(five.During.Votes.RequestsPerSecond / five.Without.Votes.RequestsPerSecond, "0.00")} × | " +
            $"{F(five.During.Votes.P99Ms / five.Without.Votes.P99Ms, "0.00")} × | | {F(CpuPerRequest(five.During) / CpuPerRequest(five.Without), "0.00")} × | |");
        md.AppendLine();
        md.AppendLine("Engine CPU per request is this process's CPU time during the round divided by the pages and votes it answered: a busy machine " +
            "stretches the wall clock (pages/s, p99) far more than it moves this.");
        md.AppendLine();
        md.AppendLine($"The garbage collector over each stretch ({GcFigures.Mode}): while it pauses, every request waits. A collection of gen 1 counts as one " +
            "of gen 0 too, and a blocking one of gen 2 as both (a background gen 2 collection counts as gen 2 only). The longest pause is the longest the watch saw " +
            "(it looks at the latest collection every 10 ms, background ones included); " +
            "figure 5 without the run includes its calibration round. The runtime's own events give every time it stopped all managed threads (for a " +
            "collection or anything else): how long they stayed stopped, and how long getting the last of them to stop took (a thread the scheduler " +
            "does not run, such as one at nice 19 on busy cores, keeps every other stopped until it runs).");
        md.AppendLine();
        md.AppendLine("| Stretch | Seconds | GC pauses | Share of the wall clock | Collections gen 0 / 1 / 2 | Longest pause seen (collections seen) | Peak managed heap | " +
            "Threads stopped: times, in all, longest | Getting them to stop: in all, longest | Gen 2 collections: how, and what set them off |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (name, g) in new[] { ("figure 5 without the run", five.WithoutGc), ("the run alone", r.Alone.Gc), ("figure 5's round during the run", five.DuringGc),
                     ("the run during figure 5", r.During.Gc) })
            md.AppendLine($"| {name} | {F(g.Seconds, "0.0")} | {F(g.PauseMs)} ms | {F(g.PausePercent, "0.0")} % | {g.Gen0} / {g.Gen1} / {g.Gen2} | " +
                $"{F(g.LongestPauseMs, "0.0")} ms ({g.Seen} seen) | {F(g.PeakHeapMb)} MB | " +
                $"{g.Stops.Count}, {F(g.Stops.StoppedMs)} ms, {F(g.Stops.LongestStoppedMs, "0.0")} ms | {F(g.Stops.ToStopMs)} ms, {F(g.Stops.LongestToStopMs, "0.0")} ms | {(g.Stops.Gen2.Length > 0 ? g.Stops.Gen2 : "none")} |");
        md.AppendLine();
        var large = r.Large;
        md.AppendLine($"Figure 5 aimed at the large challenge itself (its {F(large.Ideas)} ideas): its visitor page at 16 connections while about 500 votes/s " +
            $"go to its ideas, in the same engine after the runs. Ranking all its ideas once (reading every idea's counts and ordering them), timed alone: " +
            $"{F(large.RankAllMs, "0.0")} ms, which every page view after a vote paid before a large challenge's order was kept across votes. Counting its headline " +
            $"numbers once (as a first view does; kept and recounted in the background after): {F(large.CountMs, "0.0")} ms. One page view alone, just after a vote, " +
            $"the order kept: {F(large.PageAfterVoteMs, "0.0")} ms.");
        md.AppendLine();
        md.AppendLine("| Round | Pages/s | Pages p99 ms | Votes/s | Votes p99 ms | SQLITE_BUSY | Engine CPU ms per request | Holds |");
        md.AppendLine("|---|---|---|---|---|---|---|---|");
        var m5 = large.Result;
        md.AppendLine($"| the large challenge's page while voting on it | {F(m5.Pages.RequestsPerSecond)} | {F(m5.Pages.P99Ms, "0.0")} | {F(m5.Votes.RequestsPerSecond)} | " +
            $"{F(m5.Votes.P99Ms, "0.0")} | {m5.Busy} | {F(CpuPerRequest(m5), "0.000")} | {(FigureFiveBeside.HoldsFor(m5) ? "yes" : "**no**")} |");
        return md.ToString();
    }
}
