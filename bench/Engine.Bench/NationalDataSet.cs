using Bogus;
using Dapper;
using Engine.Web.Accounts;
using Microsoft.AspNetCore.Identity;
using Engine.Core.Members;
using Microsoft.Data.Sqlite;

namespace Engine.Bench;

/// <summary>How big the national tenant is: <see cref="Scaled"/>(1) is issue 22's numbers (Change NHS's), a small scale the CI smoke size.</summary>
public sealed record NationalSize(int Challenges, int Ideas, int Members, long Votes, int Comments)
{
    public static NationalSize Scaled(double scale) => new(20,
        Math.Max(100, (int)(200_000 * scale)), Math.Max(500, (int)(1_000_000 * scale)),
        Math.Max(2_000, (long)(10_000_000 * scale)), Math.Max(200, (int)(1_000_000 * scale)));
}

/// <summary>
/// One national tenant at Change NHS's scale (issue 22), written straight into the engine's SQLite database like
/// <see cref="DataSet"/>'s, but built for millions of rows: one prepared command per table with its parameters reused,
/// rows written in primary-key order, the secondary indexes dropped during the load and built once at the end (sorted
/// in one pass instead of millions of random inserts), and the counters computed while generating. Seeded: the same
/// data every run. Idea ids are contiguous per challenge, so the biggest challenge's ideas are 1..n and the vote
/// load's random ideas all fall in it.
/// </summary>
public static class NationalDataSet
{
    public const string Tenant = "national", Host = "national.localhost", Name = "National conversation";
    private const double DownShare = 0.15;

    /// <summary>The first challenge is the biggest, the one the figures load.</summary>
    public static string ChallengeSlug(int index) => index == 0 ? "national-conversation" : $"national-{index + 1:00}";

    /// <summary>Each third challenge takes thumbs-up only (its own switch in tenant.json); the biggest takes both, as the vote load sends both.</summary>
    public static bool DownVotes(int index) => index % 3 != 2;

    /// <summary>A few challenges draw most ideas: shares fall as 1/(position + 1), every challenge has at least one.</summary>
    public static int[] IdeasPerChallenge(NationalSize size)
    {
        var weights = Enumerable.Range(1, size.Challenges).Select(i => 1.0 / i).ToArray();
        var ideas = weights.Select(w => Math.Max(1, (int)(size.Ideas * w / weights.Sum()))).ToArray();
        ideas[0] += size.Ideas - ideas.Sum();
        return ideas;
    }

    public static string ChallengeTitle(int index) => index == 0 ? "Change NHS: help build a health service fit for the future" : $"National priority {index + 1}";

    /// <summary>The challenges as tenant.json lists them.</summary>
    public static IEnumerable<object> ChallengesJson(NationalSize size, DateTimeOffset now) =>
        Enumerable.Range(0, size.Challenges).Select(i => new
        {
            slug = ChallengeSlug(i), title = ChallengeTitle(i), description = "What would make the biggest difference to your care?",
            opensAt = now.AddDays(-60), closesAt = now.AddDays(30), features = DownVotes(i) ? null : new { downVotes = false },
        });

    /// <summary>Writes the national tenant; answers how long each part took, for the report.</summary>
    public static string Fill(SqliteConnection c, NationalSize size, DateTimeOffset now, int seed = 22)
    {
        // Wall-clock and CPU time per part: on a busy machine the first says as much about the other work as about this.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        var phases = new List<string>();
        void Done(string phase)
        {
            var now = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
            phases.Add($"{phase} {clock.Elapsed.TotalSeconds:F1} s ({(now - cpu).TotalSeconds:F1} s CPU)");
            cpu = now;
            clock.Restart();
        }
        var random = new Random(seed);
        Randomizer.Seed = new Random(seed);
        var text = new Texts(new Faker("en_GB"));
        var opened = now.AddDays(-60).ToUnixTimeMilliseconds();
        var nowMs = now.ToUnixTimeMilliseconds();
        var perChallenge = IdeasPerChallenge(size);
        var challengeOf = new byte[size.Ideas + 1];
        var ideaAt = new long[size.Ideas + 1];
        for (int ch = 0, id = 1; ch < perChallenge.Length; ch++)
        {
            // Ids in the order the ideas were posted, as the engine allocates them.
            var times = Enumerable.Range(0, perChallenge[ch]).Select(_ => random.NextInt64(opened, nowMs)).Order().ToArray();
            foreach (var at in times) { challengeOf[id] = (byte)ch; ideaAt[id++] = at; }
        }
        var votesOf = VotesPerIdea(size, random, out var weight);
        var commentIdeas = CommentIdeas(size, random, weight);
        GiveExactly(commentIdeas, CommentedIdea, DataSet.IdeaComments);
        var commentCount = new int[size.Ideas + 1];
        foreach (var idea in commentIdeas) commentCount[idea]++;
        Done("planning");

        var indexes = c.Query<(string Name, string Sql)>(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('members', 'member_tokens', 'ideas', 'comments', 'votes')").ToList();
        foreach (var (name, _) in indexes) c.Execute($"DROP INDEX {name}");
        // The participants' triggers move a row per vote (nine times the votes' own cost here): counted once from the rows instead.
        var triggers = c.Query<(string Name, string Sql)>("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'participants%'").ToList();
        foreach (var (name, _) in triggers) c.Execute($"DROP TRIGGER {name}");
        using (var tx = c.BeginTransaction())
        {
            using (var challenge = new Insert(c, tx, """
                INSERT INTO challenges (tenant_id, id, slug, title, description, opens_at, closes_at, state, position)
                VALUES ($t, $id, $slug, $title, '', $opens, $closes, 'open', $id - 1)
                """, "$id", "$slug", "$title", "$opens", "$closes"))
                for (var i = 0; i < size.Challenges; i++)
                    challenge.Run(i + 1, ChallengeSlug(i), ChallengeTitle(i), opened, now.AddDays(30).ToUnixTimeMilliseconds());
            Members(c, tx, size, random, text, opened, now);
            Done("members and tokens");
            Ideas(c, tx, size, random, text, challengeOf, ideaAt, commentCount);
            Done("ideas (with their search index)");
            Votes(c, tx, size, random, perChallenge[0], challengeOf, ideaAt, votesOf, nowMs);
            Done("votes and counters");
            Comments(c, tx, size, random, text, commentIdeas, ideaAt, nowMs);
            Done("comments");
            c.Execute("""
                INSERT INTO sequences (tenant_id, name, value) VALUES (@t, 'challenge', @challenges), (@t, 'member', @members), (@t, 'token', @members),
                  (@t, 'idea', @ideas), (@t, 'comment', @comments);
                """, new { t = Tenant, challenges = size.Challenges, members = size.Members, ideas = size.Ideas, comments = size.Comments }, tx);
            tx.Commit();
        }
        Done("commit");
        // Each index is a sort of up to ten million keys: in memory, with SQLite's helper threads where it has them.
        c.Execute("PRAGMA temp_store=MEMORY; PRAGMA threads=2;");
        foreach (var (name, sql) in indexes)
        {
            c.Execute(sql);
            Done($"index {name}");
        }
        using (var tx = c.BeginTransaction())
        {
            Engine.Data.Migrations.CountParticipantsFromRows(c, tx);
            foreach (var (_, sql) in triggers) c.Execute(sql, transaction: tx);
            tx.Commit();
        }
        Done("participants");
        return string.Join(", ", phases);
    }

    /// <summary>
    /// Votes per idea, skewed as real ones are: ideas ranked at random, the idea at rank r drawing a share 1/r (Zipf), so
    /// the top 1% of ideas take about two thirds of the votes; no idea more than one per member; every vote asked is cast.
    /// <paramref name="weight"/> is each idea's popularity, which draws comments too.
    /// </summary>
    internal static int[] VotesPerIdea(NationalSize size, Random random, out double[] weight)
    {
        if (size.Votes > (long)size.Members * size.Ideas) throw new ArgumentException($"{size.Votes} votes cannot be cast by {size.Members} members on {size.Ideas} ideas, one each.", nameof(size));
        var ranked = Enumerable.Range(1, size.Ideas).ToArray();
        random.Shuffle(ranked);
        weight = new double[size.Ideas + 1];
        for (var r = 0; r < ranked.Length; r++) weight[ranked[r]] = 1.0 / (r + 1);
        var total = weight.Sum();
        var votes = new int[size.Ideas + 1];
        long cast = 0;
        for (var id = 1; id <= size.Ideas; id++) cast += votes[id] = (int)Math.Min(size.Members, size.Votes * weight[id] / total);
        // What rounding and the one-per-member cap left over, one more each to the most popular ideas with room.
        while (cast < size.Votes)
            foreach (var id in ranked)
                if (votes[id] < size.Members && cast < size.Votes) { votes[id]++; cast++; }
        return votes;
    }

    /// <summary>The biggest challenge's first idea, given exactly 200 comments for the idea page's figure.</summary>
    public const int CommentedIdea = 1;

    /// <summary>
    /// Moves comments so that <paramref name="idea"/> has exactly <paramref name="count"/>: its extras to the next idea, or
    /// the first comments on other ideas to it. No random draw, so the seed makes the same set as before, and one pass.
    /// </summary>
    internal static void GiveExactly(int[] commentIdeas, int idea, int count)
    {
        if (commentIdeas.Length < count) throw new ArgumentException($"{commentIdeas.Length} comments cannot give idea {idea} {count}.", nameof(commentIdeas));
        var has = commentIdeas.Count(i => i == idea);
        for (var k = 0; k < commentIdeas.Length && has != count; k++)
            if (has > count && commentIdeas[k] == idea) { commentIdeas[k] = idea + 1; has--; }
            else if (has < count && commentIdeas[k] != idea) { commentIdeas[k] = idea; has++; }
    }

    /// <summary>Which idea each comment is on: ideas drawn by popularity, with a floor so that quiet ideas get some too.</summary>
    private static int[] CommentIdeas(NationalSize size, Random random, double[] weight)
    {
        var floor = weight.Sum() / size.Ideas / 4;
        var cumulative = new double[size.Ideas];
        for (int id = 1; id <= size.Ideas; id++) cumulative[id - 1] = (id > 1 ? cumulative[id - 2] : 0) + weight[id] + floor;
        var ideas = new int[size.Comments];
        for (var k = 0; k < ideas.Length; k++)
        {
            var at = Array.BinarySearch(cumulative, random.NextDouble() * cumulative[^1]);
            ideas[k] = (at < 0 ? ~at : at) + 1;
        }
        return ideas;
    }

    private static void Members(SqliteConnection c, SqliteTransaction tx, NationalSize size, Random random, Texts text, long opened, DateTimeOffset now)
    {
        // Emails numbered with leading zeros, so the unique email index is written in order; the signed-in member is 1.
        using var member = new Insert(c, tx, """
            INSERT INTO members (tenant_id, id, email, normalized_email, display_name, password_hash, security_stamp, role, created_at)
            VALUES ($t, $id, $email, upper($email), $name, $hash, $stamp, 'member', $at)
            """, "$id", "$email", "$name", "$hash", "$stamp", "$at");
        var stamps = new string[size.Members + 1];
        for (var id = 1; id <= size.Members; id++)
        {
            stamps[id] = random.NextInt64().ToString("x16");
            member.Run(id, id == 1 ? DataSet.SignedInEmail : $"m{id:D8}@example.nhs.uk", text.Name(random),
                id == 1 ? new PasswordHasher<Member>().HashPassword(new Member(), DataSet.SignedInPassword) : DBNull.Value, stamps[id], opened);
        }
        // Every member has a token, as DataSet's do, so the vote load can vote as any of the million; written sorted by hash (the key).
        var hashes = new string[size.Members];
        var owners = new long[size.Members];
        for (var id = 1; id <= size.Members; id++) (hashes[id - 1], owners[id - 1]) = (TokenAuthentication.Hash(DataSet.TokenFor(id)), id);
        Array.Sort(hashes, owners, StringComparer.Ordinal);
        using var token = new Insert(c, tx, """
            INSERT INTO member_tokens (tenant_id, id, token_hash, member_id, name, security_stamp, created_at, expires_at)
            VALUES ($t, $id, $hash, $id, 'Bench', $stamp, $at, $expires)
            """, "$id", "$hash", "$stamp", "$at", "$expires");
        var expires = now.AddYears(1).ToUnixTimeMilliseconds();
        for (var i = 0; i < hashes.Length; i++) token.Run(owners[i], hashes[i], stamps[owners[i]], opened, expires);
    }

    private static void Ideas(SqliteConnection c, SqliteTransaction tx, NationalSize size, Random random, Texts text, byte[] challengeOf, long[] ideaAt, int[] commentCount)
    {
        using var idea = new Insert(c, tx, """
            INSERT INTO ideas (tenant_id, id, challenge_id, author_id, anonymous, title, body, status, comment_count, created_at)
            VALUES ($t, $id, $challenge, $author, $anonymous, $title, $body, 'submitted', $comments, $at)
            """, "$id", "$challenge", "$author", "$anonymous", "$title", "$body", "$comments", "$at");
        for (var id = 1; id <= size.Ideas; id++)
            idea.Run(id, challengeOf[id] + 1, random.NextInt64(1, size.Members + 1), random.NextDouble() < 0.2 ? 1 : 0,
                text.Title(random), text.Body(random), commentCount[id], ideaAt[id]);
    }

    /// <summary>
    /// Each idea's voters: a stride through the members from a random start (distinct, as the primary key wants), written by
    /// one INSERT … SELECT per idea over a recursive CTE, sorted by member so the rows go in key order: SQLite's VM makes the
    /// ten million rows, not one ADO.NET call per row. Each vote's value and time come from a hash of its idea and member, so
    /// the same seed makes the same votes. The signed-in member (1) has voted on the biggest challenge's 50 top and 50 newest
    /// ideas (their stride starts at member 1), so their page has votes to mark; a thumbs-up-only challenge gets only thumbs up.
    /// </summary>
    private static void Votes(SqliteConnection c, SqliteTransaction tx, NationalSize size, Random random, int biggest, byte[] challengeOf, long[] ideaAt, int[] votesOf, long nowMs)
    {
        // h is a multiplicative hash of (idea, member) below 2^31; every product stays under 2^63, so SQLite never turns it into a float.
        using var vote = new Insert(c, tx, $"""
            WITH RECURSIVE stride(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM stride WHERE k + 1 < $n),
              voters(member, h) AS (
                SELECT 1 + ($start + k * $step) % {size.Members},
                  ((((1 + ($start + k * $step) % {size.Members}) * 2654435761 + $idea * 40503) % 4294967291) * 1103515245 + 12345) % 2147483648
                FROM stride)
            INSERT INTO votes (tenant_id, idea_id, member_id, value, created_at)
            SELECT $t, $idea, member, CASE WHEN $downs AND member <> 1 AND h % 10000 < {(int)(DownShare * 10000)} THEN -1 ELSE 1 END,
              $from + (h >> 7) % $span
            FROM voters ORDER BY member
            """, "$idea", "$n", "$start", "$step", "$downs", "$from", "$span");
        var top = Enumerable.Range(1, biggest).OrderByDescending(id => votesOf[id]).Take(50);
        var signedIn = top.Concat(Enumerable.Range(Math.Max(1, biggest - 49), Math.Min(50, biggest))).ToHashSet();
        long members = size.Members;
        for (var id = 1; id <= size.Ideas; id++)
        {
            var n = votesOf[id];
            if (n == 0) continue;
            long step;
            do step = random.NextInt64(1, members + 1); while (members > 1 && Gcd(step, members) != 1);
            var start = random.NextInt64(members);
            vote.Run(id, n, signedIn.Contains(id) ? 0 : start, step, DownVotes(challengeOf[id]) ? 1 : 0, ideaAt[id], Math.Max(1, nowMs - ideaAt[id]));
        }
        // The counters from the rows just written, read in key order (no sort): one pass, where the engine keeps them as it goes.
        c.Execute("""
            INSERT INTO idea_counts (tenant_id, idea_id, up_count, down_count, voter_count)
            SELECT tenant_id, idea_id, SUM(value > 0), SUM(value < 0), COUNT(*) FROM votes WHERE tenant_id = @t GROUP BY tenant_id, idea_id
            """, new { t = Tenant }, tx);
    }

    private static void Comments(SqliteConnection c, SqliteTransaction tx, NationalSize size, Random random, Texts text, int[] commentIdeas, long[] ideaAt, long nowMs)
    {
        using var comment = new Insert(c, tx, """
            INSERT INTO comments (tenant_id, id, idea_id, parent_id, author_id, anonymous, body, created_at)
            VALUES ($t, $id, $idea, NULL, $author, $anonymous, $body, $at)
            """, "$id", "$idea", "$author", "$anonymous", "$body", "$at");
        for (var id = 1; id <= commentIdeas.Length; id++)
        {
            var idea = commentIdeas[id - 1];
            comment.Run(id, idea, random.NextInt64(1, size.Members + 1), random.NextDouble() < 0.1 ? 1 : 0, text.Comment(random), random.NextInt64(ideaAt[idea], nowMs));
        }
    }

    private static long Gcd(long a, long b) => b == 0 ? a : Gcd(b, a % b);

    /// <summary>Bogus's text, made once into pools and drawn from: Bogus per row would take most of the five minutes.</summary>
    private sealed class Texts(Faker faker)
    {
        private readonly string[] _names = Enumerable.Range(0, 4096).Select(_ => faker.Name.FullName()).ToArray();
        private readonly string[] _titles = Enumerable.Range(0, 4096).Select(_ => faker.Lorem.Sentence(faker.Random.Int(4, 9)).TrimEnd('.')).ToArray();
        private readonly string[] _bodies = Enumerable.Range(0, 4096).Select(_ => faker.Lorem.Paragraphs(faker.Random.Int(1, 3))).ToArray();
        private readonly string[] _comments = Enumerable.Range(0, 4096).Select(_ => faker.Lorem.Sentences(faker.Random.Int(1, 4))).ToArray();

        public string Name(Random r) => _names[r.Next(_names.Length)];
        public string Title(Random r) => _titles[r.Next(_titles.Length)];
        public string Body(Random r) => _bodies[r.Next(_bodies.Length)];
        public string Comment(Random r) => _comments[r.Next(_comments.Length)];
    }

    /// <summary>One prepared INSERT for the national tenant, its parameters made once and given new values per row.</summary>
    private sealed class Insert : IDisposable
    {
        private readonly SqliteCommand _command;
        private readonly SqliteParameter[] _values;

        public Insert(SqliteConnection c, SqliteTransaction tx, string sql, params string[] names)
        {
            _command = c.CreateCommand();
            _command.Transaction = tx;
            _command.CommandText = sql;
            _command.Parameters.AddWithValue("$t", Tenant);
            // No type given: each value is bound as what it is (an integer, text or null).
            _values = names.Select(n => _command.Parameters.AddWithValue(n, DBNull.Value)).ToArray();
            _command.Prepare();
        }

        public void Run(params ReadOnlySpan<object> values)
        {
            for (var i = 0; i < values.Length; i++) _values[i].Value = values[i];
            _command.ExecuteNonQuery();
        }

        public void Dispose() => _command.Dispose();
    }
}
