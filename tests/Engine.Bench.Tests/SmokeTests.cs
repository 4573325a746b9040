using System.Text.Json;
using Engine.Bench;

namespace Engine.Bench.Tests;

/// <summary>
/// CI runs the benchmark harness once for a few seconds, so it cannot rot: data generation, the
/// engine and baseline hosts, wrk against every scenario (the votes on a throwaway PostgreSQL too,
/// where the machine has its server binaries), the micro-benchmark methods and the report.
/// No figure is asserted (a shared CI machine says nothing about speed); that everything ran cleanly is.
/// </summary>
public class SmokeTests
{
    [Fact]
    public async Task The_benchmark_harness_runs_every_scenario_cleanly_and_writes_its_report()
    {
        var repository = TestRepository.Root;
        var output = Path.Combine(Path.GetTempPath(), "engine-bench-smoke-test", Guid.NewGuid().ToString("N"));
        var log = new List<string>();
        try
        {
            var exit = await BenchRun.RunAsync(BenchOptions.SmokeRun(repository, output), line => { lock (log) log.Add(line); });
            exit.Should().Be(0, string.Join("\n", log));

            var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "results.json"))).RootElement;
            json.GetProperty("Smoke").GetBoolean().Should().BeTrue();
            json.GetProperty("pages").EnumerateArray().Select(p => p.GetProperty("Who").GetString()).Should().Equal("visitor", "member", "idea");
            foreach (var page in json.GetProperty("pages").EnumerateArray())
            {
                page.GetProperty("Engine").GetProperty("Requests").GetInt64().Should().BeGreaterThan(0);
                page.GetProperty("Baseline").GetProperty("Requests").GetInt64().Should().BeGreaterThan(0);
            }
            var votes = json.GetProperty("Votes");
            votes.GetProperty("Writes").GetInt64().Should().BeGreaterThan(0, "the votes reached the database");
            votes.GetProperty("Busy").GetInt64().Should().Be(0);
            PostgresFiguresMeasured(json.GetProperty("PostgresVotes"));
            json.GetProperty("ManyTenants").GetProperty("Tenants").GetInt32().Should().Be(6);
            json.GetProperty("figures").GetArrayLength().Should().Be(9, "every figure is reported, measured or not");
            json.GetProperty("IdeaPageBytes").GetInt32().Should().BeGreaterThan(0, "the idea page (checked to show its 200 comments) was measured");
            var targets = json.GetProperty("targets").EnumerateArray().ToDictionary(t => t.GetProperty("Id").GetString()!);
            targets["idea-page"].GetProperty("Measured").GetString().Should().StartWith("small set: p99 ").And.Contain("national set: not measured");
            targets["idea-page"].GetProperty("Holds").ValueKind.Should().NotBe(JsonValueKind.True, "a target measured on one set of two never holds");
            var md = File.ReadAllText(Path.Combine(output, "results.md"));
            md.Should().Contain("SMOKE RUN").And.Contain("| 7 |").And.Contain("| 8 |").And.Contain("| 9 |");
            md.Split('\n').Where(l => l.StartsWith("## ", StringComparison.Ordinal)).First().Should().Be("## Issue 22 targets", "results.md starts with the targets");
            BenchHistory.Read(Path.Combine(output, "history.json")).Should().ContainSingle().Which.Targets.Should().HaveCount(targets.Count);
        }
        finally
        {
            if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public async Task The_theme_suggestions_benchmark_runs_in_the_engine_s_background_beside_figure_5_and_results_md_takes_it_in()
    {
        var output = Path.Combine(Path.GetTempPath(), "engine-bench-themes-test", Guid.NewGuid().ToString("N"));
        var log = new List<string>();
        try
        {
            var exit = await ThemeClusteringBench.RunAsync(BenchOptions.SmokeRun(TestRepository.Root, output), 300, line => { lock (log) log.Add(line); });
            exit.Should().Be(0, string.Join("\n", log));

            var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "themes.json"))).RootElement;
            json.GetProperty("Contributions").GetInt32().Should().Be(300);
            json.GetProperty("Ideas").GetInt32().Should().Be(240, "four contributions in five are ideas, the rest comments on them");
            foreach (var name in new[] { "Alone", "During" })
            {
                var run = json.GetProperty(name);
                run.GetProperty("Failed").ValueKind.Should().Be(JsonValueKind.Null);
                run.GetProperty("K").GetInt32().Should().BeGreaterThan(1, "the engine saved its suggestions, and the bench read them back");
                run.GetProperty("Purity").GetDouble().Should().BeInRange(0.1, 1);
                run.GetProperty("CpuSeconds").GetDouble().Should().BeGreaterThan(0);
                run.GetProperty("PeakWorkingSetMb").GetDouble().Should().BeGreaterThan(0);
                run.GetProperty("Phases").EnumerateArray().Last().GetProperty("Phase").GetString().Should().Be("finished");
                run.GetProperty("Gc").GetProperty("Seconds").GetDouble().Should().BeGreaterThan(0, "the collector was watched over the run");
            }
            foreach (var stretch in new[] { "WithoutGc", "DuringGc" })
                json.GetProperty("FigureFive").GetProperty(stretch).GetProperty("Seconds").GetDouble().Should().BeGreaterThan(0, $"the collector was watched over figure 5's round ({stretch})");
            json.GetProperty("SameSuggestions").GetBoolean().Should().BeTrue("the same contributions and seed give the same suggestions");
            foreach (var round in new[] { "Without", "During" })
            {
                var mixed = json.GetProperty("FigureFive").GetProperty(round);
                mixed.GetProperty("Pages").GetProperty("Requests").GetInt64().Should().BeGreaterThan(0, $"figure 5 {round.ToLowerInvariant()} the run served pages");
                mixed.GetProperty("Votes").GetProperty("Requests").GetInt64().Should().BeGreaterThan(0, $"figure 5 {round.ToLowerInvariant()} the run took votes");
            }
            var large = json.GetProperty("Large");
            large.GetProperty("Ideas").GetInt32().Should().Be(240);
            large.GetProperty("Result").GetProperty("Pages").GetProperty("Requests").GetInt64().Should().BeGreaterThan(0, "the large challenge's page was served under votes");
            large.GetProperty("Result").GetProperty("Votes").GetProperty("Requests").GetInt64().Should().BeGreaterThan(0, "votes went to the large challenge's ideas");
            foreach (var timed in new[] { "RankAllMs", "CountMs", "PageAfterVoteMs" }) large.GetProperty(timed).GetDouble().Should().BeGreaterThan(0, timed);
            File.ReadAllText(Path.Combine(output, "themes.md")).Should().Contain("| alone | 300 |").And.Contain("| during the run |").And.Contain("| without the run |")
                .And.Contain("| the large challenge's page while voting on it |").And.Contain("| the run alone |").And.Contain("| figure 5's round during the run |")
                .And.Contain("Getting them to stop");

            Report.Write(new BenchResults { Smoke = true, Machine = Machine.Describe(TestRepository.Root) }, output, null);
            File.ReadAllText(Path.Combine(output, "results.md")).Should().Contain("## Theme suggestions at national scale").And.Contain("| alone | 300 |");
        }
        finally
        {
            if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public void Wrk_output_is_read_with_its_units()
    {
        const string output = """
            Running 1s test @ http://127.0.0.1:5000/
              1 threads and 16 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency   830.50us    1.20ms  25.10ms   95.00%
                Req/Sec    20.00k     1.00k   22.00k    70.00%
              Latency Distribution
                 50%  512.00us
                 75%  800.00us
                 90%    1.50ms
                 99%    1.20s
              20123 requests in 1.00s, 100.00MB read
              Non-2xx or 3xx responses: 3
              Socket errors: connect 0, read 1, write 0, timeout 2
            Requests/sec:  20100.50
            Transfer/sec:    100.00MB
            """;
        var result = Wrk.Parse("test", 16, output);
        result.Requests.Should().Be(20123);
        result.RequestsPerSecond.Should().Be(20100.5);
        result.P50Ms.Should().BeApproximately(0.512, 1e-9);
        result.P90Ms.Should().Be(1.5);
        result.P99Ms.Should().Be(1200);
        result.MaxMs.Should().Be(25.1);
        result.Non2xx.Should().Be(3);
        result.SocketErrors.Should().Be(3);
        result.Clean.Should().BeFalse();
    }

    /// <summary>Figures 6 and 8 measured where the machine has a PostgreSQL server, and said why not where it has none.</summary>
    internal static void PostgresFiguresMeasured(JsonElement postgres)
    {
        if (BenchPostgres.FindBinaries(out _) is null)
            postgres.GetProperty("NotMeasured").GetString().Should().Contain("no PostgreSQL server", "without a server the figure says why it was not measured");
        else
        {
            postgres.GetProperty("Runs").EnumerateArray().Should().ContainSingle()
                .Which.GetProperty("Writes").GetInt64().Should().BeGreaterThan(0, "the votes reached PostgreSQL through the engine");
            postgres.GetProperty("WriterAlone").GetProperty("Commits").GetInt64().Should().BeGreaterThan(0, "the store's own votes were committed");
            var twoNodes = postgres.GetProperty("TwoNodes");
            foreach (var node in new[] { "NodeA", "NodeB" })
                twoNodes.GetProperty(node).GetProperty("Requests").GetInt64().Should().BeGreaterThan(0, "both nodes took votes in the two-node storm");
        }
    }
}
