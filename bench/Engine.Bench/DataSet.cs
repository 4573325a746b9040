using System.Text.Json;
using Bogus;
using Dapper;
using Engine.Core.Members;
using Engine.Data;
using Engine.Data.Sqlite;
using Engine.Web.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;

namespace Engine.Bench;

/// <summary>
/// A large, realistic data set written straight into a fresh engine database and tenants folder:
/// one big tenant (one challenge with all the ideas, the members, votes and comments) and many
/// small tenants on rotating themes. Seeded, so every run builds the same data.
/// </summary>
public sealed class DataSet
{
    public const string BigTenant = "big", BigHost = "big.localhost", Challenge = "big-challenge";
    public const string SignedInEmail = "bench@example.nhs.uk", SignedInPassword = "bench password 123";
    public static readonly string[] Themes = ["base", "nhs", "london"];

    public required string Root { get; init; }
    public string TenantsPath => Path.Combine(Root, "tenants");
    public string DataPath => Path.Combine(Root, "data");
    public string PluginsPath => Path.Combine(Root, "plugins");
    public required IReadOnlyList<string> SmallTenantHosts { get; init; }
    /// <summary>The ideas of the challenge the figures load (ids 1 to this), and its tenant's members (ids 1 to this).</summary>
    public required int Ideas { get; init; }
    public required int Members { get; init; }
    /// <summary>The tenant whose challenge the figures load: the big one, or the national one when there is one.</summary>
    public string Host { get; init; } = BigHost;
    public string TenantId { get; init; } = BigTenant;
    public string ChallengeSlug { get; init; } = Challenge;
    public string ChallengePath => $"/challenges/{ChallengeSlug}";
    /// <summary>An idea of the loaded tenant with exactly <see cref="IdeaComments"/> published comments (issue 22's idea page).</summary>
    public long CommentedIdea { get; init; } = 1;
    public string IdeaPath => $"/ideas/{CommentedIdea}";
    public const int IdeaComments = 200;
    /// <summary>The national tenant's size (issue 22), when the set has one.</summary>
    public NationalSize? National { get; init; }
    /// <summary>How long each part of the national tenant took to write.</summary>
    public string NationalPhases { get; private set; } = "";

    /// <summary>Each member's bearer token for the API, so load can vote as thousands of different people.</summary>
    public static string TokenFor(long memberId) => $"bench-token-{memberId}";

    public static async Task<DataSet> CreateAsync(BenchOptions options, string root)
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        Directory.CreateDirectory(root);
        Randomizer.Seed = new Random(7);
        var set = Describe(options, root);
        var national = set.National;
        Directory.CreateDirectory(set.PluginsPath);
        var now = DateTimeOffset.UtcNow;
        set.WriteTenant(BigTenant, "Big region ideas", BigHost, "nhs", now);
        for (var i = 1; i <= options.SmallTenants; i++)
            set.WriteTenant($"t{i:000}", $"Small site {i}", $"t{i:000}.localhost", Themes[i % Themes.Length], now);
        if (national is not null)
            set.WriteTenant(NationalDataSet.Tenant, NationalDataSet.Name, NationalDataSet.Host, "nhs", now, NationalDataSet.ChallengesJson(national, now));

        var database = new SqliteDatabase(Path.Combine(set.DataPath, "engine.db"));
        await Migrations.ApplyAsync(database);
        await database.DisposeAsync();
        using var c = new SqliteConnection($"Data Source={database.Path};Pooling=False");
        c.Open();
        // No journal while generating (a failed run is thrown away whole), and a cache that holds the indexes being written.
        c.Execute("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA foreign_keys=OFF; PRAGMA cache_size=-524288;");
        using (var tx = c.BeginTransaction())
        {
            Fill(c, tx, BigTenant, options.Members, options.Ideas, options.Votes, options.Comments, now, withSignIn: true);
            for (var i = 1; i <= options.SmallTenants; i++) Fill(c, tx, $"t{i:000}", 5, 10, 20, 10, now, withSignIn: false);
            tx.Commit();
        }
        if (national is not null) set.NationalPhases = NationalDataSet.Fill(c, national, now);
        // ANALYZE samples each index (analysis_limit): reading all of ten million votes would add a minute and tell the planner no more.
        c.Execute("PRAGMA journal_mode=WAL; PRAGMA analysis_limit=1000; ANALYZE;");
        return set;
    }

    /// <summary>What <see cref="CreateAsync"/> writes (or wrote, in a kept folder) with these options: the tenant and challenge the figures load.</summary>
    public static DataSet Describe(BenchOptions options, string root)
    {
        var national = options.National > 0 ? NationalSize.Scaled(options.National) : null;
        var smallTenantHosts = Enumerable.Range(1, options.SmallTenants).Select(i => $"t{i:000}.localhost").ToList();
        return national is null
            ? new DataSet { Root = root, Ideas = options.Ideas, Members = options.Members, SmallTenantHosts = smallTenantHosts }
            : new DataSet
            {
                Root = root, Ideas = NationalDataSet.IdeasPerChallenge(national)[0], Members = national.Members, SmallTenantHosts = smallTenantHosts,
                Host = NationalDataSet.Host, TenantId = NationalDataSet.Tenant, ChallengeSlug = NationalDataSet.ChallengeSlug(0), National = national,
                CommentedIdea = NationalDataSet.CommentedIdea,
            };
    }

    internal void WriteTenant(string id, string name, string host, string theme, DateTimeOffset now, IEnumerable<object>? challenges = null)
    {
        var folder = Path.Combine(TenantsPath, id);
        Directory.CreateDirectory(folder);
        var tenant = new
        {
            id, name, state = "active", hosts = new[] { host }, pathPrefix = "", theme,
            themeSettings = new { primaryColour = "#005eb8", accentColour = "#ffb81c", tagline = $"{name}: ideas to improve care" },
            locale = "en-GB",
            features = new { anonymousPosting = true, downVotes = true },
            challenges = challenges ?? new[]
            {
                new { slug = Challenge, title = "Waiting well for planned care", description = "How can we help people wait well for their operation?",
                      opensAt = now.AddDays(-14), closesAt = now.AddDays(30) },
            },
        };
        File.WriteAllText(Path.Combine(folder, "tenant.json"), JsonSerializer.Serialize(tenant,
            new JsonSerializerOptions { WriteIndented = true, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull }));
    }

    internal static void Fill(SqliteConnection c, SqliteTransaction tx, string tenantId, int members, int ideas, int votes, int comments, DateTimeOffset now, bool withSignIn)
    {
        var faker = new Faker("en_GB");
        var opened = now.AddDays(-14).ToUnixTimeMilliseconds();
        long At() => opened + faker.Random.Long(0, now.ToUnixTimeMilliseconds() - opened);
        c.Execute("""
            INSERT INTO challenges (tenant_id, id, slug, title, description, opens_at, closes_at, state, position)
            VALUES (@tenantId, 1, @slug, 'Waiting well for planned care', '', @opens, @closes, 'open', 0)
            """, new { tenantId, slug = Challenge, opens = opened, closes = now.AddDays(30).ToUnixTimeMilliseconds() }, tx);

        var hasher = new PasswordHasher<Member>();
        var member = c.CreateCommand();
        member.Transaction = tx;
        member.CommandText = """
            INSERT INTO members (tenant_id, id, email, normalized_email, display_name, password_hash, security_stamp, role, created_at)
            VALUES ($t, $id, $email, upper($email), $name, $hash, $stamp, 'member', $at)
            """;
        var token = c.CreateCommand();
        token.Transaction = tx;
        token.CommandText = """
            INSERT INTO member_tokens (tenant_id, id, token_hash, member_id, name, security_stamp, created_at, expires_at)
            VALUES ($t, $id, $hash, $id, 'Bench', $stamp, $at, $expires)
            """;
        var expires = now.AddYears(1).ToUnixTimeMilliseconds();
        for (long id = 1; id <= members; id++)
        {
            var signIn = withSignIn && id == 1;
            var email = signIn ? SignedInEmail : $"member{id}@example.nhs.uk";
            // A token is good only while it carries its member's security stamp.
            var stamp = Guid.NewGuid().ToString("N");
            Run(member, ("$t", tenantId), ("$id", id), ("$email", email), ("$name", faker.Name.FullName()),
                ("$hash", signIn ? hasher.HashPassword(new Member(), SignedInPassword) : DBNull.Value), ("$stamp", stamp), ("$at", opened));
            Run(token, ("$t", tenantId), ("$hash", TokenAuthentication.Hash(TokenFor(id))), ("$id", id), ("$stamp", stamp), ("$at", opened), ("$expires", expires));
        }

        var idea = c.CreateCommand();
        idea.Transaction = tx;
        idea.CommandText = """
            INSERT INTO ideas (tenant_id, id, challenge_id, author_id, anonymous, title, body, status, created_at)
            VALUES ($t, $id, 1, $author, $anonymous, $title, $body, 'submitted', $at)
            """;
        for (long id = 1; id <= ideas; id++)
            Run(idea, ("$t", tenantId), ("$id", id), ("$author", faker.Random.Long(1, members)), ("$anonymous", faker.Random.Bool(0.2f) ? 1 : 0),
                ("$title", faker.Lorem.Sentence(faker.Random.Int(4, 9)).TrimEnd('.')), ("$body", faker.Lorem.Paragraphs(faker.Random.Int(1, 3))), ("$at", At()));

        // One vote per member per idea: the signed-in member has voted on the first ideas, so their page has votes to mark.
        var vote = c.CreateCommand();
        vote.Transaction = tx;
        vote.CommandText = "INSERT INTO votes (tenant_id, idea_id, member_id, value, created_at) VALUES ($t, $idea, $member, $value, $at)";
        var cast = new HashSet<(long, long)>();
        for (long i = 1; withSignIn && i <= Math.Min(50, ideas); i++) cast.Add((i, 1));
        while (cast.Count < Math.Min(votes, (long)members * ideas / 2)) cast.Add((faker.Random.Long(1, ideas), faker.Random.Long(1, members)));
        foreach (var (ideaId, memberId) in cast)
            Run(vote, ("$t", tenantId), ("$idea", ideaId), ("$member", memberId), ("$value", memberId == 1 || faker.Random.Bool(0.85f) ? 1 : -1), ("$at", At()));

        var comment = c.CreateCommand();
        comment.Transaction = tx;
        comment.CommandText = """
            INSERT INTO comments (tenant_id, id, idea_id, parent_id, author_id, anonymous, body, created_at)
            VALUES ($t, $id, $idea, NULL, $author, 0, $body, $at)
            """;
        // The big tenant's first idea has exactly 200 comments (the idea page's figure); the others are spread over the other ideas.
        long IdeaOf(long comment) => !withSignIn ? faker.Random.Long(1, ideas) : comment <= IdeaComments ? 1 : faker.Random.Long(2, ideas);
        if (withSignIn && comments < IdeaComments) throw new ArgumentException($"The big tenant needs at least {IdeaComments} comments for its idea page, not {comments}.", nameof(comments));
        for (long id = 1; id <= comments; id++)
            Run(comment, ("$t", tenantId), ("$id", id), ("$idea", IdeaOf(id)), ("$author", faker.Random.Long(1, members)),
                ("$body", faker.Lorem.Sentences(faker.Random.Int(1, 4))), ("$at", At()));

        // Counters as the engine keeps them, and sequences past every id used here.
        c.Execute("""
            INSERT INTO idea_counts (tenant_id, idea_id, up_count, down_count, voter_count)
              SELECT tenant_id, idea_id, SUM(CASE WHEN value > 0 THEN value ELSE 0 END), SUM(CASE WHEN value < 0 THEN -value ELSE 0 END), COUNT(*)
              FROM votes WHERE tenant_id = @tenantId GROUP BY tenant_id, idea_id;
            UPDATE ideas SET comment_count = (SELECT COUNT(*) FROM comments k WHERE k.tenant_id = ideas.tenant_id AND k.idea_id = ideas.id)
            WHERE tenant_id = @tenantId;
            INSERT INTO sequences (tenant_id, name, value) VALUES (@tenantId, 'challenge', 1), (@tenantId, 'member', @members), (@tenantId, 'token', @members),
              (@tenantId, 'idea', @ideas), (@tenantId, 'comment', @comments);
            """, new { tenantId, members, ideas, comments }, tx);
    }

    private static void Run(SqliteCommand command, params (string Name, object Value)[] values)
    {
        command.Parameters.Clear();
        foreach (var (name, value) in values) command.Parameters.AddWithValue(name, value);
        command.ExecuteNonQuery();
    }
}
