using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Npgsql;
using Xunit.Abstractions;

namespace Engine.Web.Tests.Durability;

/// <summary>
/// PostgreSQL restarted under the running engine in the middle of a storm of votes and comments, once
/// cleanly (pg_ctl stop -m fast, as for an upgrade or a failover) and once as a crash (-m immediate, recovery
/// from the WAL). Every vote and comment the engine acknowledged is there, nothing is there twice, each
/// idea's counters equal the rows they count; while the server is away people are answered 503 with
/// Retry-After, promptly (never a 500, never a hang); and once it is back the same engine process writes and
/// reads again by itself, within a bounded time, without being restarted.
/// </summary>
// Runs a PostgreSQL server of its own, whichever store the run is for: run once (the PostgreSQL run skips Store=Both).
[Trait("Store", "Both")]
public sealed class PostgresRestartTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Members = 12, Ideas = 12;
    /// <summary>No request may take longer, outage or not (Npgsql gives up connecting after 15 s).</summary>
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(20);
    /// <summary>How soon after the server is back the engine must be saving again.</summary>
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(30);

    private readonly string _root = Path.Combine(Path.GetTempPath(), "engine-postgres-restart-tests", Guid.NewGuid().ToString("N"));
    private string Tenants => Path.Combine(_root, "tenants");

    public Task InitializeAsync()
    {
        Storm.WriteSite(Tenants);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { /* best effort */ }
        return Task.CompletedTask;
    }

    private sealed record Answer(string What, int Member, long Idea, int Value, string? Body, HttpStatusCode? Status, bool RetryAfter, TimeSpan Took, DateTime At);

    [Fact]
    public async Task A_storm_of_votes_and_comments_survives_PostgreSQL_restarting_cleanly_and_crashing_and_the_engine_recovers_without_a_restart()
    {
        await using var postgres = await PrivatePostgres.StartAsync();
        await using (var admin = new NpgsqlConnection(postgres.ConnectionString()))
        {
            await admin.OpenAsync();
            await admin.ExecuteAsync("CREATE DATABASE engine");
        }
        await using var engine = await EngineProcess.StartAsync(Tenants, Path.Combine(_root, "data"),
            new Dictionary<string, string> { ["Engine__Storage__Postgres"] = postgres.ConnectionString("engine") });
        try
        {
            await StormThroughRestartsAsync(engine, postgres);
        }
        catch (Exception e)
        {
            // What the engine and the server said is what explains a failure here.
            throw new Exception($"{e.Message}\n--- engine ---\n{Tail(engine.Output)}\n--- PostgreSQL ---\n{Tail(postgres.ServerLog)}", e);
        }
    }

    private static string Tail(string log) => log.Length <= 20000 ? log : log[^20000..];

    private async Task StormThroughRestartsAsync(EngineProcess engine, PrivatePostgres postgres)
    {
        var (clients, ideas) = await Storm.StartAsync(engine.Port, Members, Ideas, TimeSpan.FromSeconds(60));

        // Each member votes on every idea, round after round, changing its mind each time, and comments as it
        // goes; a reader keeps reading. Every answer is noted, in order per member.
        var answers = new ConcurrentQueue<Answer>();
        var acknowledged = 0;
        using var stop = new CancellationTokenSource();
        async Task<HttpResponseMessage?> Timed(string what, int m, long idea, int value, string? body, Func<Task<HttpResponseMessage>> send)
        {
            var clock = Stopwatch.StartNew();
            HttpResponseMessage? response = null;
            try { response = await send(); }
            catch (TaskCanceledException) { /* a hang: noted with no status */ }
            answers.Enqueue(new Answer(what, m, idea, value, body, response?.StatusCode, response?.Headers.RetryAfter is not null, clock.Elapsed, DateTime.UtcNow));
            if (response is { IsSuccessStatusCode: true } && what != "read") Interlocked.Increment(ref acknowledged);
            return response;
        }
        var storm = clients.Select((client, m) => Task.Run(async () =>
        {
            for (var round = 0; !stop.IsCancellationRequested; round++)
                foreach (var idea in ideas)
                {
                    if (stop.IsCancellationRequested) return;
                    var value = (round + m) % 2 == 0 ? 1 : -1;
                    await Timed("vote", m, idea, value, null, () => client.PutAsJsonAsync($"api/v1/ideas/{idea}/vote", new { value }));
                    var body = $"storm comment {m}-{round}-{idea}";
                    await Timed("comment", m, idea, 0, body, () => client.PostAsJsonAsync($"api/v1/ideas/{idea}/comments", new { body, anonymous = m % 3 == 0 }));
                }
        })).ToList();
        var reader = Task.Run(async () =>
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{engine.Port}/"), Timeout = TimeSpan.FromSeconds(60) };
            while (!stop.IsCancellationRequested)
                foreach (var idea in ideas)
                    await Timed("read", -1, idea, 0, null, () => client.GetAsync($"api/v1/ideas/{idea}"));
        });

        async Task WaitForAsync(Func<bool> condition, TimeSpan within, string what)
        {
            var deadline = DateTime.UtcNow + within;
            while (!condition())
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"Waited {within.TotalSeconds} s for {what}");
                await Task.Delay(20);
            }
        }

        await WaitForAsync(() => Volatile.Read(ref acknowledged) >= 200, TimeSpan.FromSeconds(60), "the storm to get going");
        var outages = new List<(string Mode, DateTime Down, DateTime Up, TimeSpan BackAfter)>();
        foreach (var mode in new[] { "fast", "immediate" })
        {
            var down = DateTime.UtcNow;
            await postgres.StopServerAsync(mode);
            // Long enough that the storm meets the outage, however quick the restart would otherwise be.
            var stopped = DateTime.UtcNow;
            await WaitForAsync(() => answers.Count(a => a.At > stopped && a.Status == HttpStatusCode.ServiceUnavailable) >= 5, TimeSpan.FromSeconds(20),
                $"requests to be refused while PostgreSQL is stopped ({mode})");
            await postgres.StartServerAsync();
            var up = DateTime.UtcNow;
            var before = Volatile.Read(ref acknowledged);
            await WaitForAsync(() => Volatile.Read(ref acknowledged) >= before + 100, Recovery + TimeSpan.FromSeconds(30),
                $"the engine to save again after PostgreSQL came back ({mode})");
            var firstSaved = answers.Where(a => a.At > up && a.What != "read" && a.Status is HttpStatusCode.OK or HttpStatusCode.Created).Min(a => a.At);
            outages.Add((mode, down, up, firstSaved - up));
        }
        await WaitForAsync(() => answers.Count(a => a.What == "read" && a.At > outages[^1].Up + Recovery && a.Status == HttpStatusCode.OK) >= 20,
            Recovery + TimeSpan.FromSeconds(30), "reads to be answered again");
        stop.Cancel();
        await Task.WhenAll([.. storm, reader]);

        var all = answers.ToList();
        foreach (var (mode, _, _, backAfter) in outages)
            backAfter.Should().BeLessThan(Recovery, $"the engine saves again by itself soon after PostgreSQL is back ({mode})");
        all.Where(a => a.Status is null).Should().BeEmpty("no request hangs while PostgreSQL is away");
        all.Where(a => a.Status is not (HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.ServiceUnavailable))
            .Select(a => $"{a.What} {a.Status} at {a.At:HH:mm:ss.fff}").Should().BeEmpty("every request is either saved or refused with 503, never a 500");
        all.Where(a => a.Status == HttpStatusCode.ServiceUnavailable && !a.RetryAfter).Should().BeEmpty("every 503 says when to try again");
        all.Max(a => a.Took).Should().BeLessThan(Prompt, "people are answered promptly during the outage");
        // Reads after recovery: stale pooled connections must not keep failing once the server is back.
        all.Where(a => a.What == "read" && a.At > outages[^1].Up + Recovery && a.Status != HttpStatusCode.OK)
            .Select(a => $"{a.Status} at {a.At:HH:mm:ss.fff}").Should().BeEmpty("reads work again once PostgreSQL is back");

        await using var db = new NpgsqlConnection(postgres.ConnectionString("engine"));
        await db.OpenAsync();
        var memberIds = (await db.QueryAsync<(string Email, long Id)>("SELECT email, id FROM members WHERE tenant_id = 'storm'"))
            .ToDictionary(r => r.Email, r => r.Id);
        var stored = (await db.QueryAsync<(long IdeaId, long MemberId, long Value)>("SELECT idea_id, member_id, value FROM votes WHERE tenant_id = 'storm'"))
            .ToDictionary(r => (r.IdeaId, r.MemberId), r => r.Value);
        var refusedButSaved = 0;
        foreach (var group in all.Where(a => a.What == "vote").GroupBy(a => (a.Member, a.Idea)))
        {
            // Each member's requests on an idea are sequential, so their answers are in order: the stored vote is
            // the last one acknowledged, or a later one refused while its commit's outcome was unknown.
            var votes = group.ToList();
            var last = votes.FindLastIndex(a => a.Status == HttpStatusCode.OK);
            if (last < 0) continue;
            var memberId = memberIds[$"storm{group.Key.Member}@example.nhs.uk"];
            stored.TryGetValue((group.Key.Idea, memberId), out var value).Should().BeTrue($"member {group.Key.Member}'s acknowledged vote on idea {group.Key.Idea} was kept");
            var possible = votes.Skip(last + 1).Select(a => a.Value).Prepend(votes[last].Value).ToHashSet();
            possible.Should().Contain((int)value, $"member {group.Key.Member}'s vote on idea {group.Key.Idea} is the last acknowledged one (or a later one of unknown outcome)");
            if (value != votes[last].Value)
            {
                refusedButSaved++;
                output.WriteLine($"vote refused but saved: member {group.Key.Member} idea {group.Key.Idea}: " +
                    string.Join(", ", votes.Skip(last + 1).Select(a => $"{a.Value} {(int?)a.Status} at {a.At:HH:mm:ss.fff} took {a.Took.TotalMilliseconds:0}")));
            }
        }
        var comments = (await db.QueryAsync<(string Body, long Count)>("SELECT body, COUNT(*) FROM comments WHERE tenant_id = 'storm' GROUP BY body"))
            .ToDictionary(r => r.Body, r => r.Count);
        comments.Where(c => c.Value > 1).Select(c => c.Key).Should().BeEmpty("no comment is stored twice");
        foreach (var comment in all.Where(a => a.What == "comment" && a.Status == HttpStatusCode.Created))
            comments.Should().ContainKey(comment.Body!, "an acknowledged comment was kept");
        foreach (var a in all.Where(a => a.What == "comment" && a.Status != HttpStatusCode.Created && comments.ContainsKey(a.Body!)))
        {
            refusedButSaved++;
            output.WriteLine($"comment refused but saved: {a.Body} {(int?)a.Status} at {a.At:HH:mm:ss.fff} took {a.Took.TotalMilliseconds:0}");
        }
        output.WriteLine(string.Join("\n", outages.Select(o => $"{o.Mode}: down {o.Down:HH:mm:ss.fff}, up {o.Up:HH:mm:ss.fff}")));
        (await db.ExecuteScalarAsync<long>(StoredCounters.IdeasOutOfStep)).Should().Be(0, "every idea's counters equal the rows they count");
        // A commit cut off by the crash has an unknown outcome: it may have been saved although the answer was 503.
        // That can only happen to the few writes whose COMMIT was on the wire; more means refused work was kept.
        output.WriteLine(string.Join("\n", outages.Select(o => $"{o.Mode}: saving again {o.BackAfter.TotalSeconds:0.0} s after PostgreSQL was back")));
        output.WriteLine($"{all.Count} answers: " + string.Join(", ", all.GroupBy(a => (a.What, a.Status)).Select(g => $"{g.Key.What} {(int?)g.Key.Status}: {g.Count()}")));
        output.WriteLine($"slowest {all.Max(a => a.Took).TotalSeconds:0.00} s; refused but saved (commit cut off): {refusedButSaved}");
        refusedButSaved.Should().BeLessOrEqualTo(2 * Members, "only writes whose commit was cut off can have been saved despite a refusal");

        // The same engine process, never restarted, serves what was stored.
        using var check = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{engine.Port}/") };
        var idea0 = await check.GetFromJsonAsync<JsonElement>($"api/v1/ideas/{ideas[0]}");
        (idea0.GetProperty("up").GetInt32() + idea0.GetProperty("down").GetInt32())
            .Should().Be((int)await db.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM votes WHERE tenant_id = 'storm' AND idea_id = {ideas[0]}"));
        (await check.GetStringAsync("/healthz")).Should().Be("Healthy", "the outage is over once writes are saved again");
        foreach (var client in clients) client.Dispose();
    }
}
