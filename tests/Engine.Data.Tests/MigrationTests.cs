using Dapper;
using Engine.Data.Postgres;
using Engine.Data.Sqlite;

namespace Engine.Data.Tests;

/// <summary>The migrations on the store under test (SQLite, or PostgreSQL in the PostgreSQL run).</summary>
public class MigrationTests : IAsyncLifetime
{
    private readonly StoreFixture _store = new();
    public Task InitializeAsync() => _store.InitializeAsync();
    public Task DisposeAsync() => _store.DisposeAsync();

    [Fact]
    public async Task Migrations_record_the_schema_version_and_running_them_again_changes_nothing()
    {
        var tables = await SchemaOf(_store.Db);
        await Migrations.ApplyAsync(_store.Db);
        (await Migrations.VersionAsync(_store.Db)).Should().Be(Migrations.Latest);
        (await SchemaOf(_store.Db)).Should().BeEquivalentTo(tables);
        if (_store.Db.Dialect == SqlDialect.Sqlite)
        {
            await using var c = _store.Db.OpenReader();
            c.ExecuteScalar<string>("PRAGMA journal_mode").Should().Be("wal");
        }
    }

    [Fact]
    public async Task Upgrading_moves_each_ideas_vote_counts_into_their_own_table_and_the_engine_reads_them_from_there()
    {
        var earlier = new StoreFixture(schemaVersion: 8); // before step 9 moved the counts
        await earlier.InitializeAsync();
        try
        {
            await earlier.Db.WriteAsync((c, tx) => c.Execute("""
                INSERT INTO challenges (tenant_id, id, slug, title, description, state, position) VALUES ('t1', 1, 'waits', 'Waits', 'd', 'open', 0);
                INSERT INTO ideas (tenant_id, id, challenge_id, author_key, anonymous, title, body, status, up_count, down_count, voter_count, comment_count, created_at)
                VALUES ('t1', 1, 1, 'k', 1, 'Voted on', 'b', 'submitted', 5, 2, 7, 3, 0), ('t1', 2, 1, 'k', 1, 'Not voted on', 'b', 'submitted', 0, 0, 0, 0, 0);
                """, transaction: tx));

            // Up to the step that sets the counters from the rows, which this test's counts (with no rows behind them) would not survive.
            await Migrations.ApplyAsync(earlier.Db, KeptNumbersStep - 1);

            var tallies = (await earlier.Ideas.TalliesAsync("t1", 1)).OrderBy(t => t.IdeaId).ToList();
            tallies.Select(t => (t.IdeaId, t.Up, t.Down, t.Voters, t.Comments)).Should().Equal((1, 5, 2, 7, 3), (2, 0, 0, 0, 0));
            await earlier.Votes.CastAsync("t1", 2, (await earlier.MemberAsync("t1", "ann")).Id, 1, StoreFixture.Now);
            (await earlier.Ideas.FindAsync("t1", 2))!.Up.Should().Be(1, "a vote on an idea without counts yet starts them");
        }
        finally
        {
            await earlier.DisposeAsync();
        }
    }

    /// <summary>Step 30 (or where it landed): the step that sets the counters the numbers are summed from.</summary>
    private static int KeptNumbersStep =>
        Enumerable.Range(1, Migrations.Latest).Single(n => Migrations.StepSql(n, SqlDialect.Sqlite).Contains("CREATE INDEX comments_imported"));

    [Fact]
    public async Task Upgrading_sets_the_counters_the_numbers_are_summed_from_to_what_the_rows_say()
    {
        var earlier = new StoreFixture(schemaVersion: KeptNumbersStep - 1);
        await earlier.InitializeAsync();
        try
        {
            var challenge = (await earlier.ChallengeAsync("t1")).Id;
            var (ann, ben) = ((await earlier.MemberAsync("t1", "ann")).Id, (await earlier.MemberAsync("t1", "ben")).Id);
            var idea = await earlier.IdeaAsync("t1", challenge, ann);
            var other = await earlier.IdeaAsync("t1", challenge, ben, title: "Another idea");
            await earlier.Comments.AddAsync("t1", idea, StoreFixture.Published(ben), new Core.Comments.NewComment("Yes", null), StoreFixture.Now);
            await earlier.Votes.CastAsync("t1", idea, ann, 1, StoreFixture.Now);
            await earlier.Votes.CastAsync("t1", idea, ben, -1, StoreFixture.Now);
            // The numbers as the rows say, before the drifted counters below (counted here by the release that left them: the
            // people need step 32's table, so they are checked after the upgrade).
            var counted = new Core.Stats.SiteStats(People: 2, Ideas: 2, Comments: 1, Votes: 2);
            // Counters as a bug, or a hand-edited database, might have left them: more comments and votes than there are rows,
            // counts on an idea nobody voted on, and a carried vote whose vote is gone.
            await earlier.Db.WriteAsync((c, tx) => c.Execute("""
                UPDATE ideas SET comment_count = 5 WHERE tenant_id = 't1' AND id = @idea;
                UPDATE idea_counts SET up_count = 4, voter_count = 9 WHERE tenant_id = 't1' AND idea_id = @idea;
                INSERT INTO idea_counts (tenant_id, idea_id, up_count, down_count, voter_count) VALUES ('t1', @other, 3, 0, 3);
                INSERT INTO carried_votes (tenant_id, idea_id, member_id, from_idea_id) VALUES ('t1', @other, @ann, @idea);
                """, new { idea, other, ann }, tx));

            await Migrations.ApplyAsync(earlier.Db);

            (await earlier.Stats.ForChallengeAsync("t1", challenge)).Should().Be(counted);
            var tallies = (await earlier.Ideas.TalliesAsync("t1", challenge)).OrderBy(t => t.IdeaId).ToList();
            tallies.Select(t => (t.IdeaId, t.Up, t.Down, t.Voters, t.Comments)).Should().Equal((idea, 1, 1, 2, 1), (other, 0, 0, 0, 0));
            await using var reader = earlier.Db.OpenReader();
            (await reader.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM carried_votes")).Should().Be(0);
        }
        finally
        {
            await earlier.DisposeAsync();
        }
    }

    /// <summary>Step 32 (or where it landed): the step that makes the participants table the people are counted from.</summary>
    private static int ParticipantsStep =>
        Enumerable.Range(1, Migrations.Latest).Single(n => Migrations.StepSql(n, SqlDialect.Sqlite).Contains("CREATE TABLE participants ("));

    [Fact]
    public async Task Upgrading_fills_the_participants_from_the_rows_each_member_and_each_fully_anonymous_key_on_its_own()
    {
        var earlier = new StoreFixture(schemaVersion: ParticipantsStep - 1);
        await earlier.InitializeAsync();
        try
        {
            var open = (await earlier.ChallengeAsync("t1")).Id;
            var closed = (await earlier.ChallengeAsync("t1", "staff-only")).Id;
            var (ann, ben, cat) = ((await earlier.MemberAsync("t1", "ann")).Id, (await earlier.MemberAsync("t1", "ben")).Id, (await earlier.MemberAsync("t1", "cat")).Id);
            var annsKey = StoreFixture.Keys.KeyFor("t1", ann);
            var idea = await earlier.Ideas.AddAsync("t1", open, new Core.Moderation.Admission(new Core.Moderation.Authorship(null, annsKey, true), Core.Moderation.ModerationState.Published, null),
                new Core.Ideas.NewIdea("Fully anonymous", "Body"), StoreFixture.Now);
            var held = await earlier.Ideas.AddAsync("t1", open, new Core.Moderation.Admission(new Core.Moderation.Authorship(cat, null, false), Core.Moderation.ModerationState.Held, null),
                new Core.Ideas.NewIdea("Held", "Body"), StoreFixture.Now);
            await earlier.Votes.CastAsync("t1", idea, ann, 1, StoreFixture.Now);
            await earlier.Votes.CastAsync("t1", held, ben, 1, StoreFixture.Now);
            await earlier.Comments.AddAsync("t1", idea, StoreFixture.Published(ben), new Core.Comments.NewComment("Yes", null), StoreFixture.Now);
            await earlier.IdeaAsync("t1", closed, cat);
            await earlier.Db.WriteAsync((c, tx) => c.Execute("UPDATE challenges SET audience = 'members' WHERE tenant_id = 't1' AND id = @closed", new { closed }, tx));

            await Migrations.ApplyAsync(earlier.Db);

            await using var reader = earlier.Db.OpenReader();
            var rows = await reader.QueryAsync<(long Challenge, long Member, string Key, long Contributions)>(
                "SELECT challenge_id, member_id, author_key, contributions FROM participants ORDER BY challenge_id, member_id, author_key");
            rows.Should().Equal(
                (0L, 0L, annsKey, 1L), (0L, ann, "", 1L), (0L, ben, "", 1L),
                (open, 0L, annsKey, 1L), (open, ann, "", 1L), (open, ben, "", 1L),
                (closed, cat, "", 1L));
            (await earlier.Stats.ForChallengeAsync("t1", open)).People.Should().Be(2, "ann's key is ann, who voted; the held idea's author and voter do not count");
            (await earlier.Stats.GetAsync("t1")).People.Should().Be(2, "cat took part only in a private challenge");
        }
        finally
        {
            await earlier.DisposeAsync();
        }
    }

    private static int ParticipantsDeferredStep =>
        Enumerable.Range(1, Migrations.Latest).Single(n => Migrations.StepSql(n, SqlDialect.Sqlite).Contains("CREATE TABLE participants_deferred"));

    [Fact]
    public async Task Upgrading_to_the_deferrable_triggers_keeps_the_participants_and_only_a_deferring_transaction_skips_its_own_tenant()
    {
        var earlier = new StoreFixture(schemaVersion: ParticipantsDeferredStep - 1);
        await earlier.InitializeAsync();
        try
        {
            var challenge = (await earlier.ChallengeAsync("t1")).Id;
            var (ann, ben) = ((await earlier.MemberAsync("t1", "ann")).Id, (await earlier.MemberAsync("t1", "ben")).Id);
            var idea = await earlier.IdeaAsync("t1", challenge, ann);
            await earlier.Votes.CastAsync("t1", idea, ben, 1, StoreFixture.Now);
            var neighbourChallenge = (await earlier.ChallengeAsync("t2")).Id;
            var (cat, dan) = ((await earlier.MemberAsync("t2", "cat")).Id, (await earlier.MemberAsync("t2", "dan")).Id);
            var neighbourIdea = await earlier.IdeaAsync("t2", neighbourChallenge, cat);
            var before = await ParticipantRowsAsync(earlier.Db);

            await Migrations.ApplyAsync(earlier.Db);

            (await ParticipantRowsAsync(earlier.Db)).Should().Equal(before, "the step changes the triggers, not what they counted");
            var dialect = earlier.Db.Dialect;
            var (deferredOwn, deferredNeighbour) = await earlier.Db.WriteAsync("t1", (c, tx) =>
            {
                Migrations.DeferParticipants(dialect, c, tx, "t1");
                c.Execute("DELETE FROM votes WHERE tenant_id = 't1'", transaction: tx);
                // Another tenant's write in the same transaction (a group commit) is counted as ever.
                c.Execute("INSERT INTO votes (tenant_id, idea_id, member_id, value, created_at) VALUES ('t2', @neighbourIdea, @dan, 1, 1)", new { neighbourIdea, dan }, tx);
                var counts = (Own: c.ExecuteScalar<long>("SELECT COUNT(*) FROM participants WHERE tenant_id = 't1' AND member_id = @ben", new { ben }, tx),
                    Neighbour: c.ExecuteScalar<long>("SELECT COUNT(*) FROM participants WHERE tenant_id = 't2' AND member_id = @dan", new { dan }, tx));
                Migrations.CountDeferredParticipants(dialect, c, tx, "t1");
                return counts;
            });
            deferredOwn.Should().Be(2, "ben's vote went while t1 was deferred: his rows (challenge and site) wait for the count");
            deferredNeighbour.Should().Be(2, "t2 was never deferred: dan's vote counted at once, in the challenge and the site");

            var after = await ParticipantRowsAsync(earlier.Db);
            after.Should().NotContain(r => r.Tenant == "t1" && r.Member == ben, "the count at the end found his vote gone");
            after.Should().Contain(("t1", challenge, ann, "", 1L));
            await earlier.Votes.CastAsync("t1", idea, ben, 1, StoreFixture.Now);
            (await ParticipantRowsAsync(earlier.Db)).Should().Contain(("t1", challenge, ben, "", 1L), "after the transaction the triggers count t1 again");
        }
        finally
        {
            await earlier.DisposeAsync();
        }
    }

    private static async Task<List<(string Tenant, long Challenge, long Member, string Key, long Contributions)>> ParticipantRowsAsync(Database db)
    {
        await using var reader = db.OpenReader();
        return (await reader.QueryAsync<(string, long, long, string, long)>(
            "SELECT tenant_id, challenge_id, member_id, author_key, contributions FROM participants ORDER BY tenant_id, challenge_id, member_id, author_key")).ToList();
    }

    [Fact]
    public async Task Upgrading_keeps_each_hashed_token_with_an_id_90_days_from_its_making_and_its_members_stamp()
    {
        var earlier = new StoreFixture(schemaVersion: 9); // before step 10 gave tokens names, expiry and stamps
        await earlier.InitializeAsync();
        try
        {
            var ann = await earlier.MemberAsync("t1", "ann");
            var made = StoreFixture.Now.AddDays(-10);
            await earlier.Db.WriteAsync((c, tx) => c.Execute("""
                INSERT INTO member_tokens (tenant_id, token_hash, member_id, created_at) VALUES ('t1', 'hash-b', @id, @made), ('t1', 'hash-a', @id, @made)
                """, new { id = ann.Id, made = made.ToUnixTimeMilliseconds() }, tx));

            await Migrations.ApplyAsync(earlier.Db);

            var found = await earlier.Members.FindByTokenAsync("t1", "hash-a", StoreFixture.Now);
            found.Should().NotBeNull();
            found!.Value.Token.ExpiresAt.Should().Be(made.AddDays(90));
            found.Value.Token.SecurityStamp.Should().Be(ann.SecurityStamp, "a token made before the upgrade keeps working until the stamp changes");
            (await earlier.Members.TokensOfAsync("t1", ann.Id, StoreFixture.Now)).Select(t => t.Id).Should().BeEquivalentTo([1L, 2L]);
            (await earlier.Members.FindByTokenAsync("t1", "hash-a", made.AddDays(91))).Should().BeNull("it expires 90 days after it was made");
            var next = new Engine.Core.Members.MemberToken
            {
                TenantId = "t1", MemberId = ann.Id, Hash = "hash-c", Name = "New", SecurityStamp = ann.SecurityStamp,
                CreatedAt = StoreFixture.Now, ExpiresAt = StoreFixture.Now.AddDays(1),
            };
            await earlier.Members.AddTokenAsync(next);
            next.Id.Should().Be(3, "new tokens are numbered after the ones kept");
        }
        finally
        {
            await earlier.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_database_newer_than_the_engine_is_refused_with_a_clear_message()
    {
        await _store.Db.WriteAsync((c, tx) => c.Execute(_store.Db.Dialect == SqlDialect.Sqlite
            ? $"PRAGMA user_version = {Migrations.Latest + 1}"
            : $"UPDATE schema_version SET version = {Migrations.Latest + 1}", transaction: tx));
        var act = () => Migrations.ApplyAsync(_store.Db);
        (await act.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*newer than this engine*");
    }

    [Fact]
    public async Task The_audit_log_cannot_be_changed_or_deleted_by_anyone_even_with_SQL()
    {
        await _store.Db.WriteAsync((c, tx) => c.Execute(
            "INSERT INTO audit_log (tenant_id, id, at, actor_id, action, subject, detail) VALUES ('t1', 1, 0, 1, 'a', 's', 'd')", transaction: tx));
        var update = () => _store.Db.WriteAsync((c, tx) => c.Execute("UPDATE audit_log SET detail = 'x'", transaction: tx));
        var delete = () => _store.Db.WriteAsync((c, tx) => c.Execute("DELETE FROM audit_log", transaction: tx));
        (await update.Should().ThrowAsync<Exception>()).Which.Message.Should().Contain("append-only");
        (await delete.Should().ThrowAsync<Exception>()).Which.Message.Should().Contain("append-only");
    }

    /// <summary>
    /// What Citus needs to distribute the schema by tenant: every table carries tenant_id, and every
    /// primary key, unique constraint and foreign key includes it (foreign keys on both sides), so each
    /// tenant's rows can live together on one worker. Only the deployment's own tables are exempt.
    /// </summary>
    [Fact]
    public async Task Every_table_carries_the_tenant_id_and_every_key_includes_it_so_Citus_can_distribute_by_tenant()
    {
        var schema = await SchemaOf(_store.Db);
        schema.Keys.Should().Contain(["members", "challenges", "ideas", "comments", "votes", "audit_log"]);
        var untenanted = schema.Where(t => !t.Value.Any(col => col is { Name: "tenant_id", NotNull: true })).Select(t => t.Key);
        untenanted.Should().BeEquivalentTo(_store.Db.Dialect == SqlDialect.Postgres ? Migrations.DeploymentTables : [],
            "only the deployment's own tables (Citus reference tables) may lack a tenant id");

        foreach (var key in await KeysOf(_store.Db))
        {
            if (Migrations.DeploymentTables.Contains(key.Table)) continue;
            key.Columns.Should().Contain("tenant_id", $"{key.Kind} {key.Name} on {key.Table} must include the tenant id");
            if (key.ReferencedColumns is { } referenced)
                referenced.Should().Contain("tenant_id", $"foreign key {key.Name} on {key.Table} must reference the tenant id");
        }
        foreach (var table in schema.Keys.Except(Migrations.DeploymentTables))
            (await KeysOf(_store.Db)).Should().Contain(k => k.Table == table && k.Kind == "primary key", $"{table} needs a primary key");
    }

    public sealed record Column(string Name, string Type, bool NotNull, bool InPrimaryKey);
    public sealed record Key(string Table, string Name, string Kind, IReadOnlyList<string> Columns, IReadOnlyList<string>? ReferencedColumns);

    /// <summary>Tables and their columns, with types in the portable vocabulary (TEXT, INTEGER).</summary>
    public static async Task<Dictionary<string, List<Column>>> SchemaOf(Database db)
    {
        await using var c = db.OpenReader();
        if (db.Dialect == SqlDialect.Sqlite)
        {
            var tables = SqliteTables(c);
            return tables.ToDictionary(t => t, t => c.Query<(long Cid, string Name, string Type, long NotNull, object? Default, long Pk)>($"PRAGMA table_info({t})")
                .Select(col => new Column(col.Name, col.Type.ToUpperInvariant(), col.NotNull == 1 || col.Pk > 0, col.Pk > 0)).OrderBy(col => col.Name, StringComparer.Ordinal).ToList());
        }
        var columns = c.Query<(string Table, string Name, string Type, string Nullable, bool InPk)>("""
            SELECT col.table_name, col.column_name, col.data_type, col.is_nullable,
                   EXISTS (SELECT 1 FROM information_schema.key_column_usage k JOIN information_schema.table_constraints tc
                             ON tc.constraint_name = k.constraint_name AND tc.table_name = k.table_name AND tc.constraint_type = 'PRIMARY KEY'
                           WHERE k.table_name = col.table_name AND k.column_name = col.column_name AND k.table_schema = 'public')
            FROM information_schema.columns col WHERE col.table_schema = 'public'
              -- ideas.search_words: PostgreSQL's generated input to its full-text index, as SQLite's idea_search is its own.
              AND col.is_generated = 'NEVER'
            """).ToList();
        return columns.GroupBy(col => col.Table).ToDictionary(g => g.Key, g => g
            .Select(col => new Column(col.Name, col.Type switch { "bigint" => "INTEGER", "text" => "TEXT", var other => other }, col.Nullable == "NO", col.InPk))
            .OrderBy(col => col.Name, StringComparer.Ordinal).ToList());
    }

    /// <summary>
    /// Our tables on SQLite. The full-text index is SQLite's own (a virtual table and its shadow tables, holding a
    /// copy of findable ideas by tenant_id and idea_id, and idea_search_scopes, the challenges' rowid ranges), not a table
    /// of ours: PostgreSQL searches the ideas table itself.
    /// </summary>
    private static List<string> SqliteTables(System.Data.Common.DbConnection c)
    {
        var fullText = c.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'").ToList();
        fullText.Should().Equal(["idea_search"], "idea search is the one full-text index");
        return c.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            .Where(t => !fullText.Any(f => t == f || t.StartsWith(f + "_", StringComparison.Ordinal))).ToList();
    }

    public static async Task<List<Key>> KeysOf(Database db)
    {
        await using var c = db.OpenReader();
        var keys = new List<Key>();
        if (db.Dialect == SqlDialect.Sqlite)
        {
            foreach (var table in SqliteTables(c))
            {
                var pk = c.Query<(long Cid, string Name, string Type, long NotNull, object? Default, long Pk)>($"PRAGMA table_info({table})")
                    .Where(col => col.Pk > 0).OrderBy(col => col.Pk).Select(col => col.Name).ToList();
                if (pk.Count > 0) keys.Add(new Key(table, $"{table}_pkey", "primary key", pk, null));
                foreach (var index in c.Query<(long Seq, string Name, long Unique, string Origin, long Partial)>($"PRAGMA index_list({table})").Where(i => i.Unique == 1 && i.Origin != "pk"))
                    keys.Add(new Key(table, index.Name, "unique index", c.Query<(long SeqNo, long Cid, string Name)>($"PRAGMA index_info({index.Name})").Select(i => i.Name).ToList(), null));
                foreach (var fk in c.Query<(long Id, long Seq, string Table, string From, string To, string OnUpdate, string OnDelete, string Match)>($"PRAGMA foreign_key_list({table})").GroupBy(f => f.Id))
                    keys.Add(new Key(table, $"{table}_fk{fk.Key}", "foreign key", fk.Select(f => f.From).ToList(), fk.Select(f => f.To).ToList()));
            }
            return keys;
        }
        var rows = c.Query<(string Table, string Name, string Kind, string[] Columns, string[]? Referenced)>("""
            SELECT t.relname, x.conname,
                   CASE x.contype WHEN 'p' THEN 'primary key' WHEN 'u' THEN 'unique constraint' ELSE 'foreign key' END,
                   ARRAY(SELECT a.attname::text FROM unnest(x.conkey) k JOIN pg_attribute a ON a.attrelid = x.conrelid AND a.attnum = k),
                   CASE WHEN x.contype = 'f' THEN ARRAY(SELECT a.attname::text FROM unnest(x.confkey) k JOIN pg_attribute a ON a.attrelid = x.confrelid AND a.attnum = k) END
            FROM pg_constraint x JOIN pg_class t ON t.oid = x.conrelid
            WHERE x.contype IN ('p', 'u', 'f') AND t.relnamespace = 'public'::regnamespace
            UNION ALL
            SELECT t.relname, i.relname, 'unique index',
                   ARRAY(SELECT a.attname::text FROM unnest(x.indkey) k JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k), NULL
            FROM pg_index x JOIN pg_class t ON t.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid
            WHERE x.indisunique AND NOT x.indisprimary AND t.relnamespace = 'public'::regnamespace
              AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid)
            """);
        return rows.Select(r => new Key(r.Table, r.Name, r.Kind, r.Columns, r.Referenced)).ToList();
    }
}

/// <summary>The same migration steps on both databases give the same tables, columns and keys.</summary>
[Trait("Store", "Both")] // sets up both stores itself: run once, not again in the PostgreSQL run
public class MigrationsOnBothStoresTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "engine-data-tests", Guid.NewGuid().ToString("N"));
    private SqliteDatabase _sqlite = null!;
    private PostgresDatabase _postgres = null!;
    private string _postgresDatabase = null!;

    public async Task InitializeAsync()
    {
        _sqlite = new SqliteDatabase(Path.Combine(_folder, "engine.db"));
        _postgresDatabase = await Engine.Tests.Shared.TestPostgres.CreateDatabaseAsync();
        _postgres = new PostgresDatabase(_postgresDatabase);
        await Migrations.ApplyAsync(_sqlite);
        await Migrations.ApplyAsync(_postgres);
    }

    public async Task DisposeAsync()
    {
        await _sqlite.DisposeAsync();
        await _postgres.DisposeAsync();
        await Engine.Tests.Shared.TestPostgres.DropDatabaseAsync(_postgresDatabase);
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Every_step_applied_on_SQLite_and_on_PostgreSQL_gives_the_same_tables_and_columns()
    {
        var sqlite = await MigrationTests.SchemaOf(_sqlite);
        var postgres = await MigrationTests.SchemaOf(_postgres);
        foreach (var table in Migrations.DeploymentTables) postgres.Remove(table);
        postgres.Keys.Should().BeEquivalentTo(sqlite.Keys);
        foreach (var (table, columns) in sqlite)
            postgres[table].Should().BeEquivalentTo(columns, o => o.WithStrictOrdering(), $"table {table}");
    }

    [Fact]
    public async Task Every_step_gives_the_same_keys_on_both()
    {
        static IEnumerable<string> Describe(IEnumerable<MigrationTests.Key> keys) => keys
            .Where(k => !Migrations.DeploymentTables.Contains(k.Table))
            .Select(k => $"{k.Table} {(k.Kind == "foreign key" ? "foreign key" : k.Kind == "primary key" ? "primary key" : "unique")} ({string.Join(", ", k.Columns)}) -> ({string.Join(", ", k.ReferencedColumns ?? [])})");
        Describe(await MigrationTests.KeysOf(_postgres)).Should().BeEquivalentTo(Describe(await MigrationTests.KeysOf(_sqlite)));
    }

    [Fact]
    public async Task On_PostgreSQL_idea_search_is_served_by_its_full_text_index()
    {
        await using var c = _postgres.OpenReader();
        await using var tx = await c.BeginTransactionAsync();
        // Five thousand published ideas (in this transaction, rolled back), of which one mentions parking, so the planner
        // knows the full-text index is the cheap way to the few that match, as it is on a real site.
        await c.ExecuteAsync("""
            INSERT INTO challenges (tenant_id, id, slug, title, description, state, position) VALUES ('t1', 1, 'c', 'C', 'D', 'open', 1);
            INSERT INTO ideas (tenant_id, id, challenge_id, author_key, anonymous, title, body, status, created_at)
                SELECT 't1', n, 1, 'k', 0, 'Idea ' || n, CASE WHEN n = 7 THEN 'Free parking for carers' ELSE 'Shorter waits number ' || n END, 'submitted', n
                FROM generate_series(1, 5000) AS n;
            ANALYZE ideas;
            -- Rows just inserted wait in the GIN index's pending list, which the planner prices as a scan of the whole list
            -- (it chose another index over it): on a real site autovacuum moves them into the index, as this does here.
            SELECT gin_clean_pending_list('ideas_full_text'::regclass);
            """, transaction: tx);
        var plan = string.Join("\n", await c.QueryAsync<string>($"""
            EXPLAIN SELECT i.id FROM ideas i WHERE i.moderation = 'published' AND i.merged_into IS NULL
              AND i.search_words @@ plainto_tsquery('english', 'parking')
            """, transaction: tx));
        plan.Should().Contain("ideas_full_text");
    }

    [Fact]
    public void A_step_with_SQLite_only_syntax_in_its_portable_part_is_refused_naming_the_step()
    {
        MigrationStep step = "CREATE TABLE t (tenant_id TEXT NOT NULL, id INTEGER PRIMARY KEY AUTOINCREMENT);";
        var act = () => step.For(SqlDialect.Postgres, 9);
        act.Should().Throw<InvalidOperationException>().WithMessage("*step 9*AUTOINCREMENT*SqliteOnly*");
    }

    [Fact]
    public void Portable_steps_become_BIGINT_without_ROWID_on_PostgreSQL_and_stay_as_written_on_SQLite()
    {
        MigrationStep step = "CREATE TABLE t (tenant_id TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (tenant_id, n)) WITHOUT ROWID; -- an INTEGER";
        step.For(SqlDialect.Postgres, 1).Trim().Should().Be("CREATE TABLE t (tenant_id TEXT NOT NULL, n BIGINT NOT NULL, PRIMARY KEY (tenant_id, n));");
        step.For(SqlDialect.Sqlite, 1).Trim().Should().Be(step.Portable);
    }
}
