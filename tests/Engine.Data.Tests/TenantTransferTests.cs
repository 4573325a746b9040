using Dapper;
using Engine.Core.Administration;
using Engine.Core.Comments;
using Engine.Core.Ideas;
using Engine.Core.Members;
using Engine.Core.Moderation;
using Engine.Core.Tenancy;
using Engine.Data.Postgres;
using Engine.Data.Sqlite;
using Engine.Data.Stores;
using Engine.Data.Transfer;
using Engine.Tests.Shared;
using Engine.Sdk;

namespace Engine.Data.Tests;

/// <summary>A tenant moves from SQLite to PostgreSQL and back with every row intact.</summary>
[Trait("Store", "Both")] // sets up both stores itself: run once, not again in the PostgreSQL run
public sealed class TenantTransferTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = StoreFixture.Now;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "engine-data-tests", Guid.NewGuid().ToString("N"));
    private SqliteDatabase _sqlite = null!, _sqliteAgain = null!;
    private PostgresDatabase _postgres = null!;
    private string _postgresDatabase = null!;

    public async Task InitializeAsync()
    {
        _sqlite = new SqliteDatabase(Path.Combine(_folder, "first.db"));
        _sqliteAgain = new SqliteDatabase(Path.Combine(_folder, "again.db"));
        _postgresDatabase = await TestPostgres.CreateDatabaseAsync();
        _postgres = new PostgresDatabase(_postgresDatabase);
        foreach (var db in new Database[] { _sqlite, _sqliteAgain, _postgres }) await Migrations.ApplyAsync(db);
    }

    public async Task DisposeAsync()
    {
        await _sqlite.DisposeAsync();
        await _sqliteAgain.DisposeAsync();
        await _postgres.DisposeAsync();
        await TestPostgres.DropDatabaseAsync(_postgresDatabase);
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>A busy little site: members, a challenge, named and anonymous ideas, replies, votes both ways, a report, settings, an audit entry.</summary>
    private static async Task FillAsync(Database db, string tenantId)
    {
        var members = new MemberStore(db);
        var people = new List<Member>();
        foreach (var name in new[] { "nurse", "porter", "patient", "manager" })
        {
            var m = new Member { TenantId = tenantId, Email = $"{name}@x.nhs.uk", NormalizedEmail = $"{name.ToUpperInvariant()}@X.NHS.UK", DisplayName = $"{name} ‘quoted’ ✓", CreatedAt = Now, PasswordHash = "hash-" + name };
            (await members.AddAsync(m)).Should().BeTrue();
            people.Add(m);
        }
        await new ChallengeStore(db).SyncAsync(tenantId, [new ChallengeDefinition { Slug = "waiting-well", Title = "Waiting well", Description = "How?" }]);
        var challenge = (await new ChallengeStore(db).FindBySlugAsync(tenantId, "waiting-well"))!;
        var ideas = new IdeaStore(db, StoreFixture.Anonymity);
        var comments = new CommentStore(db, StoreFixture.Anonymity);
        var votes = new VoteStore(db);
        var ideaIds = new List<long>();
        for (var i = 0; i < 6; i++)
        {
            var author = people[i % people.Count];
            var admission = new Admission(i % 3 == 0 ? new Authorship(null, "key-" + i, true) : new Authorship(author.Id, null, i % 2 == 0), ModerationState.Published, null);
            ideaIds.Add(await ideas.AddAsync(tenantId, challenge.Id, admission, new NewIdea($"Idea {i} — “unicode” & <b>", $"Body {i}\nline two"), Now.AddMinutes(i)));
        }
        foreach (var idea in ideaIds)
        {
            var first = await comments.AddAsync(tenantId, idea, StoreFixture.Published(people[0].Id), new NewComment("First!", null), Now);
            await comments.AddAsync(tenantId, idea, StoreFixture.Published(people[1].Id, anonymous: true), new NewComment("A reply", first), Now);
            for (var p = 0; p < people.Count; p++)
                if ((idea + p) % 3 != 0) await votes.CastAsync(tenantId, idea, people[p].Id, p % 2 == 0 ? 1 : -1, Now);
        }
        await new ModerationStore(db).ReportAsync(tenantId, ContributionKind.Idea, ideaIds[1], people[2].Id, "Not kind", Now);
        await new SiteSettingsStore(db).SaveAsync(tenantId, new SiteSettings(true, false), people[3].Id, Now);
        await db.WriteAsync(tenantId, (c, tx) => c.Execute(
            "INSERT INTO audit_log (tenant_id, id, at, actor_id, action, subject, detail) VALUES (@tenantId, 1, 5, @actor, 'settings.changed', 'site', '{\"downVotes\":false}')",
            new { tenantId, actor = people[3].Id }, tx));
    }

    [Fact]
    public async Task A_tenant_exported_from_SQLite_into_PostgreSQL_and_back_keeps_every_idea_comment_vote_and_member()
    {
        await FillAsync(_sqlite, "north");
        await FillAsync(_sqlite, "south"); // a neighbour, which must not travel with it
        var original = await TenantTransfer.ExportAsync(_sqlite, "north");
        original.Counts["ideas"].Should().Be(6);
        original.Counts["comments"].Should().Be(12);
        original.Counts["members"].Should().Be(4);
        original.Counts["votes"].Should().BeGreaterThan(10);
        original.Tables.Keys.Should().Contain(["sequences", "reports", "tenant_settings", "audit_log"]);

        // Through a file, as an operator would move it.
        var file = new MemoryStream();
        original.WriteTo(file);
        file.Position = 0;
        await TenantTransfer.ImportAsync(_postgres, TenantDump.ReadFrom(file));
        var inPostgres = await TenantTransfer.ExportAsync(_postgres, "north");
        inPostgres.Counts.Should().BeEquivalentTo(original.Counts);
        inPostgres.ContentHash().Should().Be(original.ContentHash());

        await TenantTransfer.ImportAsync(_sqliteAgain, inPostgres);
        var back = await TenantTransfer.ExportAsync(_sqliteAgain, "north");
        back.Counts.Should().BeEquivalentTo(original.Counts);
        back.ContentHash().Should().Be(original.ContentHash());
        (await TenantTransfer.ExportAsync(_sqliteAgain, "south")).Counts.Values.Should().OnlyContain(n => n == 0);

        // SQLite's search index is not carried: its triggers rebuilt it as the ideas arrived.
        original.Tables.Keys.Should().NotContain(t => t.StartsWith("idea_search", StringComparison.Ordinal));
        var found = await new IdeaSearch(_sqliteAgain).SearchAsync("north", ["unicode"], [1], 0, 10);
        found.Total.Should().Be(6);
        found.Should().BeEquivalentTo(await new IdeaSearch(_sqlite).SearchAsync("north", ["unicode"], [1], 0, 10));

        // And the stores read it as they read the original: the counters came with the rows.
        var ideaOnPostgres = (await new IdeaStore(_postgres, StoreFixture.Anonymity).FindAsync("north", 2))!;
        var ideaOnSqlite = (await new IdeaStore(_sqlite, StoreFixture.Anonymity).FindAsync("north", 2))!;
        ideaOnPostgres.Should().BeEquivalentTo(ideaOnSqlite);
        (await new StatsQuery(_postgres, new TestAuthorKeys()).GetAsync("north")).Should().Be(await new StatsQuery(_sqlite, new TestAuthorKeys()).GetAsync("north"));
        // New ids carry on from where the original stopped.
        var next = await new IdeaStore(_postgres, StoreFixture.Anonymity).AddAsync("north", 1, StoreFixture.Published(1), new NewIdea("After the move", "b"), Now);
        next.Should().Be(7);
    }

    [Fact]
    public async Task Deleting_a_tenant_leaves_no_row_of_it_in_any_table_of_either_store_and_its_neighbour_whole()
    {
        foreach (var db in new Database[] { _sqlite, _postgres })
        {
            await FillAsync(db, "north");
            await FillAsync(db, "south");
            await db.WriteAsync("north", (c, tx) => c.Execute("INSERT INTO tenant_keys (tenant_id, anonymity_key) VALUES ('north', 'wrapped')", transaction: tx));
            var south = (await TenantTransfer.ExportAsync(db, "south")).ContentHash();
            (await RowsOf(db, "north")).Should().Contain(t => t.Value > 0);

            var plainDelete = () => db.WriteAsync("north", (c, tx) => c.Execute("DELETE FROM audit_log WHERE tenant_id = 'north'", transaction: tx));
            (await plainDelete.Should().ThrowAsync<Exception>()).Which.Message.Should().Contain("append-only", "outside a tenant's deletion the audit log stays append-only");
            var unarchived = () => TenantTransfer.DeleteAsync(db, "north", archivedAuditRows: 0);
            (await unarchived.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*audit log has 1 entries and 0 were archived*");
            (await RowsOf(db, "north")).Values.Sum().Should().BeGreaterThan(0, "a refused deletion deletes nothing");

            var deleted = await TenantTransfer.DeleteAsync(db, "north", archivedAuditRows: 1);

            deleted["audit_log"].Should().Be(1);
            deleted["tenant_keys"].Should().Be(1);
            (await RowsOf(db, "north")).Should().OnlyContain(t => t.Value == 0, $"no table of {db.Describe} keeps a row of the deleted tenant");
            (await TenantTransfer.ExportAsync(db, "south")).ContentHash().Should().Be(south);
        }
    }

    /// <summary>Rows of the tenant in every table the schema has with a tenant_id column, found in the schema itself.</summary>
    private static async Task<Dictionary<string, long>> RowsOf(Database db, string tenantId)
    {
        await using var c = db.OpenReader();
        var tables = db.Dialect == SqlDialect.Sqlite
            ? c.Query<string>("SELECT m.name FROM sqlite_master m WHERE m.type = 'table' AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) p WHERE p.name = 'tenant_id')")
            : c.Query<string>("SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'tenant_id'");
        var rows = tables.ToDictionary(t => t, t => c.ExecuteScalar<long>($"SELECT COUNT(*) FROM {t} WHERE tenant_id = @tenantId", new { tenantId }));
        rows.Keys.Should().Contain(["members", "ideas", "votes", "audit_log", "tenant_keys"]);
        return rows;
    }

    [Fact]
    public async Task Importing_into_a_tenant_that_already_has_data_is_refused_and_changes_nothing()
    {
        await FillAsync(_sqlite, "north");
        await FillAsync(_postgres, "north");
        var before = (await TenantTransfer.ExportAsync(_postgres, "north")).ContentHash();
        var act = () => TenantTransfer.ImportAsync(_postgres, TenantTransfer.ExportAsync(_sqlite, "north").Result);
        (await act.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*already has data*");
        (await TenantTransfer.ExportAsync(_postgres, "north")).ContentHash().Should().Be(before);
    }
}
