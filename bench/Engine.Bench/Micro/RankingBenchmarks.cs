using BenchmarkDotNet.Attributes;
using Engine.Core.Ideas;
using Engine.Core.Rules;
using Engine.Sdk;

namespace Engine.Bench.Micro;

/// <summary>Ordering a 900-idea challenge, as every uncached challenge page does before taking its 30.</summary>
[MemoryDiagnoser]
public class RankingBenchmarks
{
    private IReadOnlyList<IdeaTally> _tallies = null!;
    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        _tallies = Enumerable.Range(1, 900).Select(i =>
        {
            var up = random.Next(0, 300);
            var down = random.Next(0, 40);
            return new IdeaTally(i, up, down, up + down, random.Next(0, 60), _now.AddMinutes(-random.Next(1, 20_000)));
        }).ToList();
    }

    [Benchmark(Description = "Rank 900 ideas, top (built-in rule)")]
    public int Top() => ListIdeas.Order(_tallies, IdeaSort.Top, BuiltInVoting.Instance, _now).Count;

    [Benchmark(Description = "Rank 900 ideas, trending (built-in rule)")]
    public int Trending() => ListIdeas.Order(_tallies, IdeaSort.Trending, BuiltInVoting.Instance, _now).Count;
}
