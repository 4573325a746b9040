using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Dapper;
using Engine.Core.Exports;
using Microsoft.Data.Sqlite;

namespace Engine.Bench;

/// <summary>One export downloaded whole: its size, how long until its first byte and its last, and the engine's memory meanwhile.</summary>
public sealed record ExportDownloadRun(string Name, int Status, long Bytes, double FirstByteMs, double Seconds, double PeakResidentAboveIdleMb, double PeakManagedHeapMb);

/// <summary>
/// The national tenant's exports (issue 22): each downloaded alone, with the memory it took above the engine at rest, then
/// figure 5 without an export and while exports run one after another.
/// </summary>
public sealed record ExportsResult(double Scale, string National, double IdleResidentMb, double IdleManagedHeapMb, List<ExportDownloadRun> Downloads,
    MixedResult Without, MixedResult During, int ExportsDuring, double DuringPeakResidentAboveIdleMb, double WalMb, string LoadBefore, string LoadAfter)
{
    public const double MemoryTargetMb = 256;
    public double PeakAboveIdleMb => Downloads.Count == 0 ? 0 : Downloads.Max(d => d.PeakResidentAboveIdleMb);
    public bool MemoryHolds => PeakAboveIdleMb <= MemoryTargetMb && DuringPeakResidentAboveIdleMb <= MemoryTargetMb;
    public bool Holds => MemoryHolds && Downloads.All(d => d.Status == 200) && FigureFiveBeside.HoldsFor(During);
}

/// <summary>
/// Exports at national scale (issue 22: "at most 256 MB more memory than idle, and the site keeps figure 5 while an export
/// runs"). The national set at a scale, one of its members made the site's admin; every dataset in CSV and JSON and the
/// bundle.zip downloaded through the admin API as an analyst's script would, each alone with the process's resident set
/// and managed heap watched every 20 ms; then figure 5 on the national tenant's biggest challenge without an export and
/// while the exports run one after another. Writes exports.md and exports.json.
/// </summary>
public static class ExportsBench
{
    public const long AdminId = 1;

    public static async Task<int> RunAsync(BenchOptions options, Action<string> log, CancellationToken ct = default)
    {
        Wrk.EnsureInstalled();
        var loadBefore = Machine.LoadAverage();
        var clock = Stopwatch.StartNew();
        var data = await DataSet.CreateAsync(options with { SmallTenants = 0 }, Path.Combine(Path.GetTempPath(), "engine-bench", "exports-" + Guid.NewGuid().ToString("N")));
        log($"{data.National} written in {clock.Elapsed.TotalSeconds:F0} s");
        MakeAdmin(data);
        ExportsResult result;
        await using (var host = await EngineHost.StartAsync(data, options.RepositoryRoot))
        {
            var harness = new Harness(options, log);
            await harness.WarmUpAsync(host, data, ct);
            using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan };
            var exports = Paths().ToList();
            // Each once first: the code that writes them is compiled, and the database's pages are read, before anything is measured.
            foreach (var (name, path) in exports) await DownloadAsync(http, host, data, name, path, 0, ct);
            var idle = await ProcessMemory.IdleAsync();
            log($"Idle: {idle.ResidentMb:F0} MB resident, {idle.ManagedHeapMb:F0} MB managed heap");
            var downloads = new List<ExportDownloadRun>();
            foreach (var (name, path) in exports)
            {
                var run = await DownloadAsync(http, host, data, name, path, idle.ResidentMb, ct);
                downloads.Add(run);
                log($"{name}: {run.Status}, {run.Bytes / 1048576.0:F1} MB in {run.Seconds:F1} s (first byte {run.FirstByteMs:F0} ms), " +
                    $"+{run.PeakResidentAboveIdleMb:F0} MB resident, heap peak {run.PeakManagedHeapMb:F0} MB");
            }

            var without = new BenchResults { Smoke = options.Smoke, Machine = Machine.Describe(options.RepositoryRoot) };
            var pauseMs = await harness.MixedAsync(host, data, without, ct);
            var db = host.Services.GetRequiredService<Engine.Data.Sqlite.SqliteDatabase>();
            var busy = db.BusyCount;
            using var round = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var completed = 0;
            await using var watch = ProcessMemory.Watch();
            var exporting = Task.Run(async () =>
            {
                // Exports one after another, the biggest first, until the round ends: the one running then is cut off, as a closed browser would.
                for (var i = 0; !round.IsCancellationRequested; i++)
                {
                    var (name, path) = exports[(exports.Count - 1 + i) % exports.Count];
                    try { await DownloadAsync(http, host, data, name, path, idle.ResidentMb, round.Token); completed++; }
                    catch (OperationCanceledException) { }
                }
            }, ct);
            var (pages, votes) = await harness.MixedRoundAsync(host, data, 64, pauseMs, options.Duration, " (during exports)", ct);
            await round.CancelAsync();
            await exporting;
            var wal = new FileInfo(Path.Combine(data.DataPath, "engine.db-wal"));
            result = new ExportsResult(options.National, data.National?.ToString() ?? "", idle.ResidentMb, idle.ManagedHeapMb, downloads, without.Mixed!,
                new MixedResult(pages, votes, db.BusyCount - busy), completed, watch.PeakResidentMb - idle.ResidentMb, wal.Exists ? wal.Length / 1048576.0 : 0,
                loadBefore, Machine.LoadAverage());
        }
        ModeOutput.Finish(data, options, "exports", Markdown(result, options.Smoke), result, log);
        // As the other modes: a full run reports what it saw; a broken harness (a failed download, a load run with errors) is non-zero.
        var clean = result.Downloads.All(d => d.Status == 200) && new[] { result.Without, result.During }.All(m => m.Pages.Clean && m.Votes.Clean);
        return clean ? 0 : 1;
    }

    /// <summary>Every dataset in each format, then the zip of them all, by the admin API's addresses.</summary>
    public static IEnumerable<(string Name, string Path)> Paths() =>
        Enum.GetValues<ExportDataset>().SelectMany(d => Enum.GetValues<ExportFormat>().Select(f => $"{d.Name()}.{f.ToString().ToLowerInvariant()}"))
            .Append("bundle.zip").Select(name => (name, $"/api/v1/admin/exports/{name}"));

    /// <summary>The national set's first member becomes its admin, whose token the downloads carry (roles are read on every request).</summary>
    private static void MakeAdmin(DataSet data)
    {
        using var c = new SqliteConnection($"Data Source={Path.Combine(data.DataPath, "engine.db")};Pooling=False");
        c.Execute("UPDATE members SET role = @role WHERE tenant_id = @tenant AND id = @id",
            new { role = Engine.Core.Members.Roles.Admin, tenant = data.TenantId, id = AdminId });
    }

    private static async Task<ExportDownloadRun> DownloadAsync(HttpClient http, EngineHost host, DataSet data, string name, string path, double idleResidentMb,
        CancellationToken ct)
    {
        await using var watch = ProcessMemory.Watch();
        var started = Stopwatch.GetTimestamp();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{host.EnginePort}{path}");
        request.Headers.Host = data.Host;
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", DataSet.TokenFor(AdminId));
        // As a browser asks: were an export compressed, the compressor's buffers would count too.
        request.Headers.AcceptEncoding.ParseAdd("gzip, deflate, br");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        var firstByte = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[64 * 1024];
        long bytes = 0;
        for (int read; (read = await body.ReadAsync(buffer, ct)) > 0;) bytes += read;
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {Encoding.UTF8.GetString(buffer, 0, (int)Math.Min(bytes, 500))}");
        return new ExportDownloadRun(name, (int)response.StatusCode, bytes, firstByte, seconds, watch.PeakResidentMb - idleResidentMb, watch.PeakManagedHeapMb);
    }

    private static string Markdown(ExportsResult r, bool smoke)
    {
        var md = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        md.AppendLine("# Exports at national scale (issue 22)").AppendLine();
        if (smoke) md.AppendLine("SMOKE RUN: a tiny data set and one-second loads; no figure here means anything.").AppendLine();
        md.AppendLine(c, $"The national tenant at scale {r.Scale} ({r.National}); load average {r.LoadBefore} before, {r.LoadAfter} after. ")
          .AppendLine(c, $"The engine at rest: {r.IdleResidentMb:F0} MB resident, {r.IdleManagedHeapMb:F0} MB managed heap (after a full collection). ")
          .AppendLine(c, $"Target: at most {ExportsResult.MemoryTargetMb:F0} MB more than that while an export runs: {(r.MemoryHolds ? "holds" : "DOES NOT HOLD")} " +
              $"(alone at most +{r.PeakAboveIdleMb:F0} MB; during figure 5 +{r.DuringPeakResidentAboveIdleMb:F0} MB).").AppendLine();
        md.AppendLine("| export | status | size | first byte | whole | resident above idle (peak) | managed heap (peak) |").AppendLine("|---|---|---|---|---|---|---|");
        foreach (var d in r.Downloads)
            md.AppendLine(c, $"| {d.Name} | {d.Status} | {d.Bytes / 1048576.0:F1} MB | {d.FirstByteMs:F0} ms | {d.Seconds:F1} s | +{d.PeakResidentAboveIdleMb:F0} MB | {d.PeakManagedHeapMb:F0} MB |");
        md.AppendLine();
        md.AppendLine(c, $"Figure 5 on the biggest challenge (visitor pages at 16 connections while about 500 votes/s), without an export and while exports ran one " +
            $"after another ({r.ExportsDuring} finished in the round; the SQLite WAL was {r.WalMb:F0} MB after it, as a snapshot read keeps it from being checkpointed):").AppendLine();
        md.AppendLine("| round | pages/s | page p99 | votes/s | vote p99 | non-2xx | busy |").AppendLine("|---|---|---|---|---|---|---|");
        foreach (var (name, m) in new[] { ("without an export", r.Without), ("during exports", r.During) })
            md.AppendLine(c, $"| {name} | {m.Pages.RequestsPerSecond:F0} | {m.Pages.P99Ms} ms | {m.Votes.RequestsPerSecond:F0} | {m.Votes.P99Ms} ms | {m.Pages.Non2xx + m.Votes.Non2xx} | {m.Busy} |");
        md.AppendLine().AppendLine(c, $"Figure 5 during exports (page p99 under 100 ms, no busy database, at least 450 votes/s): {(FigureFiveBeside.HoldsFor(r.During) ? "holds" : "DOES NOT HOLD")}.");
        return md.ToString();
    }
}
