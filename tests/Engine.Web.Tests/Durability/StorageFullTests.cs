using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Engine.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Engine.Web.Tests.Durability;

/// <summary>
/// A full disk, as SQLite sees it (the database may not grow: SQLITE_FULL). People are told nothing
/// was saved, nothing is stored half-way, and once space is back the engine saves again with no restart.
/// </summary>
// SQLite's own durability (its file, its disk): not run again in the PostgreSQL run (build.cake filters it out).
[Trait("Store", "Sqlite")]
public sealed class StorageFullTests(EngineApp app) : IClassFixture<EngineApp>
{
    private SqliteDatabase Database => app.Services.GetRequiredService<SqliteDatabase>();

    private Task FillDiskAsync() => Database.WriteAsync((c, tx) =>
        c.Execute($"PRAGMA max_page_count = {c.ExecuteScalar<long>("PRAGMA page_count", transaction: tx)}", transaction: tx));

    private Task FreeDiskAsync() => Database.WriteAsync((c, tx) => c.Execute("PRAGMA max_page_count = 1073741823", transaction: tx));

    [Fact]
    public async Task A_full_disk_refuses_writes_clearly_stores_nothing_half_way_and_recovers_without_a_restart()
    {
        var (member, _) = await app.MemberAsync("beta.test", Engine.Core.Members.Roles.Member);
        var before = await IdeaCountAsync(member);
        var big = new string('x', 9000); // needs new pages, which the full disk cannot give
        await FillDiskAsync();
        try
        {
            var refused = await member.Http.PostAsJsonAsync("api/v1/challenges/waiting-well/ideas", new { title = "Saved when the disk is full?", body = big, anonymous = false });
            refused.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            refused.Headers.RetryAfter.Should().NotBeNull();
            var problem = await Visitor.ProblemAsync(refused);
            problem.GetProperty("detail").GetString().Should().Contain("Nothing was saved");
            problem.GetProperty("code").GetString().Should().Be("problem.storage-unavailable");
            (await IdeaCountAsync(member)).Should().Be(before, "a refused idea is not stored, not even in part");

            var page = await member.Http.GetAsync("/challenges/waiting-well");
            page.StatusCode.Should().Be(HttpStatusCode.OK, "reading still works while writing cannot");
        }
        finally
        {
            await FreeDiskAsync();
        }
        var saved = await member.Http.PostAsJsonAsync("api/v1/challenges/waiting-well/ideas", new { title = "Saved once there is room", body = big, anonymous = false });
        saved.StatusCode.Should().Be(HttpStatusCode.Created, "the engine saves again as soon as there is room, with no restart");
        (await IdeaCountAsync(member)).Should().Be(before + 1);
    }

    private static async Task<int> IdeaCountAsync(Visitor visitor) =>
        (await visitor.Http.GetFromJsonAsync<JsonElement>("api/v1/challenges/waiting-well/ideas")).GetProperty("total").GetInt32();
}
