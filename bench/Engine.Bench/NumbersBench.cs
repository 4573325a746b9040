using System.Diagnostics;
using Dapper;
using Engine.Data.Sqlite;
using Engine.Data.Stores;
using Microsoft.Data.Sqlite;

namespace Engine.Bench;

/// <summary>
/// The headline numbers' count (StatsQuery, issue 22) on the national data set: the biggest and smallest challenge's and the site's, counted
/// straight from the database (no kept copy), three times each, the best and the worst printed. The set is written at
/// <c>scale</c> into a folder of its own per scale and kept: a second run reuses it (writing it takes minutes). Writes numbers.md and numbers.json.
/// </summary>
/// <summary>One count of the numbers, timed three times: the best and the worst.</summary>
public sealed record NumbersCount(string What, double BestMs, double WorstMs, string Numbers);

public sealed record NumbersResult(double Scale, string National, List<NumbersCount> Counts, string LoadBefore, string LoadAfter)
{
    public const double TargetMs = 500;
}

public static class NumbersBench
{
    public static async Task<int> RunAsync(string repository, double scale, string output, bool smoke, Action<string> log)
    {
        // One kept set per scale: a set of another scale is never measured as this one.
        var folder = Path.Combine(Path.GetTempPath(), "engine-bench", $"numbers-{scale.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        var loadBefore = Machine.LoadAverage();
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
        string national;
        using (var c = new SqliteConnection($"Data Source={path};Mode=ReadOnly"))
            log(national = $"{NationalDataSet.Tenant}: {c.ExecuteScalar<long>("SELECT COUNT(*) FROM ideas WHERE tenant_id = @t", new { t = NationalDataSet.Tenant }):N0} ideas, " +
                $"{c.ExecuteScalar<long>("SELECT COUNT(*) FROM members WHERE tenant_id = @t", new { t = NationalDataSet.Tenant }):N0} members, " +
                $"{c.ExecuteScalar<long>("SELECT COUNT(*) FROM votes WHERE tenant_id = @t", new { t = NationalDataSet.Tenant }):N0} votes, " +
                $"{c.ExecuteScalar<long>("SELECT COUNT(*) FROM comments WHERE tenant_id = @t", new { t = NationalDataSet.Tenant }):N0} comments");
        var stats = new StatsQuery(db, new HashedKeys());
        List<long> challenges;
        using (var c = new SqliteConnection($"Data Source={path};Mode=ReadOnly"))
            challenges = c.Query<long>("SELECT id FROM challenges WHERE tenant_id = @t ORDER BY id", new { t = NationalDataSet.Tenant }).ToList();
        // The biggest challenge (the first: ideas 1 to n), the smallest (the last) and the site: on a busy machine all twenty take long.
        var counts = new List<NumbersCount>();
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
            counts.Add(new(challenge is { } c2 ? challenge == challenges[0] ? $"biggest challenge ({c2})" : $"smallest challenge ({c2})" : "site", times.Min(), times.Max(), $"{numbers}"));
            log($"{counts[^1].What,-24} {times.Min(),8:F0} to {times.Max(),6:F0} ms  {numbers}");
        }
        var result = new NumbersResult(scale, national, counts, loadBefore, Machine.LoadAverage());
        ModeOutput.Write(output, "numbers", Markdown(result, smoke), result, log);
        return 0;
    }

    private static string Markdown(NumbersResult r, bool smoke)
    {
        var md = new System.Text.StringBuilder();
        var c = System.Globalization.CultureInfo.InvariantCulture;
        md.AppendLine("# Headline numbers at national scale (issue 22)").AppendLine();
        if (smoke) md.AppendLine("SMOKE RUN: a tiny data set; no figure here means anything.").AppendLine();
        md.AppendLine(c, $"Written by `-- numbers {r.Scale}`: the numbers counted straight from the database (no kept copy), three times each, on the national set at " +
            $"scale {r.Scale} ({r.National}); load average {r.LoadBefore} before, {r.LoadAfter} after. Target: each recount under {NumbersResult.TargetMs:F0} ms.").AppendLine();
        md.AppendLine("| counted | best | worst | holds | the numbers |").AppendLine("|---|---|---|---|---|");
        foreach (var n in r.Counts)
            md.AppendLine(c, $"| {n.What} | {n.BestMs:F0} ms | {n.WorstMs:F0} ms | {(n.WorstMs < NumbersResult.TargetMs ? "yes" : "**no**")} | {n.Numbers} |");
        return md.ToString();
    }

    /// <summary>Stands in for the engine's keyed hash; the national set has no fully anonymous posts, so it is asked only for blocked members.</summary>
    private sealed class HashedKeys : Core.Anonymity.IAuthorKeys
    {
        public string KeyFor(string tenantId, long memberId) =>
            Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{tenantId}/{memberId}")));
    }
}
