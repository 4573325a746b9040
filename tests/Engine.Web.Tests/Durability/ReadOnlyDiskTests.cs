using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Engine.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Engine.Web.Tests.Durability;

/// <summary>
/// The data disk turning read-only under the running engine, as when the kernel remounts a failing disk
/// read-only (<see cref="ReadOnlyDisk"/>): the open writer's writes fail (SQLITE_IOERR_WRITE, as with EROFS),
/// and a connection opened meanwhile is silently opened read-only by SQLite (SQLITE_READONLY on every write,
/// even after the disk is back, so the engine must open a new one). SQLite's memory-mapped WAL index stays
/// writable here, or the kernel would kill the test host itself (see <see cref="ReadOnlyDisk"/>);
/// <see cref="ReadOnlyDiskRestartTests"/> starts an engine on a disk where it is read-only too.
/// People are told nothing was saved, nothing is stored half-way, reads still work, the health check
/// reports it, the log says it once, and the engine saves again with no restart once the disk is writable.
/// </summary>
// SQLite's own durability (its file, its disk): not run again in the PostgreSQL run (build.cake filters it out).
[Trait("Store", "Sqlite")]
public sealed class ReadOnlyDiskTests : IAsyncLifetime
{

    private readonly LogCapture _log = new();
    private readonly LoggedEngineApp _app;

    public ReadOnlyDiskTests() => _app = new LoggedEngineApp(_log);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        // Whatever happened, the folder must be removable again (an immutable file outlives the test otherwise).
        ReadOnlyDisk.Restore(_app.DataPath);
        await _app.DisposeAsync();
    }

    private async Task<Dictionary<string, long>> StoredAsync()
    {
        await using var db = _app.Services.GetRequiredService<SqliteDatabase>().OpenSqliteReader();
        var counts = new Dictionary<string, long>();
        foreach (var table in new[] { "members", "ideas", "votes", "comments" })
            counts[table] = await db.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table} WHERE tenant_id = 'beta'");
        counts["counters"] = await db.ExecuteScalarAsync<long>("""
            SELECT COALESCE(SUM(COALESCE(n.up_count, 0) + COALESCE(n.down_count, 0) + i.comment_count), 0) FROM ideas i
            LEFT JOIN idea_counts n ON n.tenant_id = i.tenant_id AND n.idea_id = i.id WHERE i.tenant_id = 'beta'
            """);
        counts["out of step"] = await db.ExecuteScalarAsync<long>(StoredCounters.IdeasOutOfStep);
        return counts;
    }

    [Fact]
    public async Task A_read_only_disk_refuses_every_kind_of_write_clearly_stores_nothing_half_way_and_recovers_without_a_restart()
    {
        var (member, _) = await _app.MemberAsync("beta.test", Engine.Core.Members.Roles.Member);
        var idea = await member.PostIdeaAsync(title: "Written before the disk failed");
        using var newcomer = _app.Visit("beta.test");
        var before = await StoredAsync();
        (await _app.CreateClient().GetStringAsync("/healthz")).Should().Be("Healthy");

        ReadOnlyDisk.Set(_app.DataPath, readOnly: true, sharedMemoryWritable: true);
        try
        {
            // The first write meets the open writer's failing disk (an I/O error); the later ones a writer that
            // SQLite could only open read-only. Both are the disk's fault, and both are answered the same way.
            var refused = new Dictionary<string, HttpResponseMessage>
            {
                ["idea"] = await member.Http.PostAsJsonAsync("api/v1/challenges/waiting-well/ideas", new { title = "Saved on a read-only disk?", body = "b", anonymous = false }),
                ["vote"] = await member.Http.PutAsJsonAsync($"api/v1/ideas/{idea}/vote", new { value = 1 }),
                ["comment"] = await member.Http.PostAsJsonAsync($"api/v1/ideas/{idea}/comments", new { body = "Saved on a read-only disk?", anonymous = false }),
                ["registration"] = await newcomer.Http.PostAsJsonAsync("api/v1/account/register", new { email = "read-only@example.nhs.uk", password = "correct horse battery", displayName = "Read Only" }),
                ["second idea"] = await member.Http.PostAsJsonAsync("api/v1/challenges/waiting-well/ideas", new { title = "Saved on a read-only disk?", body = "b", anonymous = false }),
            };
            foreach (var (what, response) in refused)
            {
                var body = await response.Content.ReadAsStringAsync();
                response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, $"a {what} cannot be saved on a read-only disk: {body}");
                response.Headers.RetryAfter.Should().NotBeNull($"the {what} can be tried again later");
                (await Visitor.ProblemAsync(response)).GetProperty("detail").GetString().Should().Contain("Nothing was saved");
                body.Should().NotContainAny(["SQLite", "readonly", "disk I/O", _app.DataPath, "engine.db"], "the cause is for the operators' log, not the public");
            }

            (await StoredAsync()).Should().Equal(before, "nothing refused is stored, not even in part, and the counters did not move");
            (await member.Http.GetAsync("/challenges/waiting-well")).StatusCode.Should().Be(HttpStatusCode.OK, "reading still works while writing cannot");
            (await member.Http.GetAsync($"api/v1/ideas/{idea}")).StatusCode.Should().Be(HttpStatusCode.OK);

            var health = await _app.CreateClient().GetAsync("/healthz");
            health.StatusCode.Should().Be(HttpStatusCode.OK, "the engine still serves reads: a load balancer should keep it, and restarting it would not help");
            (await health.Content.ReadAsStringAsync()).Should().Be("Degraded", "the operators' monitoring sees that nothing can be saved");
        }
        finally
        {
            ReadOnlyDisk.Set(_app.DataPath, readOnly: false);
        }

        // The operators fix the disk; nobody restarts the engine.
        var idea2 = await member.PostIdeaAsync(title: "Saved once the disk is back");
        (await member.Http.PutAsJsonAsync($"api/v1/ideas/{idea}/vote", new { value = 1 })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await member.Http.PostAsJsonAsync($"api/v1/ideas/{idea}/comments", new { body = "Saved once the disk is back", anonymous = false }))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        await newcomer.RegisterAsync("read-only@example.nhs.uk", "Read Only");
        idea2.Should().BePositive();
        var after = await StoredAsync();
        after["members"].Should().Be(before["members"] + 1);
        after["ideas"].Should().Be(before["ideas"] + 1);
        after["votes"].Should().Be(before["votes"] + 1);
        after["comments"].Should().Be(before["comments"] + 1);
        after["out of step"].Should().Be(0);
        (await _app.CreateClient().GetStringAsync("/healthz")).Should().Be("Healthy", "the health check clears once writes are saved again");

        // The operators' log: one error with the cause when saving stopped (its stack trace once, not one per
        // request), and one line when it started again.
        var storage = _log.Entries.Where(e => e.Category.StartsWith("Engine.Web.Hosting.Storage", StringComparison.Ordinal)).ToList();
        storage.Where(e => e.Level >= LogLevel.Error).Should().ContainSingle("the outage is reported once, however many requests it refuses")
            .Which.Message.Should().Contain("SQLite").And.Contain("nothing was saved");
        storage.Count(e => e.Error is not null).Should().Be(1, "the stack trace is logged once, not for every refused request");
        storage.Should().Contain(e => e.Level == LogLevel.Information && e.Message.Contains("saves again") && e.Message.Contains("5 requests"),
            "the log says when the outage ended and how many requests it refused");
    }
}
