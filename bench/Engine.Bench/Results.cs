using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Engine.Bench;

public sealed record PagePair(string Who, WrkResult Baseline, WrkResult Engine)
{
    public double Ratio => Engine.RequestsPerSecond / Baseline.RequestsPerSecond;
    /// <summary>The ratio the CPU cost per request predicts where the server has the cores to itself.</summary>
    public double CpuRatio => Baseline.CpuMsPerRequest / Engine.CpuMsPerRequest;
}

public sealed record VoteResult(WrkResult Load, long Commits, long Writes, long Busy, bool BusyCounted)
{
    public double AverageGroup => Commits == 0 ? 0 : (double)Writes / Commits;
}

/// <summary>
/// Figure 6: the votes scenario against the engine on a durable PostgreSQL, at each number of connections;
/// <see cref="NotMeasured"/> says why there are no runs (no PostgreSQL server on this machine).
/// </summary>
public sealed record PostgresVotesResult(string Server, string? NotMeasured, List<PostgresVoteRun> Runs)
{
    /// <summary>The same votes straight into the store, 64 at a time, without HTTP: what the writer alone allows.</summary>
    public WriterAlone? WriterAlone { get; set; }

    /// <summary>The same storm split over two engine nodes on the one database.</summary>
    public TwoNodesStorm? TwoNodes { get; set; }
}

/// <summary>
/// Votes from the same number of connections as <see cref="OneNode"/>, half to each of two engine nodes on one PostgreSQL,
/// and the deadlocks PostgreSQL detected meanwhile (each would stall the votes on both nodes for its 1 s deadlock timeout).
/// </summary>
public sealed record TwoNodesStorm(WrkResult OneNode, WrkResult NodeA, WrkResult NodeB, long Deadlocks)
{
    public double VotesPerSecond => NodeA.RequestsPerSecond + NodeB.RequestsPerSecond;
    /// <summary>The worse node's p99: an upper bound on the p99 of both nodes' votes taken together.</summary>
    public double P99Ms => Math.Max(NodeA.P99Ms, NodeB.P99Ms);
    public double P99Ratio => P99Ms / OneNode.P99Ms;
    /// <summary>Both nodes' votes/s over one node's at the same total connections (issue 22 asks at least 1.5).</summary>
    public double VotesRatio => VotesPerSecond / OneNode.RequestsPerSecond;
}

/// <summary>Votes cast through the vote store, bypassing HTTP, authentication and the engine's reads.</summary>
public sealed record WriterAlone(int Votes, double Seconds, long Commits, double EngineCpuMsPerVote, double ServerCpuMsPerVote, long WalSyncs, double WalSyncMs)
{
    public double VotesPerSecond => Votes / Seconds;
    public double MsPerVote => Seconds * 1000 / Votes;
    public double AverageGroup => Commits == 0 ? 0 : (double)Votes / Commits;
    public double WalSyncMsEach => WalSyncs == 0 ? 0 : WalSyncMs / WalSyncs;
}

/// <summary>
/// One load run on PostgreSQL: the votes, the writer's commits, the server's own CPU time per vote (another
/// process, so not in the load's CPU ms/request) and the WAL flushes with the time they took.
/// </summary>
public sealed record PostgresVoteRun(WrkResult Load, long Commits, long Writes, double ServerCpuMsPerVote, long WalSyncs, double WalSyncMs)
{
    public double AverageGroup => Commits == 0 ? 0 : (double)Writes / Commits;
    public double WalSyncMsEach => WalSyncs == 0 ? 0 : WalSyncMs / WalSyncs;
}

/// <summary>How the run's data set was made: the national tenant's size when it had one, the ideas of the challenge loaded, and how long it took.</summary>
/// <remarks>The CPU time is this process's while it generated: on a busy machine the wall-clock time says as much about the other work.</remarks>
public sealed record DataSetGeneration(NationalSize? National, int ChallengeIdeas, double Seconds, double CpuSeconds, double DatabaseMb, string LoadAverage);

public sealed record MixedResult(WrkResult Pages, WrkResult Votes, long Busy);

public sealed record ManyTenantsResult(int Tenants, double StartUpSeconds, double FirstViewsSeconds, double ResidentMb, double ManagedHeapMb,
    int CompiledThemes, int ThemesInUse);

public sealed record MicroResult(string Name, double MeanMicroseconds, double MedianMicroseconds, long AllocatedBytes);

public sealed class MachineInfo
{
    public string Cpu { get; init; } = "";
    public int Cores { get; init; }
    public string Os { get; init; } = "";
    public string Runtime { get; init; } = "";
    public string Commit { get; init; } = "";
    public string StartedAt { get; init; } = "";
    public string LoadAverageBefore { get; init; } = "";
    public string LoadAverageAfter { get; set; } = "";
}

public sealed class BenchResults
{
    public bool Smoke { get; init; }
    public required MachineInfo Machine { get; init; }
    public DataSetGeneration? Generation { get; set; }
    public List<PagePair> Pairs { get; } = [];
    public int VisitorPageBytes { get; set; }
    public int MemberPageBytes { get; set; }
    public int IdeaPageBytes { get; set; }
    public VoteResult? Votes { get; set; }
    public MixedResult? Mixed { get; set; }
    public PostgresVotesResult? PostgresVotes { get; set; }
    public ManyTenantsResult? ManyTenants { get; set; }
    public List<MicroResult> Micro { get; } = [];
    public List<string> Notes { get; } = [];

    /// <summary>Every load run, for checking that nothing failed.</summary>
    public IEnumerable<WrkResult> AllLoads() =>
        Pairs.SelectMany(p => new[] { p.Baseline, p.Engine })
            .Concat(Votes is null ? [] : [Votes.Load])
            .Concat(Mixed is null ? [] : [Mixed.Pages, Mixed.Votes])
            .Concat(PostgresVotes?.Runs.Select(r => r.Load) ?? [])
            .Concat(PostgresVotes?.TwoNodes is { } two ? [two.NodeA, two.NodeB] : []);
}

public static class Machine
{
    public static MachineInfo Describe(string repositoryRoot) => new()
    {
        Cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown"
            : "unknown",
        Cores = Environment.ProcessorCount,
        Os = RuntimeInformation.OSDescription,
        Runtime = RuntimeInformation.FrameworkDescription,
        Commit = Git(repositoryRoot, "rev-parse --short HEAD") + (Git(repositoryRoot, "status --porcelain --untracked-files=no").Length > 0 ? " (with uncommitted changes)" : ""),
        StartedAt = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
        LoadAverageBefore = LoadAverage(),
    };

    public static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string Git(string folder, string arguments)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", arguments) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 ? output : "unknown";
        }
        catch (System.ComponentModel.Win32Exception) { return "unknown (no git)"; }
    }
}
