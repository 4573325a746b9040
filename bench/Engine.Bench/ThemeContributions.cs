using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Engine.Bench;

/// <summary>
/// Contributions from known topics for the theme suggestions benchmark (issue 21), written into a data set's database as
/// one tenant's challenge: four in five are ideas, the rest comments on an idea of the same topic. Each takes 8 to 30
/// words, two in three from its topic's own 40 words, the rest from 400 that every topic shares. Seeded.
/// </summary>
public static class ThemeContributions
{
    public const int Topics = 10;
    public const string Tenant = "themes", Host = "themes.localhost";
    /// <summary>Members, each with a bench token, so votes can be driven at the large challenge as figure 5 drives them at the big one.</summary>
    public const int Members = 8_000;

    /// <summary>Writes the tenant and its contributions; returns each idea's known topic.</summary>
    public static Dictionary<long, int> Write(DataSet data, int contributions, int seed)
    {
        var now = DateTimeOffset.UtcNow;
        data.WriteTenant(Tenant, "National themes", Host, "base", now);
        var random = new Random(seed);
        var shared = Enumerable.Range(0, 400).Select(i => Word(random, i)).ToArray();
        var topics = Enumerable.Range(0, Topics).Select(t => Enumerable.Range(0, 40).Select(i => Word(random, 1000 + t * 100 + i)).ToArray()).ToArray();
        var ideas = Math.Max(1, contributions * 4 / 5);
        var comments = contributions - ideas;
        var topicOf = new Dictionary<long, int>(ideas);
        for (long id = 1; id <= ideas; id++) topicOf[id] = random.Next(Topics);
        // Comments are decided first, so each idea's row carries its count as the engine keeps it.
        var commentOn = Enumerable.Range(0, comments).Select(_ => (long)random.Next(1, ideas + 1)).ToArray();
        var commentCount = commentOn.CountBy(id => id).ToDictionary();
        var words = new List<string>(30);
        string Text(int topic)
        {
            words.Clear();
            for (var n = random.Next(8, 31); n > 0; n--)
                words.Add(random.Next(3) < 2 ? topics[topic][random.Next(40)] : shared[random.Next(shared.Length)]);
            return string.Join(' ', words);
        }

        using var c = new SqliteConnection($"Data Source={Path.Combine(data.DataPath, "engine.db")};Pooling=False");
        c.Open();
        c.Execute("PRAGMA synchronous=OFF;");
        using (var tx = c.BeginTransaction())
        {
            DataSet.Fill(c, tx, Tenant, Members, ideas: 0, votes: 0, comments: 0, now, withSignIn: false);
            var idea = Command(c, tx, """
                INSERT INTO ideas (tenant_id, id, challenge_id, author_id, anonymous, title, body, status, comment_count, language, created_at)
                VALUES ($t, $id, 1, $author, 0, $title, $body, 'submitted', $comments, 'en-GB', $at)
                """, "$t", "$id", "$author", "$title", "$body", "$comments", "$at");
            for (long id = 1; id <= ideas; id++)
            {
                var text = Text(topicOf[id]);
                var split = text.IndexOf(' ', text.Length / 3);
                Run(idea, Tenant, id, random.Next(1, 21), text[..split], text[(split + 1)..], commentCount.GetValueOrDefault(id), now.ToUnixTimeMilliseconds());
            }
            var comment = Command(c, tx, """
                INSERT INTO comments (tenant_id, id, idea_id, parent_id, author_id, anonymous, body, language, created_at)
                VALUES ($t, $id, $idea, NULL, $author, 0, $body, 'en-GB', $at)
                """, "$t", "$id", "$idea", "$author", "$body", "$at");
            for (var i = 0; i < comments; i++)
                Run(comment, Tenant, i + 1L, commentOn[i], random.Next(1, 21), Text(topicOf[commentOn[i]]), now.ToUnixTimeMilliseconds());
            c.Execute("UPDATE sequences SET value = @ideas WHERE tenant_id = @Tenant AND name = 'idea'; UPDATE sequences SET value = @comments WHERE tenant_id = @Tenant AND name = 'comment';",
                new { ideas, comments, Tenant }, tx);
            tx.Commit();
        }
        // No ANALYZE here (the engine never runs one): the statistics stay those of figure 5's data set, as in the main run.
        c.Execute("PRAGMA wal_checkpoint(TRUNCATE);");
        return topicOf;
    }

    private static SqliteCommand Command(SqliteConnection c, SqliteTransaction tx, string sql, params string[] names)
    {
        var command = c.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var name in names) command.Parameters.Add(new SqliteParameter { ParameterName = name });
        command.Prepare();
        return command;
    }

    private static void Run(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i];
        command.ExecuteNonQuery();
    }

    // Made-up words (letters only, never an English stop word), distinct by their number.
    private static string Word(Random random, int number)
    {
        const string letters = "bcdfghjklmnprstvwz", vowels = "aeiou";
        var word = new char[6];
        for (var i = 0; i < word.Length; i++) word[i] = i % 2 == 0 ? letters[random.Next(letters.Length)] : vowels[random.Next(vowels.Length)];
        return new string(word) + number.ToString("x", CultureInfo.InvariantCulture).Replace("0", "q").Replace("1", "x").Replace("2", "y")
            .Replace("3", "j").Replace("4", "k").Replace("5", "l").Replace("6", "m").Replace("7", "n").Replace("8", "o").Replace("9", "u");
    }
}
