using Engine.Bench.Micro;

namespace Engine.Bench;

/// <summary>The whole run: micro-benchmarks, load figures, then the report. Non-zero when the harness itself broke.</summary>
public static class BenchRun
{
    public static async Task<int> RunAsync(BenchOptions options, Action<string> log)
    {
        // First, while the process is fresh: after the load runs, the engines' leftover threads and a heap grown by
        // the data set made the render benchmark up to twice as slow (0.38 ms against 0.21 ms alone).
        var micro = new List<MicroResult>();
        if (options.MicroBenchmarks)
        {
            log("Micro-benchmarks (BenchmarkDotNet)");
            micro.AddRange(MicroRunner.Run(Path.Combine(Path.GetTempPath(), "engine-bench-bdn")));
        }
        var results = await new Harness(options, log).RunAsync();
        results.Micro.AddRange(micro);
        if (!options.MicroBenchmarks && options.Smoke)
        {
            MicroRunner.RunEachOnce();
            results.Notes.Add("Smoke run: each micro-benchmark method ran once, outside BenchmarkDotNet.");
        }
        Report.Write(results, options.OutputFolder, Path.Combine(options.RepositoryRoot, "bench", "analysis.md"));
        log($"Wrote {Path.Combine(options.OutputFolder, "results.md")}");
        foreach (var f in Report.Figures(results))
            log($"  {f.Number}. {f.What}: {f.Measured} [{(f.Holds is null ? "n/a" : f.Holds.Value ? "holds" : "DOES NOT HOLD")}]");
        return Verdict(options, results, log);
    }

    /// <summary>The figures on the national data set alone (issue 22): national.md and national.json, which the full run's results.md takes in.</summary>
    public static async Task<int> RunNationalAsync(BenchOptions options, Action<string> log)
    {
        var results = await new Harness(options, log).RunAsync();
        var exit = Verdict(options, results, log);
        Report.WriteNational(results, options.OutputFolder);
        log($"Wrote {Path.Combine(options.OutputFolder, "national.md")}");
        foreach (var f in Report.Figures(results))
            log($"  {f.Number}. {f.What}: {f.Measured} [{(f.Holds is null ? "n/a" : f.Holds.Value ? "holds" : "DOES NOT HOLD")}]");
        return exit;
    }

    private static int Verdict(BenchOptions options, BenchResults results, Action<string> log)
    {
        var broken = results.AllLoads().Where(w => !w.Clean).ToList();
        foreach (var w in broken) log($"Load run '{w.Name}' was not clean: {w.Requests} requests, {w.Non2xx} non-2xx, {w.SocketErrors} socket errors.");
        foreach (var w in broken) results.Notes.Add($"Load run {w.Name} was not clean: {w.Non2xx} non-2xx answers, {w.SocketErrors} socket errors.");
        // A smoke run exists to catch a broken harness; a full run reports what it saw and still writes its figures.
        return broken.Count == 0 || !options.Smoke ? 0 : 1;
    }
}
