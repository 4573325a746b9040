using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Engine.Core.Tenancy;
using Engine.Data;
using Engine.Data.Postgres;
using Engine.Data.Sqlite;
using Engine.Data.Transfer;
using Engine.Themes;
using Engine.Web.Site;
using Engine.Web.Tenancy;

namespace Engine.Bench;

/// <summary>
/// Runs every load figure against one engine in this process. Every throughput is a ratio to the bare
/// baseline measured in the same run, on the same bytes, so a busy or slow machine moves both alike.
/// </summary>
public sealed class Harness(BenchOptions options, Action<string> log)
{
    public async Task<BenchResults> RunAsync(CancellationToken ct = default)
    {
        Wrk.EnsureInstalled();
        var results = new BenchResults { Smoke = options.Smoke, Machine = Machine.Describe(options.RepositoryRoot) };
        var clock = Stopwatch.StartNew();
        var national = options.National > 0 ? NationalSize.Scaled(options.National) : null;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        log($"Generating the data set ({options.Ideas} ideas, {options.Members} members, {options.Votes} votes, {options.Comments} comments, {options.SmallTenants} small tenants" +
            (national is null ? ")" : $", and the national tenant: {national})"));
        var data = await DataSet.CreateAsync(options, Path.Combine(Path.GetTempPath(), "engine-bench",
            (options.Smoke ? "smoke-" + Guid.NewGuid().ToString("N") : "full") + (national is null ? "" : "-national")));
        results.Generation = new DataSetGeneration(national, data.Ideas, clock.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds, new FileInfo(Path.Combine(data.DataPath, "engine.db")).Length / (1024.0 * 1024), Machine.LoadAverage());
        results.Notes.Add($"Data set generated in {clock.Elapsed.TotalSeconds:F1} s ({results.Generation.CpuSeconds:F1} s of CPU; load average {results.Generation.LoadAverage})" +
            (national is null ? "." : $"; the national tenant's parts: {data.NationalPhases}."));
        log($"Data set generated in {clock.Elapsed.TotalSeconds:F1} s, {results.Generation.DatabaseMb:F0} MB. {data.NationalPhases}");
        // Figure 6 loads the data set as generated, not as the SQLite figures' votes left it.
        var generated = Path.Combine(data.Root, "as-generated.db");
        File.Copy(Path.Combine(data.DataPath, "engine.db"), generated);

        // Figure 7 first, in a process of its own: this one holds what generating the set took.
        (results.ManyTenants, var startUpNote) = await StartUpProcess.MeasureAsync(options, data, log, ct);
        results.Notes.Add(startUpNote + " (start-up and memory measured in a process of its own, which only started the engine on the written set)");
        log("Starting the engine");
        await using (var host = await EngineHost.StartAsync(data, options.RepositoryRoot))
        {
            // The national tenant's first views count its numbers over ten million votes: minutes on a busy machine, not seconds.
            using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false })
                { Timeout = national is null ? TimeSpan.FromSeconds(100) : TimeSpan.FromMinutes(30) };
            await VisitorPageAsync(host, data, http, results, ct);
            await MemberPageAsync(host, data, http, results, ct);
            await IdeaPageAsync(host, data, http, results, ct);
            await VotesAsync(host, data, results, ct);
            await MixedAsync(host, data, results, ct);
        }
        // After the SQLite engine has stopped: the PostgreSQL figure has the machine to itself, as the others had.
        try
        {
            await PostgresVotesAsync(data, generated, results, ct);
        }
        catch (Exception e) when (!options.Smoke && e is not OperationCanceledException)
        {
            // A full run keeps the figures it has; the smoke run exists to catch a broken harness, so there it throws.
            results.PostgresVotes = new(results.PostgresVotes?.Server ?? "PostgreSQL", $"the PostgreSQL run failed: {e.GetType().Name}: {e.Message}", results.PostgresVotes?.Runs ?? []);
            log($"Figure 6 failed: {e}");
        }
        results.Notes.Add($"Load figures took {clock.Elapsed.TotalSeconds:F0} s in all.");
        try { Directory.Delete(data.Root, recursive: true); } catch (IOException) { /* a file still held: it is in the temp folder */ }
        results.Machine.LoadAverageAfter = Machine.LoadAverage();
        return results;
    }

    /// <summary>
    /// Figures 6 and 8 alone, on the full data set: one node's vote storms on PostgreSQL, then two nodes'. Given a
    /// <paramref name="kept"/> set (the national one `-- national-data` left), on that instead of a new one, left as it was.
    /// </summary>
    public async Task<BenchResults> PostgresOnlyAsync(DataSet? kept = null, CancellationToken ct = default)
    {
        Wrk.EnsureInstalled();
        var results = new BenchResults { Smoke = options.Smoke, Machine = Machine.Describe(options.RepositoryRoot) };
        var data = kept ?? await DataSet.CreateAsync(options, Path.Combine(Path.GetTempPath(), "engine-bench", "postgres-" + Guid.NewGuid().ToString("N")));
        // Only the PostgreSQL engine runs here, so the SQLite file is read as generated.
        var generated = Path.Combine(data.DataPath, "engine.db");
        await PostgresVotesAsync(data, generated, results, ct);
        if (kept is null)
            try { Directory.Delete(data.Root, recursive: true); } catch (IOException) { /* a file still held: it is in the temp folder */ }
        results.Machine.LoadAverageAfter = Machine.LoadAverage();
        return results;
    }

    private string Url(EngineHost host, string path) => $"http://127.0.0.1:{host.EnginePort}{path}";
    private static Dictionary<string, string> Host(string host, string? cookie = null) =>
        cookie is null ? new() { ["Host"] = host } : new() { ["Host"] = host, ["Cookie"] = cookie };

    private static async Task<byte[]> GetAsync(HttpClient http, string url, string host, string? cookie = null, CancellationToken ct = default) =>
        (await GetWithCookiesAsync(http, url, host, cookie, ct)).Body;

    private static async Task<(byte[] Body, string[] SetCookies)> GetWithCookiesAsync(HttpClient http, string url, string host, string? cookie, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Host = host;
        if (cookie is not null) request.Headers.Add("Cookie", cookie);
        using var response = await http.SendAsync(request, ct);
        var body = await response.Content.ReadAsByteArrayAsync(ct);
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"GET {url} for {host} answered {(int)response.StatusCode}");
        return (body, response.Headers.TryGetValues("Set-Cookie", out var set) ? set.Select(c => c.Split(';')[0]).ToArray() : []);
    }

    /// <summary>Figure 7: start-up with every tenant, then every tenant's home page once, then memory.</summary>
    internal async Task ManyTenantsAsync(EngineHost host, DataSet data, HttpClient http, BenchResults results, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        foreach (var tenantHost in data.SmallTenantHosts) await GetAsync(http, Url(host, "/"), tenantHost, ct: ct);
        var small = clock.Elapsed;
        await GetAsync(http, Url(host, "/"), data.Host, ct: ct);
        var firstViews = clock.Elapsed;
        results.Notes.Add($"Figure 7: the first view of {data.Host}'s home page took {(firstViews - small).TotalSeconds:F1} s; the {data.SmallTenantHosts.Count} small tenants' together {small.TotalSeconds:F1} s.");
        log(results.Notes[^1]);
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        using var me = Process.GetCurrentProcess();
        me.Refresh();
        var tenants = host.Services.GetRequiredService<TenantRegistry>().Current.Tenants;
        var themes = host.Services.GetRequiredService<ThemeEngine>();
        var compiled = tenants.Select(t => themes.Get(t.Theme, Path.Combine(t.Folder, "overrides")).Theme).Distinct().Count();
        results.ManyTenants = new ManyTenantsResult(tenants.Count, host.StartUp.TotalSeconds, firstViews.TotalSeconds,
            me.WorkingSet64 / (1024.0 * 1024), GC.GetTotalMemory(false) / (1024.0 * 1024), compiled, tenants.Select(t => t.Theme).Distinct().Count());
        log($"Many tenants: {results.ManyTenants}");
    }

    /// <summary>Figure 1: the 900-idea challenge page for a visitor, against the same bytes from bare Kestrel.</summary>
    private async Task VisitorPageAsync(EngineHost host, DataSet data, HttpClient http, BenchResults results, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var page = await GetAsync(http, Url(host, data.ChallengePath), data.Host, ct: ct);
        results.Notes.Add($"Figure 1: the first view of the challenge page ({data.Ideas:N0} ideas) took {clock.Elapsed.TotalSeconds:F1} s.");
        log(results.Notes[^1]);
        results.VisitorPageBytes = page.Length;
        host.ServeFromBaseline(page);
        var baseline = await LoadAsync("baseline (visitor page bytes)", $"http://127.0.0.1:{host.BaselinePort}/", 16, null, ct);
        var engine = await LoadAsync("challenge page, visitor", Url(host, data.ChallengePath), 16, Host(data.Host), ct);
        results.Pairs.Add(new PagePair("visitor", baseline, engine));
    }

    /// <summary>Figure 2: the same page for a signed-in member, whose own votes are marked.</summary>
    private async Task MemberPageAsync(EngineHost host, DataSet data, HttpClient http, BenchResults results, CancellationToken ct)
    {
        using var signIn = new HttpRequestMessage(HttpMethod.Post, Url(host, "/api/v1/account/signin"))
        {
            Content = JsonContent.Create(new { email = DataSet.SignedInEmail, password = DataSet.SignedInPassword }),
        };
        signIn.Headers.Host = data.Host;
        using var response = await http.SendAsync(signIn, ct);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Signing in the bench member failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
        var cookie = string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        // A browser sends back the anti-forgery cookie the first page set, so the load does too.
        var (_, set) = await GetWithCookiesAsync(http, Url(host, data.ChallengePath), data.Host, cookie, ct);
        cookie = string.Join("; ", set.Prepend(cookie));
        var page = await GetAsync(http, Url(host, data.ChallengePath), data.Host, cookie, ct);
        if (!System.Text.Encoding.UTF8.GetString(page).Contains("aria-pressed=\"true\"", StringComparison.Ordinal))
            throw new InvalidOperationException("The signed-in member's page does not mark their votes: the member page under test is not the real one.");
        results.MemberPageBytes = page.Length;
        host.ServeFromBaseline(page);
        var baseline = await LoadAsync("baseline (member page bytes)", $"http://127.0.0.1:{host.BaselinePort}/", 16, null, ct);
        var engine = await LoadAsync("challenge page, signed-in member", Url(host, data.ChallengePath), 16, Host(data.Host, cookie), ct);
        results.Pairs.Add(new PagePair("member", baseline, engine));
    }

    /// <summary>Figure 9: an idea's page with its 200 comments for a visitor, against the same bytes from bare Kestrel.</summary>
    private async Task IdeaPageAsync(EngineHost host, DataSet data, HttpClient http, BenchResults results, CancellationToken ct)
    {
        var page = await GetAsync(http, Url(host, data.IdeaPath), data.Host, ct: ct);
        var shown = System.Text.RegularExpressions.Regex.Count(System.Text.Encoding.UTF8.GetString(page), "id=\"comment-\\d+\"");
        if (shown != DataSet.IdeaComments)
            throw new InvalidOperationException($"The idea page {data.IdeaPath} shows {shown} comments, not {DataSet.IdeaComments}: the page under test is not the one asked for.");
        results.IdeaPageBytes = page.Length;
        // A few more views before the clock: a smoke run's one-second load with no warm-up, at a load average of 40, once
        // finished no request of a page this long while its code was still being compiled.
        for (var i = 0; i < 4; i++) await GetAsync(http, Url(host, data.IdeaPath), data.Host, ct: ct);
        host.ServeFromBaseline(page);
        var baseline = await LoadAsync("baseline (idea page bytes)", $"http://127.0.0.1:{host.BaselinePort}/", 16, null, ct);
        var engine = await LoadAsync("idea page with 200 comments, visitor", Url(host, data.IdeaPath), 16, Host(data.Host), ct);
        results.Pairs.Add(new PagePair("idea", baseline, engine));
    }

    /// <summary>Figure 4: durable votes from 64 connections, each as a random member on a random idea.</summary>
    private async Task VotesAsync(EngineHost host, DataSet data, BenchResults results, CancellationToken ct)
    {
        var db = host.Services.GetRequiredService<SqliteDatabase>();
        const string name = "votes, 64 connections";
        string[] script = [data.Host, data.Members.ToString(), data.Ideas.ToString(), "0"];
        if (options.WarmUp > TimeSpan.Zero) await Wrk.RunAsync(name + " (warm-up)", Url(host, "/"), 64, options.WarmUp, Script(), null, script, ct);
        // Counted from here: the warm-up's commits are not the figure's.
        var (commits, writes, busy) = (db.Commits, db.Writes, db.BusyCount);
        var votes = await Wrk.RunAsync(name, Url(host, "/"), 64, options.Duration, Script(), null, script, ct);
        log($"{name}: {votes.RequestsPerSecond:F0} votes/s, p50 {votes.P50Ms} ms, p99 {votes.P99Ms} ms, non-2xx {votes.Non2xx}");
        results.Votes = new VoteResult(votes, db.Commits - commits, db.Writes - writes, db.BusyCount - busy, db.BusyCounted);
    }

    /// <summary>
    /// Before figure 5 on a new engine, when nothing has warmed it (the theme suggestions run): a smoke run's rounds last
    /// a second with no warm-up, and a cold engine on a busy machine once answered nothing within it. So the page is
    /// served a few times and every member votes once first, as figure 6 does.
    /// </summary>
    internal async Task WarmUpAsync(EngineHost host, DataSet data, CancellationToken ct)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false });
        for (var i = 0; i < 16; i++) await GetAsync(http, Url(host, data.ChallengePath), data.Host, ct: ct);
        await FirstVotesAsync(host, data, options.Smoke ? Enumerable.Range(1, data.Members) : [2], ct);
        // In the main run figures 1, 2 and 4 have loaded the engine for half a minute before figure 5, and its hot code is
        // compiled in its final form; a new engine's is not (tiered compilation), and figure 5 measured that: 675 pages/s at
        // 1.6 ms of CPU each in the first round, 1,738 in the next, where the main run serves 10,000. So the page is loaded
        // as figure 1 loads it first.
        if (options.WarmUp > TimeSpan.Zero)
            await Wrk.RunAsync("challenge page (warm-up, as figures 1 and 2)", Url(host, data.ChallengePath), 16, options.Duration, headers: Host(data.Host), ct: ct);
        // In the main run figure 4's storm has met the members before figure 5; a new engine has not. Its members' first votes
        // (each a token looked up and its use and the day's visit recorded) made figure 5's calibration round slow, the driver
        // then paused for nothing, and 64 connections voted flat out (1,202 votes/s where 500 were asked), starving the pages.
        if (options.WarmUp > TimeSpan.Zero)
            await Wrk.RunAsync("votes (warm-up, as figure 4's)", Url(host, "/"), 64, options.WarmUp, Script(), null,
                [data.Host, data.Members.ToString(), data.Ideas.ToString(), "0"], ct);
    }

    /// <summary>Figure 5: visitors' pages at 16 connections while about 500 votes a second are written. Returns the vote driver's pause.</summary>
    internal async Task<double> MixedAsync(EngineHost host, DataSet data, BenchResults results, CancellationToken ct)
    {
        // Each of the driver's connections votes, waits for the answer, then pauses: its rate is
        // connections / (pause + vote latency). A pause of connections / 500 s alone fell short (414/s) by
        // the latency, so a first round under the same mix measures that latency and the second allows for it.
        const int connections = 64;
        const double targetVotesPerSecond = 500;
        var pauseMs = 1000 * connections / targetVotesPerSecond;
        if (options.WarmUp > TimeSpan.Zero)
        {
            var (_, probe) = await MixedRoundAsync(host, data, connections, pauseMs, options.WarmUp, " (calibration)", ct);
            var latencyMs = probe.RequestsPerSecond > 0 ? Math.Max(0, 1000 * connections / probe.RequestsPerSecond - pauseMs) : 0;
            pauseMs = Math.Max(0, 1000 * connections / targetVotesPerSecond - latencyMs);
        }
        var db = host.Services.GetRequiredService<SqliteDatabase>();
        var busy = db.BusyCount;
        var (pages, votes) = await MixedRoundAsync(host, data, connections, pauseMs, options.Duration, "", ct);
        results.Mixed = new MixedResult(pages, votes, db.BusyCount - busy);
        results.Notes.Add($"Mixed load: the vote driver paused {pauseMs:F0} ms between a connection's votes (64 connections), calibrated for about {targetVotesPerSecond:F0} votes/s.");
        log($"Mixed: pages {pages.RequestsPerSecond:F0}/s p99 {pages.P99Ms} ms, votes {votes.RequestsPerSecond:F0}/s");
        return pauseMs;
    }

    internal async Task<(WrkResult Pages, WrkResult Votes)> MixedRoundAsync(EngineHost host, DataSet data, int connections, double pauseMs,
        TimeSpan duration, string suffix, CancellationToken ct)
    {
        var voting = Wrk.RunAsync("votes, about 500/s" + suffix, Url(host, "/"), connections, duration, Script(), null,
            [data.Host, data.Members.ToString(), data.Ideas.ToString(), Math.Round(pauseMs).ToString(System.Globalization.CultureInfo.InvariantCulture)], ct);
        var pages = await Wrk.RunAsync("challenge page, visitor, while voting" + suffix, Url(host, data.ChallengePath), 16, duration, null, Host(data.Host), ct: ct);
        return (pages, await voting);
    }

    /// <summary>
    /// Figure 6: the same votes against the engine on a durable PostgreSQL on this machine, holding the same
    /// generated data set (the big tenant, carried over by the engine's own tenant transfer), at 8, 16 and 32 connections.
    /// </summary>
    private async Task PostgresVotesAsync(DataSet data, string generated, BenchResults results, CancellationToken ct)
    {
        var bin = BenchPostgres.FindBinaries(out var version);
        if (bin is null)
        {
            results.PostgresVotes = new("none", "no PostgreSQL server on this machine (initdb and pg_ctl not found in /usr/lib/postgresql/15, 16 or 17/bin; " +
                "install postgresql-15 to measure it)", []);
            log("Figure 6 not measured: no PostgreSQL server binaries on this machine");
            return;
        }
        log($"Starting a durable throwaway PostgreSQL {version}");
        var clock = Stopwatch.StartNew();
        await using var server = await BenchPostgres.StartAsync(bin, version);
        var where = FileSystemOf(server.DataFolder);
        if (data.National is null)
        {
            var dump = await server.LoadBigTenantAsync(generated, ct);
            results.Notes.Add($"Figure 6: PostgreSQL {version} on 127.0.0.1 on this machine, data on {where}, {BenchPostgres.Settings}; " +
                $"the big tenant ({dump.Counts.Values.Sum():N0} rows) carried over from the generated SQLite data set by TenantTransfer in {clock.Elapsed.TotalSeconds:F1} s.");
        }
        else
        {
            // Twelve million rows: TenantTransfer's one INSERT per row would take hours, so the bench's own COPY loader carries them.
            var rows = await BenchPostgres.CopyTenantAsync(generated, data.TenantId, server.EngineDatabase, log, ct);
            var copied = clock.Elapsed.TotalSeconds;
            await server.SettleAsync(ct);
            results.Notes.Add($"Figure 6: PostgreSQL {version} on 127.0.0.1 on this machine, data on {where}, {BenchPostgres.Settings}; " +
                $"the national tenant ({rows.Values.Sum():N0} rows) carried over from the generated SQLite data set by COPY in {copied:F1} s with its indexes, " +
                $"then vacuumed, analysed and checkpointed in {clock.Elapsed.TotalSeconds - copied:F1} s.");
        }
        log(results.Notes[^1]);
        var runs = new List<PostgresVoteRun>();
        results.PostgresVotes = new($"PostgreSQL {version}, {BenchPostgres.Settings}, data on {where}", null, runs);

        log("Starting the engine on PostgreSQL");
        await using var host = await EngineHost.StartAsync(data, options.RepositoryRoot, new Dictionary<string, string?> { ["Engine:Storage:Postgres"] = server.EngineDatabase });
        var db = (PostgresDatabase)host.Services.GetRequiredService<Database>();
        await FirstVotesAsync(host, data, options.Smoke ? Enumerable.Range(1, data.Members) : [2], ct);
        string[] script = [data.Host, data.Members.ToString(), data.Ideas.ToString(), "0"];
        var warmUp = options.PostgresWarmUp;
        foreach (var connections in options.PostgresConnections)
        {
            var name = $"votes on PostgreSQL, {connections} connections";
            if (warmUp > TimeSpan.Zero) await Wrk.RunAsync(name + " (warm-up)", Url(host, "/"), connections, warmUp, Script(), null, script, ct);
            warmUp = options.WarmUp;
            var (commits, writes, cpu, wal) = (db.Commits, db.Writes, server.ServerCpu(), await server.WalAsync());
            var votes = await Wrk.RunAsync(name, Url(host, "/"), connections, options.Duration, Script(), null, script, ct);
            var walAfter = await server.WalAsync();
            var serverCpu = (server.ServerCpu() - cpu).TotalMilliseconds;
            var run = new PostgresVoteRun(votes, db.Commits - commits, db.Writes - writes, votes.Requests == 0 ? double.NaN : serverCpu / votes.Requests,
                walAfter.Syncs - wal.Syncs, walAfter.SyncMs - wal.SyncMs);
            runs.Add(run);
            log($"{name}: {votes.RequestsPerSecond:F0} votes/s, p50 {votes.P50Ms} ms, p99 {votes.P99Ms} ms, {run.AverageGroup:F1} votes per commit, " +
                $"CPU per vote {votes.CpuMsPerRequest:F3} ms engine + {run.ServerCpuMsPerVote:F3} ms PostgreSQL, {run.WalSyncs} WAL flushes of {run.WalSyncMsEach:F2} ms, non-2xx {votes.Non2xx}");
        }
        results.PostgresVotes.TwoNodes = await TwoNodesStormAsync(host, runs[^1].Load, data, server, script, ct);
        var alone = results.PostgresVotes.WriterAlone = await WriterAloneAsync(db, server, data, options.Smoke ? 128 : 4096, ct);
        log($"Writer alone on PostgreSQL: {alone.VotesPerSecond:F0} votes/s ({alone.MsPerVote:F2} ms each), {alone.AverageGroup:F1} votes per commit, " +
            $"CPU per vote {alone.EngineCpuMsPerVote:F3} ms engine + {alone.ServerCpuMsPerVote:F3} ms PostgreSQL, {alone.WalSyncs} WAL flushes of {alone.WalSyncMsEach:F2} ms");
    }

    /// <summary>
    /// Figure 8: the storm of the last figure 6 run again, its connections split over this node and a second one started
    /// on the same database, as an operator runs two nodes behind a load balancer. Their write groups once deadlocked on
    /// the ideas' counter rows (1 s stalls on both nodes); now each group takes its locks in one order.
    /// </summary>
    private async Task<TwoNodesStorm> TwoNodesStormAsync(EngineHost first, WrkResult oneNode, DataSet data, BenchPostgres server, string[] script, CancellationToken ct)
    {
        log("Starting a second engine node on the same PostgreSQL database");
        await using var second = await EngineHost.StartAsync(data, options.RepositoryRoot, new Dictionary<string, string?> { ["Engine:Storage:Postgres"] = server.EngineDatabase });
        // Every member once, as the first node met them all in figure 6's runs: the storm then compares two warm nodes with
        // one, not a node meeting 8,000 members for the first time (each first use of a token is a read and a write).
        // On the national set the vote script picks any of a million members, so both nodes meet most of them for the first
        // time during the storm anyway: the second node is warmed as the first was, with one vote.
        await FirstVotesAsync(second, data, data.National is null || options.Smoke ? Enumerable.Range(1, data.Members) : [2], ct);
        var each = Math.Max(1, oneNode.Connections / 2);
        if (options.PostgresWarmUp > TimeSpan.Zero)
            await Task.WhenAll(new[] { (first, "1"), (second, "2") }.Select(n => Wrk.RunAsync("two nodes (warm-up)", Url(n.Item1, "/"), each, options.PostgresWarmUp, Script(), null, [.. script, n.Item2], ct)));
        var deadlocks = await server.DeadlocksAsync();
        var sampling = SampleWaitsAsync(server.EngineDatabase, options.Duration);
        var storm = await Task.WhenAll(new[] { (first, "a", "1"), (second, "b", "2") }.Select(n =>
            Wrk.RunAsync($"votes on PostgreSQL, two nodes, node {n.Item2}", Url(n.Item1, "/"), each, options.Duration, Script(), null, [.. script, n.Item3], ct)));
        var result = new TwoNodesStorm(oneNode, storm[0], storm[1], await server.DeadlocksAsync() - deadlocks);
        foreach (var (what, samples) in (await sampling).OrderByDescending(kv => kv.Value).Take(12)) log($"  database sessions: {samples} samples {what}");
        log($"Two nodes, {each} connections each: {result.VotesPerSecond:F0} votes/s, p99 {result.P99Ms} ms ({result.P99Ratio:F2} x one node's {oneNode.P99Ms} ms at {oneNode.Connections}), " +
            $"{result.Deadlocks} deadlocks, non-2xx {storm[0].Non2xx + storm[1].Non2xx}");
        return result;
    }

    /// <summary>
    /// What the database's busy sessions are doing during the storm, sampled every 20 ms: the wait event (or "-"), the
    /// state and the start of the statement. "idle in transaction" is a transaction waiting for its node to send more;
    /// "Lock/advisory" a node waiting for the other's locks; "IO/WALSync" a commit waiting for its flush.
    /// </summary>
    private static async Task<Dictionary<string, int>> SampleWaitsAsync(string database, TimeSpan duration)
    {
        var counts = new Dictionary<string, int>();
        await using var c = new Npgsql.NpgsqlConnection(database);
        await c.OpenAsync();
        var end = DateTime.UtcNow + duration;
        while (DateTime.UtcNow < end)
        {
            await using (var cmd = new Npgsql.NpgsqlCommand("SELECT coalesce(wait_event_type,'-') || '/' || coalesce(wait_event,'-') || ' ' || state || ' ' || left(regexp_replace(query, '\\s+', ' ', 'g'), 90) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'", c))
            await using (var r = await cmd.ExecuteReaderAsync())
                while (await r.ReadAsync()) { var k = r.GetString(0); counts[k] = counts.GetValueOrDefault(k) + 1; }
            await Task.Delay(20);
        }
        return counts;
    }

    /// <summary>
    /// Votes straight into the vote store, 64 waiting at a time as under load, with no HTTP, authentication or
    /// reads around them: how fast the one writer per node goes on PostgreSQL, and so what is left for the rest.
    /// </summary>
    private static async Task<WriterAlone> WriterAloneAsync(PostgresDatabase db, BenchPostgres server, DataSet data, int total, CancellationToken ct)
    {
        var votes = new Engine.Data.Stores.VoteStore(db);
        var random = new Random(11);
        var (commits, cpu, serverCpu, wal) = (db.Commits, Process.GetCurrentProcess().TotalProcessorTime, server.ServerCpu(), await server.WalAsync());
        var clock = Stopwatch.StartNew();
        for (var sent = 0; sent < total; sent += 64)
            await Task.WhenAll(Enumerable.Range(0, Math.Min(64, total - sent)).Select(_ =>
                votes.CastAsync(data.TenantId, random.NextInt64(1, data.Ideas + 1), random.NextInt64(1, data.Members + 1), random.Next(2) == 0 ? 1 : -1, DateTimeOffset.UtcNow, ct)));
        var seconds = clock.Elapsed.TotalSeconds;
        var walAfter = await server.WalAsync();
        return new WriterAlone(total, seconds, db.Commits - commits,
            (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / total, (server.ServerCpu() - serverCpu).TotalMilliseconds / total,
            walAfter.Syncs - wal.Syncs, walAfter.SyncMs - wal.SyncMs);
    }

    /// <summary>
    /// Votes before the load: a broken PostgreSQL path fails here with the engine's answer rather than as a run of errors,
    /// and the first connections to the server are open before the clock starts. The smoke run's load lasts one second
    /// with no warm-up, so there every member votes once first: a new engine's first use of each token (read, then its
    /// use recorded) and its first compiled code are behind it, and the second measures votes rather than how soon a
    /// cold engine on a busy machine gets through them (once in CI: no vote at all within the second).
    /// </summary>
    internal async Task FirstVotesAsync(EngineHost host, DataSet data, IEnumerable<int> members, CancellationToken ct)
    {
        using var http = new HttpClient();
        foreach (var some in members.Chunk(16))
            await Task.WhenAll(some.Select(async member =>
            {
                using var vote = new HttpRequestMessage(HttpMethod.Put, Url(host, "/api/v1/ideas/1/vote")) { Content = JsonContent.Create(new { value = 1 }) };
                vote.Headers.Host = data.Host;
                vote.Headers.Authorization = new("Bearer", DataSet.TokenFor(member));
                using var answer = await http.SendAsync(vote, ct);
                if (!answer.IsSuccessStatusCode)
                    throw new InvalidOperationException($"A vote on the engine on PostgreSQL answered {(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync(ct)}");
            }));
    }

    /// <summary>The kind of file system a folder is on (ext4, tmpfs …): on tmpfs an fsync costs nothing, and the figure would say so.</summary>
    private static string FileSystemOf(string folder)
    {
        try
        {
            using var df = Process.Start(new ProcessStartInfo("df", ["--output=fstype", folder]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = df.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            df.WaitForExit();
            return df.ExitCode == 0 && output.Length > 1 ? output[1] : "an unknown file system";
        }
        catch (System.ComponentModel.Win32Exception) { return "an unknown file system"; }
    }

    private string Script() => Path.Combine(AppContext.BaseDirectory, "votes.lua");

    private async Task<WrkResult> LoadAsync(string name, string url, int connections, Dictionary<string, string>? headers, CancellationToken ct,
        string? script = null, IReadOnlyList<string>? scriptArgs = null)
    {
        if (options.WarmUp > TimeSpan.Zero) await Wrk.RunAsync(name + " (warm-up)", url, connections, options.WarmUp, script, headers, scriptArgs, ct);
        var result = await Wrk.RunAsync(name, url, connections, options.Duration, script, headers, scriptArgs, ct);
        log($"{name}: {result.RequestsPerSecond:F0} requests/s, p50 {result.P50Ms} ms, p99 {result.P99Ms} ms, non-2xx {result.Non2xx}");
        return result;
    }
}
