using Dapper;
using Engine.Data.Sqlite;

namespace Engine.Data.Tests;

public class MigrationTests : IAsyncLifetime
{
    private readonly StoreFixture _store = new();
    public Task InitializeAsync() => _store.InitializeAsync();
    public Task DisposeAsync() => _store.DisposeAsync();

    [Fact]
    public async Task Migrations_record_the_schema_version_and_running_them_again_changes_nothing()
    {
        await Migrations.ApplyAsync(_store.Db);
        await using var c = _store.Db.OpenReader();
        c.ExecuteScalar<int>("PRAGMA user_version").Should().Be(Migrations.Latest);
        c.ExecuteScalar<string>("PRAGMA journal_mode").Should().Be("wal");
    }

    [Fact]
    public async Task Every_table_carries_the_tenant_id_and_every_key_starts_with_it()
    {
        await using var c = _store.Db.OpenReader();
        // The full-text index is SQLite's own (a virtual table and its shadow tables, holding a copy of published
        // ideas keyed by tenant_id and idea_id), not a table of ours: it has no keys to check.
        var fullText = c.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'").ToList();
        fullText.Should().Equal("idea_search");
        var tables = c.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            .Where(t => !fullText.Any(f => t == f || t.StartsWith(f + "_", StringComparison.Ordinal))).ToList();
        tables.Should().Contain(["members", "challenges", "ideas", "comments", "votes"]);
        foreach (var table in tables)
        {
            var columns = c.Query<(long Cid, string Name, string Type, long NotNull, object? Default, long Pk)>($"PRAGMA table_info({table})").ToList();
            columns.Should().Contain(col => col.Name == "tenant_id" && col.NotNull == 1, $"{table} must carry the tenant id");
            columns.Single(col => col.Pk == 1).Name.Should().Be("tenant_id", $"{table}'s primary key must start with the tenant id");
            foreach (var index in c.Query<(long Seq, string Name, long Unique, string Origin, long Partial)>($"PRAGMA index_list({table})").Where(i => i.Unique == 1))
                c.Query<(long SeqNo, long Cid, string Name)>($"PRAGMA index_info({index.Name})").First().Name
                    .Should().Be("tenant_id", $"unique index {index.Name} on {table} must include the tenant id first");
        }
    }

    [Fact]
    public async Task A_database_newer_than_the_engine_is_refused_with_a_clear_message()
    {
        await _store.Db.WriteAsync((c, tx) => c.Execute($"PRAGMA user_version = {Migrations.Latest + 1}", transaction: tx));
        var act = () => Migrations.ApplyAsync(_store.Db);
        (await act.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*newer than this engine*");
    }
}
