using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Engine.Tests.Shared;
using Npgsql;

namespace Engine.Web.Tests.Durability;

/// <summary>
/// PostgreSQL turning read-only under the engine (a failover to a standby, an operator's switch), then
/// writable again: people are told nothing was saved (503, Retry-After), as with a full SQLite disk, and
/// the engine writes again by itself once the database is back, with no restart.
/// </summary>
[Trait("Store", "Both")] // always on PostgreSQL, whichever run: run once
public sealed class PostgresUnavailableTests : IAsyncLifetime
{
    private sealed class OnPostgres : EngineApp
    {
        protected override bool OnPostgresStore => true;
    }

    private readonly OnPostgres _app = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task SetReadOnlyAsync(bool readOnly)
    {
        var name = new NpgsqlConnectionStringBuilder(_app.Postgres).Database;
        await using var admin = new NpgsqlConnection(TestPostgres.Server);
        await admin.OpenAsync();
        await admin.ExecuteAsync($"ALTER DATABASE {name} SET default_transaction_read_only = {(readOnly ? "on" : "off")}");
        // Sessions keep what they started with: end them, as a failover would.
        await admin.ExecuteAsync("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @name", new { name });
    }

    [Fact]
    public async Task A_read_only_database_refuses_writes_clearly_and_the_engine_writes_again_once_it_is_back()
    {
        var (member, _) = await _app.MemberAsync("beta.test", Engine.Core.Members.Roles.Member);
        await SetReadOnlyAsync(true);
        try
        {
            var refused = await member.Http.PostAsJsonAsync("api/v1/challenges/waiting-well/ideas", new { title = "Saved while read-only?", body = "b", anonymous = false });
            refused.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            refused.Headers.RetryAfter.Should().NotBeNull();
            (await Visitor.ProblemAsync(refused)).GetProperty("detail").GetString().Should().Contain("Nothing was saved");
        }
        finally
        {
            await SetReadOnlyAsync(false);
        }
        var saved = await member.Http.PostAsJsonAsync("api/v1/challenges/waiting-well/ideas", new { title = "Saved once it is back", body = "b", anonymous = false });
        saved.StatusCode.Should().Be(HttpStatusCode.Created, "the engine writes again as soon as the database does, with no restart");
        var ideas = await member.Http.GetFromJsonAsync<JsonElement>("api/v1/challenges/waiting-well/ideas");
        ideas.GetProperty("total").GetInt32().Should().Be(1, "the refused idea was not stored");
    }
}
