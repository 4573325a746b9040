using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Engine.Bench;

/// <summary>One kind of request in the soak: how many a second were asked, how many were sent and failed, and their latencies.</summary>
/// <param name="NotSent">Requests that came due while the engine had too many of the kind unanswered (it fell behind): a miss, not a broken harness.</param>
public sealed record SoakKind(string Name, double PerSecond, long Sent, long NotSent, long Errors, double P50Ms, double P99Ms, double MaxMs, List<string> FirstErrors);

/// <summary>The engine's memory at one moment of the soak: its resident set and managed heap.</summary>
public sealed record SoakMemory(double Seconds, double ResidentMb, double ManagedHeapMb);

/// <summary>
/// A launch-day soak (issue 22): "10 minutes of 500 page views, 50 votes, 2 ideas and 10 searches a second: zero errors,
/// p99 pages under 50 ms, memory flat after warm-up (under 10% growth)".
/// </summary>
public sealed record SoakResult(double Minutes, List<SoakKind> Kinds, List<SoakMemory> Memory, double WarmUpSeconds, double GrowthPercent, string LoadBefore, string LoadAfter)
{
    public const double PagesP99TargetMs = 50, GrowthTargetPercent = 10;
    public SoakKind Pages => Kinds.First(k => k.Name == "pages");
    public bool Holds => Kinds.All(k => k.Errors == 0 && k.NotSent == 0) && Pages.P99Ms < PagesP99TargetMs && GrowthPercent < GrowthTargetPercent;
}

/// <summary>
/// The launch-day soak on the main data set's big tenant: each kind of request driven at its own fixed rate (open loop: a
/// request is sent when it is due, whether or not the ones before it have been answered, so a slow engine meets the same
/// load and its slowness shows in the latencies rather than in a lower rate), with each kind's latency percentiles and
/// errors, and the engine's resident memory and managed heap every 10 s. Pages are the challenge page, idea pages and
/// the home page as a visitor sees them; votes and ideas come from random members by their API tokens; searches ask the
/// search page two words of a random idea's title. Writes soak.md and soak.json.
/// </summary>
public static class SoakBench
{
    private static readonly TimeSpan MemoryEvery = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(BenchOptions options, double minutes, Action<string> log, CancellationToken ct = default)
    {
        Wrk.EnsureInstalled();
        var loadBefore = Machine.LoadAverage();
        var data = await DataSet.CreateAsync(options, Path.Combine(Path.GetTempPath(), "engine-bench", "soak-" + Guid.NewGuid().ToString("N")));
        var words = TitleWords(data);
        var duration = TimeSpan.FromMinutes(minutes);
        // Memory is flat "after warm-up": the first fifth of the run, at most a minute, is the engine filling its caches and compiling its code.
        var warmUp = TimeSpan.FromSeconds(Math.Min(60, duration.TotalSeconds / 5));
        SoakResult result;
        await using (var host = await EngineHost.StartAsync(data, options.RepositoryRoot))
        {
            await new Harness(options, log).WarmUpAsync(host, data, ct);
            using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };
            var ideasPosted = 0;
            var kinds = new[]
            {
                new Driver("pages", 500, () =>
                {
                    // Half the views are the challenge page, four in ten an idea's page, one in ten the home page.
                    var n = Random.Shared.Next(10);
                    return Get(host, data, n == 0 ? "/" : n <= 5 ? data.ChallengePath : $"/ideas/{Random.Shared.Next(1, data.Ideas + 1)}");
                }),
                new Driver("votes", 50, () => Send(host, data, HttpMethod.Put, $"/api/v1/ideas/{Random.Shared.Next(1, data.Ideas + 1)}/vote",
                    $$"""{"value":{{(Random.Shared.Next(2) == 0 ? 1 : -1)}}}""")),
                new Driver("ideas", 2, () =>
                {
                    var n = Interlocked.Increment(ref ideasPosted);
                    return Send(host, data, HttpMethod.Post, $"/api/v1/challenges/{data.ChallengeSlug}/ideas", JsonSerializer.Serialize(new
                    {
                        title = $"Launch day idea {n}: {Words(words, 4)}",
                        body = $"Posted during the soak: {Words(words, 30)}.",
                    }));
                }),
                new Driver("searches", 10, () => Get(host, data, "/search?q=" + Uri.EscapeDataString(Words(words, 2)))),
            };
            var memory = new List<SoakMemory>();
            var started = Stopwatch.GetTimestamp();
            log($"Soak: {string.Join(", ", kinds.Select(k => $"{k.PerSecond} {k.Name}/s"))} for {duration.TotalMinutes:F1} minutes");
            var sampling = Task.Run(async () =>
            {
                using var timer = new PeriodicTimer(MemoryEvery);
                while (await timer.WaitForNextTickAsync(ct) && Stopwatch.GetElapsedTime(started) <= duration + MemoryEvery / 2)
                {
                    var (resident, heap) = ProcessMemory.Now();
                    lock (memory) memory.Add(new SoakMemory(Stopwatch.GetElapsedTime(started).TotalSeconds, resident, heap));
                    log($"  {Stopwatch.GetElapsedTime(started).TotalSeconds,4:F0} s: {resident:F0} MB resident, {heap:F0} MB managed; " +
                        string.Join(", ", kinds.Select(k => $"{k.Name} {k.Sent} sent, {k.NotSent} not sent, {k.Errors} errors")));
                }
            }, ct);
            await Task.WhenAll(kinds.Select(k => k.RunAsync(http, duration, ct)));
            await sampling;
            var afterWarmUp = memory.FirstOrDefault(m => m.Seconds >= warmUp.TotalSeconds) ?? memory.FirstOrDefault();
            var last = memory.LastOrDefault();
            var growth = afterWarmUp is null || last is null ? 0 : 100 * (last.ResidentMb - afterWarmUp.ResidentMb) / afterWarmUp.ResidentMb;
            result = new SoakResult(minutes, kinds.Select(k => k.Result()).ToList(), memory, warmUp.TotalSeconds, growth, loadBefore, Machine.LoadAverage());
        }
        ModeOutput.Finish(data, options, "soak", Markdown(result, options.Smoke), result, log);
        return result.Kinds.All(k => k.Errors == 0 && k.Sent > 0) ? 0 : 1;
    }

    /// <summary>A GET as a visitor of the big tenant.</summary>
    private static HttpRequestMessage Get(EngineHost host, DataSet data, string path) =>
        new(HttpMethod.Get, $"http://127.0.0.1:{host.EnginePort}{path}") { Headers = { Host = data.Host } };

    /// <summary>A write to the API as a random member, by their token.</summary>
    private static HttpRequestMessage Send(EngineHost host, DataSet data, HttpMethod method, string path, string json) =>
        new(method, $"http://127.0.0.1:{host.EnginePort}{path}")
        {
            Headers = { Host = data.Host, Authorization = new AuthenticationHeaderValue("Bearer", DataSet.TokenFor(Random.Shared.Next(1, data.Members + 1))) },
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };

    private static string[] TitleWords(DataSet data)
    {
        using var c = new SqliteConnection($"Data Source={Path.Combine(data.DataPath, "engine.db")};Mode=ReadOnly;Pooling=False");
        return c.Query<string>("SELECT title FROM ideas WHERE tenant_id = @t ORDER BY id LIMIT 500", new { t = data.TenantId })
            .SelectMany(t => t.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(w => w.Trim('.', ',', ':', ';', '!', '?'))
            .Where(w => w.Length > 3).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
    }

    private static string Words(string[] words, int count) => string.Join(' ', Enumerable.Range(0, count).Select(_ => words[Random.Shared.Next(words.Length)]));

    /// <summary>
    /// One kind of request at a fixed rate: every millisecond, whatever has come due is sent without waiting for earlier
    /// answers. Latency is from sending to the whole answer read.
    /// </summary>
    private sealed class Driver(string name, double perSecond, Func<HttpRequestMessage> request)
    {
        // An engine that falls behind would otherwise meet ever more requests at once (each a connection of its own) until
        // the machine gives way: past this many unanswered, a request that comes due is not sent, and counted so.
        private int MaxInFlight => (int)Math.Max(16, perSecond / 2);
        private readonly List<double> _latencies = [];
        private readonly List<string> _firstErrors = [];
        private long _sent, _notSent, _errors;

        public string Name => name;
        public double PerSecond => perSecond;
        public long Sent => Interlocked.Read(ref _sent);
        public long Errors => Interlocked.Read(ref _errors);
        public long NotSent => Interlocked.Read(ref _notSent);

        public async Task RunAsync(HttpClient http, TimeSpan duration, CancellationToken ct)
        {
            var inFlight = new List<Task>();
            var started = Stopwatch.GetTimestamp();
            long due = 0;
            for (TimeSpan elapsed; (elapsed = Stopwatch.GetElapsedTime(started)) < duration;)
            {
                inFlight.RemoveAll(t => t.IsCompleted);
                for (var now = (long)(elapsed.TotalSeconds * perSecond); due < now; due++)
                    if (inFlight.Count < MaxInFlight) inFlight.Add(OneAsync(http, ct));
                    else Interlocked.Increment(ref _notSent);
                await Task.Delay(1, ct);
            }
            await Task.WhenAll(inFlight);
        }

        private async Task OneAsync(HttpClient http, CancellationToken ct)
        {
            Interlocked.Increment(ref _sent);
            var started = Stopwatch.GetTimestamp();
            string? error;
            try
            {
                using var message = request();
                using var response = await http.SendAsync(message, ct);
                var body = await response.Content.ReadAsStringAsync(ct);
                error = response.IsSuccessStatusCode ? null : $"{(int)response.StatusCode} for {message.Method} {message.RequestUri?.PathAndQuery}: {body[..Math.Min(body.Length, 200)]}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                error = $"{e.GetType().Name}: {e.Message}";
            }
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            lock (_latencies) _latencies.Add(ms);
            if (error is not null) Failed(error);
        }

        private void Failed(string error)
        {
            Interlocked.Increment(ref _errors);
            lock (_firstErrors)
                if (_firstErrors.Count < 5) _firstErrors.Add(error);
        }

        public SoakKind Result()
        {
            lock (_latencies)
            {
                var sorted = _latencies.Order().ToArray();
                double At(double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
                return new SoakKind(name, perSecond, Sent, Interlocked.Read(ref _notSent), Errors, Math.Round(At(0.5), 2), Math.Round(At(0.99), 2), Math.Round(At(1), 2), [.. _firstErrors]);
            }
        }
    }

    private static string Markdown(SoakResult r, bool smoke)
    {
        var md = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        md.AppendLine("# Launch-day soak (issue 22)").AppendLine();
        if (smoke) md.AppendLine("SMOKE RUN: a tiny data set and seconds of load; no figure here means anything.").AppendLine();
        md.AppendLine(c, $"{r.Minutes:0.##} minutes on the main data set's big tenant, each kind at a fixed rate (open loop); load average {r.LoadBefore} before, {r.LoadAfter} after. " +
            $"Targets: no errors, page p99 under {SoakResult.PagesP99TargetMs} ms, resident memory growing under {SoakResult.GrowthTargetPercent}% after the warm-up ({r.WarmUpSeconds:F0} s): " +
            $"{(r.Holds ? "hold" : "DO NOT ALL HOLD")}.").AppendLine();
        md.AppendLine("| kind | asked/s | sent | not sent (engine behind) | errors | p50 | p99 | max |").AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var k in r.Kinds) md.AppendLine(c, $"| {k.Name} | {k.PerSecond} | {k.Sent:N0} | {k.NotSent:N0} | {k.Errors} | {k.P50Ms} ms | {k.P99Ms} ms | {k.MaxMs} ms |");
        foreach (var k in r.Kinds.Where(k => k.FirstErrors.Count > 0))
            md.AppendLine().AppendLine(c, $"First {k.Name} errors: {string.Join("; ", k.FirstErrors)}");
        md.AppendLine().AppendLine(c, $"Memory every {MemoryEvery.TotalSeconds:F0} s (resident growth after the warm-up: {r.GrowthPercent:F1}%):").AppendLine();
        md.AppendLine("| at | resident | managed heap |").AppendLine("|---|---|---|");
        foreach (var m in r.Memory) md.AppendLine(c, $"| {m.Seconds:F0} s | {m.ResidentMb:F0} MB | {m.ManagedHeapMb:F0} MB |");
        return md.ToString();
    }
}
