namespace Engine.Bench;

/// <summary>How big the data set is and how long each load runs. Smoke mode is the CI run: seconds, no figures asserted.</summary>
public sealed record BenchOptions
{
    public bool Smoke { get; init; }
    public required string OutputFolder { get; init; }
    public required string RepositoryRoot { get; init; }
    public int Ideas { get; init; } = 900;
    public int Members { get; init; } = 8_000;
    public int Votes { get; init; } = 100_000;
    public int Comments { get; init; } = 20_000;
    public int SmallTenants { get; init; } = 200;
    /// <summary>
    /// The national tenant (issue 22) beside the others, and the figures loaded on its biggest challenge: 0 for none,
    /// 1 for Change NHS's numbers (200,000 ideas, 1,000,000 members, 10,000,000 votes, 1,000,000 comments), less for a smaller copy.
    /// </summary>
    public double National { get; init; }
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(3);
    /// <summary>
    /// The warm-up before figure 6's first run. Its engine is a new host whose PostgreSQL code (Npgsql, the writer's
    /// batches) runs for the first time, and on 2 busy cores it takes about 10 s to reach its final compiled form:
    /// five-second rounds at 8 connections after a 3 s warm-up went from 0.58 to 0.34 and then 0.28 ms of engine CPU per
    /// vote. The figures are about the engine as it runs for days, not its first seconds. (Figure 4 needs no more than
    /// the usual warm-up: the page figures before it have compiled most of the request path, and its CPU per vote after
    /// 3 s is what it is after a minute.)
    /// </summary>
    public TimeSpan PostgresWarmUp { get; init; } = TimeSpan.FromSeconds(12);
    public bool MicroBenchmarks { get; init; } = true;
    /// <summary>Figure 6's load runs on PostgreSQL, one per count of connections.</summary>
    public int[] PostgresConnections { get; init; } = [8, 16, 32];

    public static BenchOptions SmokeRun(string repositoryRoot, string outputFolder) => new()
    {
        Smoke = true, RepositoryRoot = repositoryRoot, OutputFolder = outputFolder,
        Ideas = 60, Members = 300, Votes = 1_500, Comments = 300, SmallTenants = 5,
        Duration = TimeSpan.FromSeconds(1), WarmUp = TimeSpan.Zero, PostgresWarmUp = TimeSpan.Zero, MicroBenchmarks = false, PostgresConnections = [8],
    };

    /// <summary>The CI smoke size of the national set: 20 challenges, 100 ideas, 500 members, 5,000 votes, 500 comments.</summary>
    public const double NationalSmokeScale = 0.0005;

    public static string FindRepositoryRoot(string start)
    {
        var dir = new DirectoryInfo(start);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Engine.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException($"Engine.sln not found above {start}.");
    }
}
