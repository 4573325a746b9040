using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Engine.Web.Tests.Durability;

/// <summary>
/// Kill the engine with SIGKILL in the middle of a storm of votes and comments, start it again on the
/// same data: every vote and comment the engine acknowledged is there, nothing is there twice, the
/// counters on each idea equal the rows they count, and SQLite's integrity check passes.
/// </summary>
// SQLite's own durability (its file, its disk): not run again in the PostgreSQL run (build.cake filters it out).
[Trait("Store", "Sqlite")]
public sealed class KillTests : IAsyncLifetime
{
    private const int Members = 12, Ideas = 20;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "engine-kill-tests", Guid.NewGuid().ToString("N"));
    private string Tenants => Path.Combine(_root, "tenants");
    private string Data => Path.Combine(_root, "data");

    public Task InitializeAsync()
    {
        Storm.WriteSite(Tenants);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { /* best effort */ }
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Every_acknowledged_vote_and_comment_survives_a_SIGKILL_mid_storm_and_nothing_is_doubled()
    {
        var engine = await EngineProcess.StartAsync(Tenants, Data);
        var (clients, ideas) = await Storm.StartAsync(engine.Port, Members, Ideas, TimeSpan.FromSeconds(30));

        // Each member votes on every idea and comments as it goes; we note what the engine acknowledged.
        var votes = new ConcurrentDictionary<(int Member, long Idea), int>();
        var comments = new ConcurrentBag<string>();
        var acknowledged = 0;
        using var stop = new CancellationTokenSource();
        var storm = clients.Select((client, m) => Task.Run(async () =>
        {
            for (var round = 0; !stop.IsCancellationRequested; round++)
                foreach (var idea in ideas)
                {
                    try
                    {
                        var value = (round + m) % 2 == 0 ? 1 : -1;
                        var vote = await client.PutAsJsonAsync($"api/v1/ideas/{idea}/vote", new { value });
                        if (vote.StatusCode == HttpStatusCode.OK) { votes[(m, idea)] = value; Interlocked.Increment(ref acknowledged); }
                        var body = $"storm comment {m}-{round}-{idea}";
                        var comment = await client.PostAsJsonAsync($"api/v1/ideas/{idea}/comments", new { body, anonymous = m % 3 == 0 });
                        if (comment.StatusCode == HttpStatusCode.Created) { comments.Add(body); Interlocked.Increment(ref acknowledged); }
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { return; } // the engine is gone
                }
        })).ToList();

        // Kill once the storm is well under way, while requests are in flight.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Volatile.Read(ref acknowledged) < 300 && DateTime.UtcNow < deadline) await Task.Delay(20);
        Volatile.Read(ref acknowledged).Should().BeGreaterThan(100, "the storm should have been acknowledging writes before the kill");
        await engine.KillAsync();
        stop.Cancel();
        await Task.WhenAll(storm);
        foreach (var client in clients) client.Dispose();

        await using var restarted = await EngineProcess.StartAsync(Tenants, Data);
        await using var db = new SqliteConnection($"Data Source={Path.Combine(Data, "engine.db")};Mode=ReadOnly;Pooling=False");
        await db.OpenAsync();
        Scalar<string>(db, "PRAGMA integrity_check").Should().Be("ok");

        var memberIds = Enumerable.Range(0, Members).ToDictionary(m => m, m => Scalar<long>(db, $"SELECT id FROM members WHERE tenant_id = 'storm' AND email = 'storm{m}@example.nhs.uk'"));
        foreach (var ((m, idea), value) in votes)
        {
            // A later vote by the same member on the same idea may have landed without its answer reaching us,
            // so the stored value is either the acknowledged one or the member's other choice, never nothing.
            var stored = Scalar<long?>(db, $"SELECT value FROM votes WHERE tenant_id = 'storm' AND idea_id = {idea} AND member_id = {memberIds[m]}");
            stored.Should().NotBeNull($"member {m}'s acknowledged vote on idea {idea} must survive the kill");
        }
        foreach (var body in comments)
            Scalar<long>(db, $"SELECT COUNT(*) FROM comments WHERE tenant_id = 'storm' AND body = '{body}'").Should().Be(1, $"'{body}' was acknowledged once");
        Scalar<long>(db, "SELECT COUNT(*) FROM (SELECT body FROM comments WHERE tenant_id = 'storm' GROUP BY body HAVING COUNT(*) > 1)").Should().Be(0, "no comment is stored twice");

        // The database holds only the storm tenant, so every idea in it is checked.
        var drift = Scalar<long>(db, StoredCounters.IdeasOutOfStep);
        drift.Should().Be(0, "every idea's counters equal the rows they count");

        // And the restarted engine serves what survived.
        using var reader = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{restarted.Port}/") };
        var idea0 = await reader.GetFromJsonAsync<JsonElement>($"api/v1/ideas/{ideas[0]}");
        (idea0.GetProperty("up").GetInt32() + idea0.GetProperty("down").GetInt32())
            .Should().Be((int)Scalar<long>(db, $"SELECT COUNT(*) FROM votes WHERE tenant_id = 'storm' AND idea_id = {ideas[0]}"));
    }

    private static T Scalar<T>(SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        var value = command.ExecuteScalar();
        return value is null or DBNull ? default! : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T));
    }
}
