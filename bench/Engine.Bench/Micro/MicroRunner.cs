using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Engine.Bench.Micro;

/// <summary>Runs the micro-benchmarks in this process (no generated project to build) with a short job.</summary>
public static class MicroRunner
{
    public static readonly Type[] All = [typeof(RenderBenchmarks), typeof(RankingBenchmarks), typeof(VoteBenchmarks)];

    /// <summary>Run only when named (<c>-- micro --filter '*LiteDb*'</c>): they measure a store we chose not to use, not the engine.</summary>
    public static readonly Type[] OnRequest = [typeof(LiteDbBenchmarks)];

    public static IConfig Config(string artifacts) => ManualConfig.CreateEmpty()
        .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
        .AddDiagnoser(MemoryDiagnoser.Default)
        .AddLogger(ConsoleLogger.Default)
        .AddColumnProvider(DefaultColumnProviders.Instance)
        .WithArtifactsPath(artifacts);

    public static IEnumerable<MicroResult> Run(string artifacts)
    {
        foreach (var summary in BenchmarkRunner.Run(All, Config(artifacts)))
            foreach (var report in summary.Reports.Where(r => r.ResultStatistics is not null))
                yield return new MicroResult(report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo,
                    report.ResultStatistics!.Mean / 1000, report.ResultStatistics.Median / 1000,
                    report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? 0);
    }

    /// <summary>Smoke: every benchmark method once, outside BenchmarkDotNet, so a broken one fails CI.</summary>
    public static void RunEachOnce()
    {
        var render = new RenderBenchmarks();
        render.Setup();
        render.RenderIntoPooledWriter();
        render.BuildViewModel();
        var ranking = new RankingBenchmarks();
        ranking.Setup();
        if (ranking.Top() != 900 || ranking.Trending() != 900) throw new InvalidOperationException("Ranking lost ideas.");
        var votes = new VoteBenchmarks();
        votes.Setup();
        try
        {
            votes.OneVote().GetAwaiter().GetResult();
            votes.ConcurrentVotes().GetAwaiter().GetResult();
        }
        finally { votes.Cleanup(); }
    }
}
