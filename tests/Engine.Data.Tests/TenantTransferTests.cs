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

    /// <summary>
    /// FillAsync's site and more of what decides who counts: a challenge only members see, with someone who takes part
    /// only there, and a merge, whose carried votes are not more people.
    /// </summary>
    private static async Task FillWithPrivateChallengeAndMergeAsync(Database db, string tenantId)
    {
        await FillAsync(db, tenantId);
        await new ChallengeStore(db).SyncAsync(tenantId, [
            new ChallengeDefinition { Slug = "waiting-well", Title = "Waiting well", Description = "How?" },
            new ChallengeDefinition { Slug = "staff-room", Title = "Staff room", Description = "Staff only" }]);
        var staffRoom = (await new ChallengeStore(db).FindBySlugAsync(tenantId, "staff-room"))!.Id;
        await db.WriteAsync(tenantId, (c, tx) => c.Execute("UPDATE challenges SET audience = 'members' WHERE tenant_id = @tenantId AND id = @staffRoom", new { tenantId, staffRoom }, tx));
        var onlyStaff = await JoinAsync(db, tenantId, "staff");
        var ideas = new IdeaStore(db, StoreFixture.Anonymity);
        var privateIdea = await ideas.AddAsync(tenantId, staffRoom, StoreFixture.Published(onlyStaff.Id), new NewIdea("Rota swaps", "b"), Now);
        await new VoteStore(db).CastAsync(tenantId, privateIdea, 1, 1, Now);
        (await new MergeStore(db).MergeAsync(tenantId, keptId: 6, mergedId: 5, actorId: 4, Now)).Should().BeTrue();
    }

    private static async Task<Member> JoinAsync(Database db, string tenantId, string name)
    {
        var member = new Member { TenantId = tenantId, Email = $"{name}@x.nhs.uk", NormalizedEmail = $"{name.ToUpperInvariant()}@X.NHS.UK", DisplayName = name, CreatedAt = Now, PasswordHash = "hash" };
        (await new MemberStore(db).AddAsync(member)).Should().BeTrue();
        return member;
    }

    private static async Task<List<(long Challenge, long Member, string Key, long Contributions)>> ParticipantsOf(Database db, string tenantId)
    {
        await using var c = db.OpenReader();
        return (await c.QueryAsync<(long, long, string, long)>(
            "SELECT challenge_id, member_id, author_key, contributions FROM participants WHERE tenant_id = @tenantId ORDER BY challenge_id, member_id, author_key",
            new { tenantId })).ToList();
    }

    // The site's numbers and each challenge's, as the pages show them.
    private static async Task<List<string>> NumbersOf(Database db, string tenantId)
    {
        var stats = new StatsQuery(db, new TestAuthorKeys());
        var numbers = new List<string> { (await stats.GetAsync(tenantId)).ToString() };
        foreach (var challenge in new long[] { 1, 2 }) numbers.Add((await stats.ForChallengeAsync(tenantId, challenge)).ToString());
        return numbers;
    }

    [Fact]
    public async Task A_transferred_tenant_counts_the_same_people_per_challenge_and_site_as_its_source_on_both_stores()
    {
        await FillWithPrivateChallengeAndMergeAsync(_sqlite, "north");
        var source = await ParticipantsOf(_sqlite, "north");
        source.Should().Contain(r => r.Challenge == 2, "the private challenge has its people")
            .And.Contain(r => r.Member == 0, "fully anonymous keys count on their own");
        await using (var c = _sqlite.OpenReader())
            c.ExecuteScalar<long>("SELECT COUNT(*) FROM carried_votes WHERE tenant_id = 'north'").Should().BeGreaterThan(0, "the merge carried votes");

        await TenantTransfer.ImportAsync(_postgres, await TenantTransfer.ExportAsync(_sqlite, "north"));
        await TenantTransfer.ImportAsync(_sqliteAgain, await TenantTransfer.ExportAsync(_postgres, "north"));

        foreach (var target in new Database[] { _postgres, _sqliteAgain })
        {
            (await ParticipantsOf(target, "north")).Should().Equal(source, $"{target.Describe} counted the imported rows as the source's triggers did");
            (await NumbersOf(target, "north")).Should().Equal(await NumbersOf(_sqlite, "north"));
        }
    }

    [Fact]
    public async Task After_an_import_writes_in_the_imported_tenant_count_again_for_the_deferral_ends_with_its_transaction()
    {
        await FillWithPrivateChallengeAndMergeAsync(_sqlite, "north");
        var dump = await TenantTransfer.ExportAsync(_sqlite, "north");
        foreach (var target in new Database[] { _postgres, _sqliteAgain })
        {
            await TenantTransfer.ImportAsync(target, dump);
            // The same (one) writer connection the import used: nothing of the deferral is left on it.
            var left = await target.WriteAsync("north", (c, tx) => target.Dialect == SqlDialect.Postgres
                ? c.ExecuteScalar<string?>("SELECT current_setting('engine.participants_deferred', true)", transaction: tx) ?? ""
                : c.ExecuteScalar<long>("SELECT COUNT(*) FROM participants_deferred", transaction: tx).ToString());
            left.Should().BeOneOf("", "0");

            var newcomer = await JoinAsync(target, "north", "new");
            await new VoteStore(target).CastAsync("north", 1, newcomer.Id, 1, Now);

            (await ParticipantsOf(target, "north")).Should().Contain([(1L, newcomer.Id, "", 1L), (0L, newcomer.Id, "", 1L)], $"{target.Describe} counts a vote after the import");
        }
    }

    [Fact]
    public async Task Writes_in_another_tenant_while_a_tenant_is_imported_still_count_on_both_stores()
    {
        await FillWithPrivateChallengeAndMergeAsync(_sqlite, "north");
        var dump = await TenantTransfer.ExportAsync(_sqlite, "north");
        await using var otherNode = new PostgresDatabase(_postgresDatabase);
        foreach (var (target, writer) in new (Database, Database)[] { (_postgres, _postgres), (_postgres, otherNode), (_sqliteAgain, _sqliteAgain) })
        {
            var neighbour = "south-" + Guid.NewGuid().ToString("N")[..6];
            await FillAsync(target, neighbour);
            var voter = await JoinAsync(target, neighbour, "late");

            // Asked together: on one node the writer may commit them in one group (one transaction); on two, at once.
            var import = TenantTransfer.ImportAsync(target, dump, asTenantId: "north-" + neighbour);
            var votes = Enumerable.Range(1, 6).Select(idea => new VoteStore(writer).CastAsync(neighbour, idea, voter.Id, 1, Now)).ToList();
            await Task.WhenAll(votes.Append(import));

            (await ParticipantsOf(target, neighbour)).Should().Contain([(1L, voter.Id, "", 6L), (0L, voter.Id, "", 1L)],
                $"{target.Describe} counted {neighbour}'s votes though north was being imported (written through {(writer == otherNode ? "another node" : "the same node")})");
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
