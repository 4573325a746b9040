using System.Data.Common;
using System.Text.Json;
using Dapper;
using Engine.Bench;
using Engine.Data.Transfer;
using Engine.Data.Sqlite;
using Engine.Data.Postgres;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Engine.Bench.Tests;

/// <summary>
/// The national data set (issue 22) at its CI smoke size: the rows asked for are there, the counters the engine keeps
/// agree with a recount of the rows, votes follow each challenge's switch, and the votes are skewed as real ones are.
/// </summary>
public class NationalDataSetTests
{
    private static readonly NationalSize Size = NationalSize.Scaled(BenchOptions.NationalSmokeScale);

    [Fact]
    public async Task The_national_tenant_has_the_rows_asked_for_and_counters_that_match_a_recount()
    {
        await using var set = await Generated.CreateAsync();
        using var c = set.Open();
        RowsAndCounters(c, set.Data.Ideas);
        c.ExecuteScalar<long>("PRAGMA foreign_key_check").Should().Be(0, "every vote, comment and idea points at rows that exist");
    }

    [Fact]
    public async Task Votes_follow_each_challenge_s_switch_and_a_few_ideas_draw_most_of_them()
    {
        await using var set = await Generated.CreateAsync();
        using var c = set.Open();
        object t = new { t = NationalDataSet.Tenant };

        var tenant = JsonDocument.Parse(File.ReadAllText(Path.Combine(set.Data.TenantsPath, NationalDataSet.Tenant, "tenant.json"))).RootElement;
        var challenges = tenant.GetProperty("challenges").EnumerateArray().ToList();
        challenges.Should().HaveCount(20);
        var upOnly = challenges.Select((ch, i) => (ch, i))
            .Where(x => x.ch.TryGetProperty("features", out var f) && !f.GetProperty("downVotes").GetBoolean()).Select(x => (long)x.i + 1).ToList();
        upOnly.Should().NotBeEmpty().And.NotContain(1, "the vote load sends thumbs down to the biggest challenge");
        var downsByChallenge = c.Query<(long Challenge, long Downs)>("""
            SELECT i.challenge_id, SUM(CASE WHEN v.value < 0 THEN 1 ELSE 0 END) FROM votes v JOIN ideas i ON i.tenant_id = v.tenant_id AND i.id = v.idea_id
            WHERE v.tenant_id = @t GROUP BY i.challenge_id
            """, t).ToDictionary(x => x.Challenge, x => x.Downs);
        upOnly.Select(ch => downsByChallenge.GetValueOrDefault(ch)).Should().AllBeEquivalentTo(0L, "a thumbs-up-only challenge has no thumbs down");
        downsByChallenge[1].Should().BeGreaterThan(0);

        var perIdea = c.Query<long>("SELECT voter_count FROM idea_counts WHERE tenant_id = @t ORDER BY voter_count DESC", t).ToList();
        // At full size a hundredth of the ideas draw two thirds of the votes; at this size one vote per member caps the top ideas.
        perIdea.Take(Size.Ideas / 10).Sum().Should().BeGreaterThan(Size.Votes * 4 / 10, "a tenth of the ideas draw far more than a tenth of the votes");
        perIdea[0].Should().BeGreaterThan(10 * perIdea[perIdea.Count / 2], "the most popular idea draws many times the median's votes");
        perIdea[0].Should().BeLessThanOrEqualTo(Size.Members, "one vote per member per idea");
        c.ExecuteScalar<long>("SELECT COUNT(*) FROM votes v JOIN ideas i ON i.tenant_id = v.tenant_id AND i.id = v.idea_id WHERE v.tenant_id = @t AND v.member_id = 1 AND i.challenge_id = 1", t)
            .Should().BeGreaterThan(0, "the signed-in member's challenge page has votes to mark");
        c.ExecuteScalar<string>("SELECT email FROM members WHERE tenant_id = @t AND id = 1", t).Should().Be(DataSet.SignedInEmail);
        c.ExecuteScalar<long>("SELECT COUNT(*) FROM members WHERE tenant_id = @t AND password_hash IS NOT NULL", t).Should().Be(1, "only the signed-in member has a password");
    }

    [Fact]
    public async Task The_national_tenant_carried_to_PostgreSQL_by_COPY_is_the_same_tenant_with_its_keys_and_counters()
    {
        await using var set = await Generated.CreateAsync();
        var generated = Path.Combine(set.Data.DataPath, "engine.db");
        var database = await TestPostgres.CreateDatabaseAsync();
        try
        {
            var carried = await BenchPostgres.CopyTenantAsync(generated, NationalDataSet.Tenant, database);
            carried["votes"].Should().Be(Size.Votes);

            await using var pg = new NpgsqlConnection(database);
            await pg.OpenAsync();
            RowsAndCounters(pg, set.Data.Ideas);
            pg.ExecuteScalar<long>("SELECT COUNT(*) FROM ideas WHERE tenant_id <> @t", new { t = NationalDataSet.Tenant }).Should().Be(0, "only the tenant asked for is carried");
            pg.Query<string>("SELECT indexname::text FROM pg_indexes WHERE schemaname = 'public'").Should().Contain(["votes_by_member", "votes_by_time"], "the indexes are made again after the load");
            pg.ExecuteScalar<long>("SELECT COUNT(*) FROM pg_constraint WHERE contype = 'f' AND conrelid = 'votes'::regclass").Should().Be(2, "the votes' foreign keys are made again, which checks every row");

            // Row for row the same tenant: the engine's own export of each store hashes the same.
            var sqlite = new SqliteDatabase(generated);
            var fromSqlite = await TenantTransfer.ExportAsync(sqlite, NationalDataSet.Tenant);
            await sqlite.DisposeAsync();
            await using var postgres = new PostgresDatabase(database);
            var fromPostgres = await TenantTransfer.ExportAsync(postgres, NationalDataSet.Tenant);
            fromPostgres.Counts.Should().Equal(fromSqlite.Counts);
            fromPostgres.ContentHash().Should().Be(fromSqlite.ContentHash());
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public async Task The_idea_the_idea_page_figure_loads_has_exactly_200_published_comments_on_both_sets()
    {
        await using var set = await Generated.CreateAsync();
        using var c = set.Open();
        const string count = "SELECT COUNT(*) FROM comments WHERE tenant_id = @t AND idea_id = @idea AND moderation = 'published' AND parent_id IS NULL";
        c.ExecuteScalar<long>(count, new { t = NationalDataSet.Tenant, idea = set.Data.CommentedIdea }).Should().Be(DataSet.IdeaComments);
        c.ExecuteScalar<long>("SELECT challenge_id FROM ideas WHERE tenant_id = @t AND id = @idea", new { t = NationalDataSet.Tenant, idea = set.Data.CommentedIdea })
            .Should().Be(1, "the idea is in the biggest challenge, the one the figures load");
        c.ExecuteScalar<long>(count, new { t = DataSet.BigTenant, idea = 1 }).Should().Be(DataSet.IdeaComments, "the small set's big tenant has the same idea page");
        c.ExecuteScalar<long>("SELECT COUNT(*) FROM comments WHERE tenant_id = @t", new { t = DataSet.BigTenant }).Should().Be(300, "the other comments are still written, on other ideas");
    }

    [Theory]
    [InlineData(new[] { 1, 1, 1, 2, 3 }, 2, new[] { 2, 1, 1, 2, 3 })] // too many: the first extra moves to the next idea
    [InlineData(new[] { 2, 3, 1, 4, 5 }, 3, new[] { 1, 1, 1, 4, 5 })] // too few: the first comments on other ideas move to it
    [InlineData(new[] { 1, 2, 1, 3, 4 }, 2, new[] { 1, 2, 1, 3, 4 })] // exactly: nothing moves
    public void An_idea_is_given_exactly_the_comments_asked_for_and_every_comment_stays(int[] ideas, int count, int[] expected)
    {
        NationalDataSet.GiveExactly(ideas, 1, count);
        ideas.Should().Equal(expected);
    }

    [Fact]
    public async Task The_same_seed_makes_the_same_national_tenant()
    {
        string Fingerprint(SqliteConnection c) => string.Join("|",
            c.ExecuteScalar<long>("SELECT SUM(idea_id * 1000003 + member_id * value) FROM votes WHERE tenant_id = 'national'"),
            c.ExecuteScalar<long>("SELECT SUM(idea_id * id + author_id) FROM comments WHERE tenant_id = 'national'"),
            string.Join(",", c.Query<string>("SELECT title FROM ideas WHERE tenant_id = 'national' ORDER BY id LIMIT 20")));
        await using var first = await Generated.CreateAsync();
        await using var second = await Generated.CreateAsync();
        using var a = first.Open();
        using var b = second.Open();
        Fingerprint(a).Should().Be(Fingerprint(b));
    }

    [Fact]
    public async Task The_national_pass_measures_every_figure_on_the_national_tenant_and_results_md_takes_it_in()
    {
        var output = Path.Combine(Path.GetTempPath(), "engine-bench-national-test", Guid.NewGuid().ToString("N"));
        var log = new List<string>();
        try
        {
            var options = BenchOptions.SmokeRun(TestRepository.Root, output) with { MicroBenchmarks = false, National = BenchOptions.NationalSmokeScale };
            var exit = await BenchRun.RunNationalAsync(options, line => { lock (log) log.Add(line); });
            exit.Should().Be(0, string.Join("\n", log));

            var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "national.json"))).RootElement;
            json.GetProperty("Generation").GetProperty("National").GetProperty("Votes").GetInt64().Should().Be(Size.Votes);
            json.GetProperty("pages").EnumerateArray().Select(p => p.GetProperty("Engine").GetProperty("Requests").GetInt64()).Should().HaveCount(3).And.OnlyContain(n => n > 0);
            json.GetProperty("Votes").GetProperty("Writes").GetInt64().Should().BeGreaterThan(0, "the votes reached the national tenant");
            json.GetProperty("ManyTenants").GetProperty("Tenants").GetInt32().Should().Be(7, "five small tenants, the big one and the national one");
            SmokeTests.PostgresFiguresMeasured(json.GetProperty("PostgresVotes"));
            File.ReadAllText(Path.Combine(output, "national.md")).Should().Contain("## National data set").And.Contain("| 7 |");

            Report.Write(new BenchResults { Smoke = true, Machine = Machine.Describe(TestRepository.Root) }, output, null);
            File.ReadAllText(Path.Combine(output, "results.md")).Should().Contain("## National data set (issue 22)");
            var targets = Issue22.Evaluate(new BenchResults { Smoke = true, Machine = Machine.Describe(TestRepository.Root) }, output).ToDictionary(t => t.Id);
            foreach (var page in new[] { "member-page", "visitor-page", "idea-page" })
                targets[page].Measured.Should().Contain("small set: not measured").And.Contain("national set: ").And.NotContain("national set: not measured", page);
            targets["national-start-up"].Measured.Should().StartWith("start ").And.EndWith("(figure 7)");
            targets["national-start-up"].Holds.Should().NotBeNull("figure 7 ran on the national set");
            targets["generation"].Measured.Should().EndWith("s (a smaller copy)", "the smoke set is not the national size");
            JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "results.json"))).RootElement.GetProperty("national").GetProperty("figures").GetArrayLength().Should().Be(9);
        }
        finally
        {
            if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        }
    }

    /// <summary>The rows asked for, and counters that match a recount: the same checks on SQLite and on PostgreSQL.</summary>
    private static void RowsAndCounters(DbConnection c, long biggest)
    {
        object t = new { t = NationalDataSet.Tenant };
        c.ExecuteScalar<long>("SELECT COUNT(*) FROM challenges WHERE tenant_id = @t", t).Should().Be(20);
        c.ExecuteScalar<long>("SELECT COUNT(*) FROM ideas WHERE tenant_id = @t", t).Should().Be(Size.Ideas);
        c.ExecuteScalar<long>("SELECT COUNT(*) FROM members WHERE tenant_id = @t", t).Should().Be(Size.Members);
        c.ExecuteScalar<long>("SELECT COUNT(*) FROM member_tokens WHERE tenant_id = @t", t).Should().Be(Size.Members);
        c.ExecuteScalar<long>("SELECT COUNT(*) FROM votes WHERE tenant_id = @t", t).Should().Be(Size.Votes);
        c.ExecuteScalar<long>("SELECT COUNT(*) FROM comments WHERE tenant_id = @t", t).Should().Be(Size.Comments);
        c.ExecuteScalar<long>("SELECT COUNT(*) FROM ideas WHERE tenant_id = @t AND challenge_id = 1", t).Should().Be(biggest, "the figures load the biggest challenge, ideas 1 to n");
        c.ExecuteScalar<long>("SELECT MAX(id) FROM ideas WHERE tenant_id = @t AND challenge_id = 1", t).Should().Be(biggest);

        var counts = c.Query<(long Idea, long Up, long Down, long Voters)>(
            "SELECT idea_id, up_count, down_count, voter_count FROM idea_counts WHERE tenant_id = @t ORDER BY idea_id", t).ToList();
        var recount = c.Query<(long Idea, long Up, long Down, long Voters)>("""
            SELECT idea_id, CAST(SUM(CASE WHEN value > 0 THEN value ELSE 0 END) AS BIGINT), CAST(SUM(CASE WHEN value < 0 THEN -value ELSE 0 END) AS BIGINT), COUNT(*)
            FROM votes WHERE tenant_id = @t GROUP BY idea_id ORDER BY idea_id
            """, t).ToList();
        counts.Should().Equal(recount);
        c.ExecuteScalar<long>("""
            SELECT COUNT(*) FROM ideas i WHERE tenant_id = @t
              AND comment_count <> (SELECT COUNT(*) FROM comments k WHERE k.tenant_id = i.tenant_id AND k.idea_id = i.id AND k.moderation = 'published')
            """, t).Should().Be(0, "every idea's comment count is its comments");
        c.ExecuteScalar<long>("SELECT CAST(SUM(comment_count) AS BIGINT) FROM ideas WHERE tenant_id = @t", t).Should().Be(Size.Comments);
        // Every challenge is public and every contribution published, so the participants are every author and voter once.
        c.ExecuteScalar<long>("SELECT COUNT(*) FROM participants WHERE tenant_id = @t AND challenge_id = 0", t).Should().Be(c.ExecuteScalar<long>("""
            SELECT COUNT(*) FROM (SELECT member_id FROM votes WHERE tenant_id = @t UNION SELECT author_id FROM ideas WHERE tenant_id = @t
              UNION SELECT author_id FROM comments WHERE tenant_id = @t) AS people
            """, t), "the site's people are everyone who posted, commented or voted");
        c.ExecuteScalar<long>("SELECT CAST(SUM(contributions) AS BIGINT) FROM participants WHERE tenant_id = @t AND challenge_id <> 0", t)
            .Should().Be(Size.Ideas + Size.Comments + Size.Votes, "each idea, comment and vote counts its author or voter once in its challenge");
        c.Query<(string Name, long Value)>("SELECT name, value FROM sequences WHERE tenant_id = @t ORDER BY name", t).Should().Equal(
            ("challenge", 20L), ("comment", Size.Comments), ("idea", Size.Ideas), ("member", Size.Members), ("token", Size.Members));
    }

    private sealed class Generated : IAsyncDisposable
    {
        public required DataSet Data { get; init; }

        public static async Task<Generated> CreateAsync()
        {
            var options = BenchOptions.SmokeRun(TestRepository.Root, "") with { SmallTenants = 2, National = BenchOptions.NationalSmokeScale };
            var root = Path.Combine(Path.GetTempPath(), "engine-bench-national-test", Guid.NewGuid().ToString("N"));
            return new Generated { Data = await DataSet.CreateAsync(options, root) };
        }

        public SqliteConnection Open()
        {
            var c = new SqliteConnection($"Data Source={Path.Combine(Data.DataPath, "engine.db")};Pooling=False");
            c.Open();
            return c;
        }

        public ValueTask DisposeAsync()
        {
            if (Directory.Exists(Data.Root)) Directory.Delete(Data.Root, recursive: true);
            return ValueTask.CompletedTask;
        }
    }
}
