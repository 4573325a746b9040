using Dapper;
using Microsoft.Data.Sqlite;

namespace Engine.Bench;

/// <summary>
/// Search at national scale (issue 22): the theme benchmark's generated contributions (ideas and comments from known
/// topics, <see cref="ThemeContributions"/>) in one tenant's challenge, searched through the JSON API as a visitor does:
/// two words from a random idea's text, and similar ideas for a random idea's title as someone types a new one. Each
/// request asks something different, so nothing is answered from a cache. Targets: search p99 under 50 ms, similar ideas
/// p99 under 30 ms. Printed, with the load average, for bench/analysis.md.
/// </summary>
public static class SearchBench
{
    // Enough distinct questions that neither the warm-up nor the run asks one twice (similar ideas keeps the ids it found per
    // words until a write: a repeated title would measure that copy, not the look-up); search.lua walks its list in order.
    private const int Connections = 8, Queries = 60_000, WarmUpQueries = 10_000;

    public static async Task<int> RunAsync(BenchOptions options, int contributions, Action<string> log)
    {
        Wrk.EnsureInstalled();
        log($"Generating {contributions:N0} contributions");
        var data = await DataSet.CreateAsync(options with { SmallTenants = 0 }, Path.Combine(Path.GetTempPath(), "engine-bench", "search-" + Guid.NewGuid().ToString("N")));
        ThemeContributions.Write(data, contributions, seed: 5);
        var (searches, similar) = Paths(data, new Random(11));
        await using var host = await EngineHost.StartAsync(data, options.RepositoryRoot);
        var url = $"http://127.0.0.1:{host.EnginePort}/";
        var script = Path.Combine(AppContext.BaseDirectory, "search.lua");
        // What the engine spends with nothing asked (its background work at this size), so the CPU per request can be read.
        var idleBefore = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        await Task.Delay(TimeSpan.FromSeconds(5));
        var idle = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - idleBefore).TotalMilliseconds / 5;
        log($"Idle: {idle:F0} ms of CPU a second with no request");
        var holds = true;
        foreach (var (name, paths, target) in new[] { ("search, two words", searches, 50.0), ("similar ideas, a title", similar, 30.0) })
        {
            var file = Path.Combine(data.Root, name.Split(',')[0].Replace(' ', '-') + ".txt");
            var warm = Math.Min(WarmUpQueries, paths.Count / 4); // a small (smoke) set has fewer ideas than questions
            await File.WriteAllLinesAsync(file + ".warm-up", paths[..warm]);
            await File.WriteAllLinesAsync(file, paths[warm..]);
            await Wrk.RunAsync(name + " (warm-up)", url, Connections, options.WarmUp, script, scriptArgs: [ThemeContributions.Host, file + ".warm-up"]);
            var run = await Wrk.RunAsync(name, url, Connections, options.Duration, script, scriptArgs: [ThemeContributions.Host, file]);
            holds &= run.Clean && run.P99Ms < target;
            // On a busy machine few requests are served, and the idle work's share of each grows: net of it is the request's own.
            var net = run.CpuMsPerRequest - idle * run.Seconds / run.Requests;
            log($"{name}: {run.RequestsPerSecond:N0} requests/s at {Connections} connections, p50 {run.P50Ms:F1} ms, p99 {run.P99Ms:F1} ms " +
                $"(target p99 < {target} ms: {(run.Clean && run.P99Ms < target ? "holds" : "does not hold")}), CPU {run.CpuMsPerRequest:F2} ms per request " +
                $"({net:F2} net of the idle rate), non-2xx {run.Non2xx}, socket errors {run.SocketErrors}");
        }
        log($"Load average after: {Machine.LoadAverage()}");
        return options.Smoke || holds ? 0 : 1;
    }

    /// <summary>Search paths (two words of a random idea's text) and similar-ideas paths (a random idea's title), each different.</summary>
    private static (List<string> Searches, List<string> Similar) Paths(DataSet data, Random random)
    {
        using var c = new SqliteConnection($"Data Source={Path.Combine(data.DataPath, "engine.db")};Mode=ReadOnly;Pooling=False");
        var texts = c.Query<(string Title, string Body)>("SELECT title, body FROM ideas WHERE tenant_id = @Tenant ORDER BY random() LIMIT @Queries",
            new { ThemeContributions.Tenant, Queries }).ToList();
        var searches = texts.Select(t =>
        {
            var words = (t.Title + " " + t.Body).Split(' ');
            return $"/api/v1/search?q={Uri.EscapeDataString(words[random.Next(words.Length)] + " " + words[random.Next(words.Length)])}";
        }).ToList();
        var similar = texts.Select(t => $"/api/v1/challenges/{DataSet.Challenge}/similar-ideas?title={Uri.EscapeDataString(t.Title)}").ToList();
        return (searches, similar);
    }
}
