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
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(3);
    public bool MicroBenchmarks { get; init; } = true;
    /// <summary>Figure 6's load runs on PostgreSQL, one per count of connections.</summary>
    public int[] PostgresConnections { get; init; } = [8, 16, 32];

    public static BenchOptions SmokeRun(string repositoryRoot, string outputFolder) => new()
    {
        Smoke = true, RepositoryRoot = repositoryRoot, OutputFolder = outputFolder,
        Ideas = 60, Members = 300, Votes = 1_500, Comments = 300, SmallTenants = 5,
        Duration = TimeSpan.FromSeconds(1), WarmUp = TimeSpan.Zero, MicroBenchmarks = false, PostgresConnections = [8],
    };

    public static string FindRepositoryRoot(string start)
    {
        var dir = new DirectoryInfo(start);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Engine.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException($"Engine.sln not found above {start}.");
    }
}
