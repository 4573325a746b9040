using System.Diagnostics;
using Dapper;
using Engine.Data.Sqlite;
using Engine.Data.Stores;
using Microsoft.Data.Sqlite;

namespace Engine.Bench;

/// <summary>
/// The headline numbers' count (StatsQuery, issue 22) on the national data set: the biggest and smallest challenge's and the site's, counted
/// straight from the database (no kept copy), three times each, the best and the worst printed. The set is written at
/// <c>scale</c> into a folder of its own and kept: a second run reuses it (writing it takes minutes; delete the folder for another scale).
/// </summary>
public static class NumbersBench
{
    public static async Task<int> RunAsync(string repository, double scale, Action<string> log)
    {
        var folder = Path.Combine(Path.GetTempPath(), "engine-bench", "numbers");
        var path = Path.Combine(folder, "data", "engine.db");
        if (!File.Exists(path))
        {
            var clock = Stopwatch.StartNew();
            await DataSet.CreateAsync(new BenchOptions { RepositoryRoot = repository, OutputFolder = "", National = scale }, folder);
            log($"National data set at scale {scale} written in {clock.Elapsed.TotalSeconds:F0} s");
        }
        await using var db = new SqliteDatabase(path);
        // On a set written by an earlier release, this is where the migrations run (step 32 fills participants from the rows).
        var migrating = Stopwatch.StartNew();
        var before = await Engine.Data.Migrations.VersionAsync(db);
        await Engine.Data.Migrations.ApplyAsync(db);
        if (before < Engine.Data.Migrations.Latest)
            log($"Migrated from step {before} to {Engine.Data.Migrations.Latest} in {migrating.Elapsed.TotalSeconds:F1} s; load average {Machine.LoadAverage()}");
        using (var c = new SqliteConnection($"Data Source={path};Mode=ReadOnly"))
            log($"{NationalDataSet.Tenant}: {c.ExecuteScalar<long>("SELECT COUNT(*) FROM ideas WHERE tenant_id = @t", new { t = NationalDataSet.Tenant }):N0} ideas, " +
                $"{c.ExecuteScalar<long>("SELECT COUNT(*) FROM members WHERE tenant_id = @t", new { t = NationalDataSet.Tenant }):N0} members, " +
                $"{c.ExecuteScalar<long>("SELECT COUNT(*) FROM votes WHERE tenant_id = @t", new { t = NationalDataSet.Tenant }):N0} votes, " +
                $"{c.ExecuteScalar<long>("SELECT COUNT(*) FROM comments WHERE tenant_id = @t", new { t = NationalDataSet.Tenant }):N0} comments; load average {Machine.LoadAverage()}");
        var stats = new StatsQuery(db, new HashedKeys());
        List<long> challenges;
        using (var c = new SqliteConnection($"Data Source={path};Mode=ReadOnly"))
            challenges = c.Query<long>("SELECT id FROM challenges WHERE tenant_id = @t ORDER BY id", new { t = NationalDataSet.Tenant }).ToList();
        // The biggest challenge (the first: ideas 1 to n), the smallest (the last) and the site: on a busy machine all twenty take long.
        foreach (var challenge in new long?[] { challenges[0], challenges[^1], null })
        {
            var times = new List<double>();
            Core.Stats.SiteStats? numbers = null;
            for (var i = 0; i < 3; i++)
            {
                var clock = Stopwatch.StartNew();
                numbers = challenge is { } id ? await stats.ForChallengeAsync(NationalDataSet.Tenant, id) : await stats.GetAsync(NationalDataSet.Tenant);
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
            log($"{(challenge is { } c2 ? $"challenge {c2}" : "site"),-13} {times.Min(),8:F0} to {times.Max(),6:F0} ms  {numbers}");
        }
        log($"load average {Machine.LoadAverage()}");
        return 0;
    }

    /// <summary>Stands in for the engine's keyed hash; the national set has no fully anonymous posts, so it is asked only for blocked members.</summary>
    private sealed class HashedKeys : Core.Anonymity.IAuthorKeys
    {
        public string KeyFor(string tenantId, long memberId) =>
            Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{tenantId}/{memberId}")));
    }
}
