using Dapper;
using Microsoft.Data.Sqlite;

namespace Engine.Bench;

/// <summary>
/// Search at national scale (issue 22): the theme benchmark's generated contributions (ideas and comments from known
/// topics, <see cref="ThemeContributions"/>) in one tenant's challenge, searched through the JSON API as a visitor does:
/// two words from a random idea's text, and similar ideas for a random idea's title as someone types a new one. Each
/// request asks something different, so nothing is answered from a cache. Targets: search p99 under 50 ms, similar ideas
/// p99 under 30 ms. Writes search.md and search.json, which results.md takes in.
/// </summary>
/// <summary>One kind of question at load: its target p99 and whether it held.</summary>
public sealed record SearchRun(string Id, string Name, double TargetP99Ms, WrkResult Load, double NetCpuMsPerRequest)
{
    public double P99Ms => Load.P99Ms;
    public bool Holds => Load.Clean && Load.Requests > 0 && Load.P99Ms < TargetP99Ms;
}

public sealed record SearchResult(int Contributions, int Connections, double IdleCpuMsPerSecond, List<SearchRun> Runs, string LoadBefore, string LoadAfter);

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
        var loadBefore = Machine.LoadAverage();
        var runs = new List<SearchRun>();
        double idle;
        await using (var host = await EngineHost.StartAsync(data, options.RepositoryRoot))
        {
            var url = $"http://127.0.0.1:{host.EnginePort}/";
            var script = Path.Combine(AppContext.BaseDirectory, "search.lua");
            // What the engine spends with nothing asked (its background work at this size), so the CPU per request can be read.
            var idleBefore = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
            await Task.Delay(TimeSpan.FromSeconds(options.Smoke ? 1 : 5));
            idle = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - idleBefore).TotalMilliseconds / (options.Smoke ? 1 : 5);
            log($"Idle: {idle:F0} ms of CPU a second with no request");
            foreach (var (id, name, paths, target) in new[] { ("search", "search, two words", searches, 50.0), ("similar-ideas", "similar ideas, a title", similar, 30.0) })
            {
                var file = Path.Combine(data.Root, id + ".txt");
                var warm = Math.Min(WarmUpQueries, paths.Count / 4); // a small (smoke) set has fewer ideas than questions
                await File.WriteAllLinesAsync(file + ".warm-up", paths[..warm]);
                await File.WriteAllLinesAsync(file, paths[warm..]);
                // A few questions first, answered whole: a smoke run has no warm-up, and a cold engine on a busy machine once answered
                // nothing within its one second (its first search builds what later ones read).
                using (var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) })
                    foreach (var path in paths.Take(4))
                    {
                        using var request = new HttpRequestMessage(HttpMethod.Get, url.TrimEnd('/') + path) { Headers = { Host = ThemeContributions.Host } };
                        using var answer = await http.SendAsync(request);
                        answer.EnsureSuccessStatusCode();
                    }
                await Wrk.RunAsync(name + " (warm-up)", url, Connections, options.WarmUp, script, scriptArgs: [ThemeContributions.Host, file + ".warm-up"]);
                var load = await Wrk.RunAsync(name, url, Connections, options.Duration, script, scriptArgs: [ThemeContributions.Host, file]);
                // On a busy machine few requests are served, and the idle work's share of each grows: net of it is the request's own.
                var run = new SearchRun(id, name, target, load, load.Requests == 0 ? double.NaN : load.CpuMsPerRequest - idle * load.Seconds / load.Requests);
                runs.Add(run);
                log($"{name}: {load.RequestsPerSecond:N0} requests/s at {Connections} connections, p50 {load.P50Ms:F1} ms, p99 {load.P99Ms:F1} ms " +
                    $"(target p99 < {target} ms: {(run.Holds ? "holds" : "does not hold")}), CPU {load.CpuMsPerRequest:F2} ms per request " +
                    $"({run.NetCpuMsPerRequest:F2} net of the idle rate), non-2xx {load.Non2xx}, socket errors {load.SocketErrors}");
            }
        }
        var result = new SearchResult(contributions, Connections, idle, runs, loadBefore, Machine.LoadAverage());
        ModeOutput.Finish(data, options, "search", Markdown(result, options.Smoke), result, log);
        // As the other modes: a full run reports what it saw; a broken harness (a load run with errors) is non-zero.
        return runs.All(r => r.Load.Clean && r.Load.Requests > 0) ? 0 : 1;
    }

    private static string Markdown(SearchResult r, bool smoke)
    {
        var md = new System.Text.StringBuilder();
        var c = System.Globalization.CultureInfo.InvariantCulture;
        md.AppendLine("# Search at national scale (issue 22)").AppendLine();
        if (smoke) md.AppendLine("SMOKE RUN: a tiny data set and one-second loads; no figure here means anything.").AppendLine();
        md.AppendLine(c, $"Written by `-- search {r.Contributions}`: {r.Contributions:N0} generated contributions in one challenge, asked through the JSON API at " +
            $"{r.Connections} connections, each question different (nothing answered from a cache); load average {r.LoadBefore} before, {r.LoadAfter} after; " +
            $"the engine idle spent {r.IdleCpuMsPerSecond:F0} ms of CPU a second.").AppendLine();
        md.AppendLine("| asked | requests/s | p50 | p99 | target | holds | CPU ms/request (net of idle) | non-2xx | socket errors |").AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var run in r.Runs)
            md.AppendLine(c, $"| {run.Name} | {run.Load.RequestsPerSecond:F0} | {run.Load.P50Ms:F1} ms | {run.Load.P99Ms:F1} ms | p99 < {run.TargetP99Ms:F0} ms | " +
                $"{(run.Holds ? "yes" : "**no**")} | {run.Load.CpuMsPerRequest:F2} ({run.NetCpuMsPerRequest:F2}) | {run.Load.Non2xx} | {run.Load.SocketErrors} |");
        return md.ToString();
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
