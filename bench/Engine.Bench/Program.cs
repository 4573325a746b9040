using Engine.Bench;
using Engine.Bench.Micro;

// dotnet run -c Release --project bench/Engine.Bench [-- --smoke] [--out <folder>] [--no-micro]
// dotnet run -c Release --project bench/Engine.Bench -- themes [count] [--out <folder>]   (theme suggestions during figure 5, default 200,000 contributions)
// dotnet run -c Release --project bench/Engine.Bench -- search [count] [--smoke] [--out <folder>]   (search and similar ideas over 200,000 generated contributions by default: search.md)
// dotnet run -c Release --project bench/Engine.Bench -- national [scale] [--smoke] [--out <folder>]   (the figures on the national data set, issue 22: national.md and national.json, which results.md takes in; scale 1 = 200,000 ideas)
// dotnet run -c Release --project bench/Engine.Bench -- national-data [scale]   (the national data set alone, timed, kept in the temp folder for sqlite3)
// dotnet run -c Release --project bench/Engine.Bench -- national-postgres   (the kept national set carried to a throwaway PostgreSQL by COPY, timed)
// dotnet run -c Release --project bench/Engine.Bench -- numbers [scale] [--out <folder>]   (the headline numbers' count per challenge and site on a national data set written at scale and kept for the next run: numbers.md)
// dotnet run -c Release --project bench/Engine.Bench -- tenants [count] [--out <folder>]   (figure 7 alone, default 2,000 small tenants: tenants.md)
// dotnet run -c Release --project bench/Engine.Bench -- exports [scale] [--smoke] [--out <folder>]   (each export of the national tenant, default scale 0.25, its memory, and figure 5 during exports: exports.md)
// dotnet run -c Release --project bench/Engine.Bench -- soak [minutes] [--smoke] [--out <folder>]   (the launch-day soak, default 10 minutes: soak.md)
// dotnet run -c Release --project bench/Engine.Bench -- micro [BenchmarkDotNet arguments, e.g. --filter *Render*, or *LiteDb* for the LiteDB comparison]
if (args.FirstOrDefault() == "micro")
{
    BenchmarkDotNet.Running.BenchmarkSwitcher.FromTypes([.. MicroRunner.All, .. MicroRunner.OnRequest]).Run(args[1..], MicroRunner.Config(Path.Combine(Path.GetTempPath(), "engine-bench-bdn")));
    return 0;
}

var repository = BenchOptions.FindRepositoryRoot(AppContext.BaseDirectory);
var smoke = args.Contains("--smoke");
var outIndex = Array.IndexOf(args, "--out");
var output = outIndex >= 0 && outIndex + 1 < args.Length ? Path.GetFullPath(args[outIndex + 1])
    : smoke ? Path.Combine(Path.GetTempPath(), "engine-bench-smoke") : Path.Combine(repository, "bench");
if (args.FirstOrDefault() == "themes")
{
    // Theme suggestions (issue 21): 200,000 generated contributions by default, suggested in the engine's background while
    // figure 5 runs; writes themes.md (which results.md takes in) and themes.json.
    var count = args.Length > 1 && int.TryParse(args[1], out var n) ? n : 200_000;
    var themesOptions = (smoke ? BenchOptions.SmokeRun(repository, output) : new BenchOptions { RepositoryRoot = repository, OutputFolder = output }) with { MicroBenchmarks = false };
    return await ThemeClusteringBench.RunAsync(themesOptions, count, Console.WriteLine);
}
if (args.FirstOrDefault() == "search")
{
    // Search and similar ideas over 200,000 generated contributions by default (issue 22): search.md and search.json.
    var count = args.Length > 1 && int.TryParse(args[1], out var n) ? n : 200_000;
    var searchOptions = (smoke ? BenchOptions.SmokeRun(repository, output) : new BenchOptions { RepositoryRoot = repository, OutputFolder = output }) with { MicroBenchmarks = false };
    return await SearchBench.RunAsync(searchOptions, count, Console.WriteLine);
}
if (args.FirstOrDefault() == "national")
{
    var scale = args.Length > 1 && double.TryParse(args[1], System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : smoke ? BenchOptions.NationalSmokeScale : 1;
    var nationalOptions = (smoke ? BenchOptions.SmokeRun(repository, output) : new BenchOptions { RepositoryRoot = repository, OutputFolder = output }) with { MicroBenchmarks = false, National = scale };
    return await BenchRun.RunNationalAsync(nationalOptions, Console.WriteLine);
}
if (args.FirstOrDefault() == "exports")
{
    var scale = args.Length > 1 && double.TryParse(args[1], System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : smoke ? BenchOptions.NationalSmokeScale : 0.25;
    var exportsOptions = (smoke ? BenchOptions.SmokeRun(repository, output) : new BenchOptions { RepositoryRoot = repository, OutputFolder = output }) with { MicroBenchmarks = false, National = scale };
    return await ExportsBench.RunAsync(exportsOptions, Console.WriteLine);
}
if (args.FirstOrDefault() == "soak")
{
    var minutes = args.Length > 1 && double.TryParse(args[1], System.Globalization.CultureInfo.InvariantCulture, out var m) ? m : 10;
    var soakOptions = (smoke ? BenchOptions.SmokeRun(repository, output) : new BenchOptions { RepositoryRoot = repository, OutputFolder = output }) with { MicroBenchmarks = false };
    return await SoakBench.RunAsync(soakOptions, minutes, Console.WriteLine);
}
if (args.FirstOrDefault() == "national-data")
{
    // The national data set alone, timed and kept for a look with sqlite3 (EXPLAIN QUERY PLAN on the engine's queries).
    var scale = args.Length > 1 && double.TryParse(args[1], System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : 1;
    var folder = Path.Combine(Path.GetTempPath(), "engine-bench", "national-data");
    var clock = System.Diagnostics.Stopwatch.StartNew();
    var data = await DataSet.CreateAsync(new BenchOptions { RepositoryRoot = repository, OutputFolder = "", National = scale }, folder);
    Console.WriteLine($"{data.National} in {clock.Elapsed.TotalSeconds:F1} s ({System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:F1} s of CPU, " +
        $"load average {Machine.LoadAverage()}): {data.NationalPhases}. Kept in {data.DataPath}");
    return 0;
}
if (args.FirstOrDefault() == "national-postgres")
{
    // The national tenant kept by `national-data` carried to a throwaway durable PostgreSQL by COPY, timed (figures 6 and 8 load it so).
    var generated = Path.Combine(Path.GetTempPath(), "engine-bench", "national-data", "data", "engine.db");
    if (!File.Exists(generated)) { Console.Error.WriteLine($"No national data set at {generated}: run `-- national-data [scale]` first."); return 2; }
    var bin = BenchPostgres.FindBinaries(out var version) ?? throw new InvalidOperationException("No PostgreSQL server binaries on this machine.");
    await using var server = await BenchPostgres.StartAsync(bin, version);
    var (clock, cpu, serverCpu) = (System.Diagnostics.Stopwatch.StartNew(), System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime, server.ServerCpu());
    var rows = await BenchPostgres.CopyTenantAsync(generated, NationalDataSet.Tenant, server.EngineDatabase, Console.WriteLine);
    var copied = (clock.Elapsed.TotalSeconds, (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds, (server.ServerCpu() - serverCpu).TotalSeconds);
    await server.SettleAsync();
    Console.WriteLine($"{rows.Values.Sum():N0} rows ({string.Join(", ", rows.Where(r => r.Value > 0).Select(r => $"{r.Key} {r.Value:N0}"))}) copied with their indexes and keys in " +
        $"{copied.Item1:F1} s ({copied.Item2:F1} s CPU here, {copied.Item3:F1} s PostgreSQL's); vacuumed, analysed and checkpointed in {clock.Elapsed.TotalSeconds - copied.Item1:F1} s " +
        $"(PostgreSQL's CPU in all {(server.ServerCpu() - serverCpu).TotalSeconds:F1} s); load average {Machine.LoadAverage()}");
    return 0;
}
if (args.FirstOrDefault() == "numbers")
{
    var scale = args.Length > 1 && double.TryParse(args[1], System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : 1;
    return await NumbersBench.RunAsync(repository, scale, output, smoke, Console.WriteLine);
}
if (args.FirstOrDefault() == "serve")
{
    // For looking at the engine by hand (profiling): the smoke data set, or with --full the figures' data set, served until Enter is pressed.
    var dataOptions = args.Contains("--full") ? new BenchOptions { RepositoryRoot = repository, OutputFolder = "" } : BenchOptions.SmokeRun(repository, "");
    // With --national <scale>, the national tenant too, and the baseline and the hint below on its biggest challenge.
    var nationalAt = Array.IndexOf(args, "--national");
    if (nationalAt >= 0) dataOptions = dataOptions with { National = double.Parse(args[nationalAt + 1], System.Globalization.CultureInfo.InvariantCulture) };
    var data = await DataSet.CreateAsync(dataOptions, Path.Combine(Path.GetTempPath(), "engine-bench", "serve"));
    // With --postgres, on a durable throwaway PostgreSQL holding the big tenant, as figure 6 runs.
    await using var postgres = args.Contains("--postgres") && BenchPostgres.FindBinaries(out var version) is { } bin
        ? await BenchPostgres.StartAsync(bin, version) : null;
    if (postgres is not null) await postgres.LoadBigTenantAsync(Path.Combine(data.DataPath, "engine.db"));
    await using var host = await EngineHost.StartAsync(data, repository,
        postgres is null ? null : new Dictionary<string, string?> { ["Engine:Storage:Postgres"] = postgres.EngineDatabase });
    // The baseline serves the visitor's challenge page, so figure 1 can be compared by hand in alternating rounds.
    using (var http = new HttpClient { Timeout = TimeSpan.FromMinutes(30) })
    using (var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{host.EnginePort}{data.ChallengePath}"))
    {
        request.Headers.Host = data.Host;
        using var response = await http.SendAsync(request);
        host.ServeFromBaseline(await response.Content.ReadAsByteArrayAsync());
    }
    Console.WriteLine($"Baseline on http://127.0.0.1:{host.BaselinePort} (the visitor's challenge page)");
    Console.WriteLine($"Engine on http://127.0.0.1:{host.EnginePort} (Host: {data.Host}); press Enter to stop.");
    Console.ReadLine();
    return 0;
}
if (args.FirstOrDefault() == "startup" && args.Length >= 4)
{
    // Figure 7 in a process of its own on a set already written (StartUpProcess): root, national scale, small tenants.
    return await StartUpProcess.RunAsync(repository, args[1], double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture), int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture));
}
if (args.FirstOrDefault() == "tenants")
{
    // Figure 7 alone with as many small tenants as asked (issue 22 asks 2,000 under 1 GB): tenants.md and tenants.json.
    var count = args.Length > 1 && int.TryParse(args[1], out var n) ? n : 2_000;
    return await TenantsBench.RunAsync(repository, count, output, smoke, Console.WriteLine);
}
if (args.FirstOrDefault() == "transfer")
    return await TransferTiming.RunAsync(new BenchOptions { RepositoryRoot = repository, OutputFolder = "", MicroBenchmarks = false }, Console.WriteLine);
if (args.FirstOrDefault() == "postgres")
{
    // Figures 6 and 8 alone (votes on PostgreSQL on one node, then on two), printed rather than written to results.md;
    // `-- postgres --national <scale>` on the national set `-- national-data <scale>` kept, carried by COPY.
    var pgOptions = new BenchOptions { RepositoryRoot = repository, OutputFolder = "", MicroBenchmarks = false };
    var nationalAt = Array.IndexOf(args, "--national");
    var kept = nationalAt < 0 ? null
        : DataSet.Describe(pgOptions with { National = double.Parse(args[nationalAt + 1], System.Globalization.CultureInfo.InvariantCulture) },
            Path.Combine(Path.GetTempPath(), "engine-bench", "national-data"));
    var results = await new Harness(pgOptions, Console.WriteLine).PostgresOnlyAsync(kept);
    foreach (var figure in Report.Figures(results).Where(f => f.Number is 6 or 8))
        Console.WriteLine($"Figure {figure.Number}: {figure.Measured} (target {figure.Target}: {(figure.Holds is true ? "holds" : "does not hold")})");
    Console.WriteLine($"Load average before {results.Machine.LoadAverageBefore}, after {results.Machine.LoadAverageAfter}");
    return 0;
}
var options = smoke ? BenchOptions.SmokeRun(repository, output) : new BenchOptions { RepositoryRoot = repository, OutputFolder = output };
if (args.Contains("--no-micro")) options = options with { MicroBenchmarks = false };

return await BenchRun.RunAsync(options, Console.WriteLine);
