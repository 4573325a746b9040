using System.Text.Json;
using Engine.Bench;

namespace Engine.Bench.Tests;

/// <summary>
/// The exports benchmark and the launch-day soak (issue 22) run for a few seconds on the smoke data sets, so they cannot
/// rot: every export downloaded whole with its memory measured, figure 5 beside exports, and the soak's every kind of
/// request sent and answered without an error (a busy machine's engine may fall behind: what it was not sent is counted,
/// not failed), with memory sampled. No figure is asserted.
/// </summary>
public class ExportsAndSoakSmokeTests
{
    [Fact]
    public async Task The_exports_benchmark_downloads_every_export_of_the_national_tenant_and_runs_figure_5_beside_them()
    {
        var output = Path.Combine(Path.GetTempPath(), "engine-bench-exports-test", Guid.NewGuid().ToString("N"));
        var log = new List<string>();
        try
        {
            var options = BenchOptions.SmokeRun(TestRepository.Root, output) with { National = BenchOptions.NationalSmokeScale };
            var exit = await ExportsBench.RunAsync(options, line => { lock (log) log.Add(line); });
            exit.Should().Be(0, string.Join("\n", log));

            var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "exports.json"))).RootElement;
            var downloads = json.GetProperty("Downloads").EnumerateArray().ToList();
            downloads.Select(d => d.GetProperty("Name").GetString()).Should().Equal(ExportsBench.Paths().Select(p => p.Name));
            downloads.Select(d => d.GetProperty("Name").GetString()).Should().Contain(["ideas.csv", "comments.json", "votes.csv", "bundle.zip"]);
            foreach (var d in downloads)
            {
                d.GetProperty("Status").GetInt32().Should().Be(200);
                d.GetProperty("Bytes").GetInt64().Should().BeGreaterThan(0, d.GetProperty("Name").GetString());
            }
            json.GetProperty("IdleResidentMb").GetDouble().Should().BeGreaterThan(0);
            foreach (var round in new[] { "Without", "During" })
            {
                json.GetProperty(round).GetProperty("Pages").GetProperty("Requests").GetInt64().Should().BeGreaterThan(0, $"figure 5 {round} served pages");
                json.GetProperty(round).GetProperty("Votes").GetProperty("Requests").GetInt64().Should().BeGreaterThan(0, $"figure 5 {round} took votes");
            }
            File.ReadAllText(Path.Combine(output, "exports.md")).Should().Contain("| bundle.zip | 200 |").And.Contain("| during exports |");
            var targets = Issue22.Evaluate(new BenchResults { Smoke = true, Machine = Machine.Describe(TestRepository.Root) }, output).ToDictionary(t => t.Id);
            targets["exports-memory"].Measured.Should().StartWith("+").And.Contain("MB alone");
            targets["exports-memory"].Holds.Should().NotBeNull("the exports pass measured its memory");
            targets["exports-figure-5"].Measured.Should().StartWith("pages p99 ");
            targets["exports-figure-5"].Holds.Should().NotBeNull("the exports pass ran figure 5 beside them");
            targets["exports-memory"].Section.Should().Be("# Exports at national scale (issue 22)");
        }
        finally
        {
            if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public async Task The_soak_sends_every_kind_of_request_at_its_rate_and_samples_memory()
    {
        var output = Path.Combine(Path.GetTempPath(), "engine-bench-soak-test", Guid.NewGuid().ToString("N"));
        var log = new List<string>();
        try
        {
            // 25 s: two memory samples, and at 2 a second, ideas enough to count.
            var exit = await SoakBench.RunAsync(BenchOptions.SmokeRun(TestRepository.Root, output), 25 / 60.0, line => { lock (log) log.Add(line); });
            exit.Should().Be(0, string.Join("\n", log));

            var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "soak.json"))).RootElement;
            var kinds = json.GetProperty("Kinds").EnumerateArray().ToDictionary(k => k.GetProperty("Name").GetString()!);
            kinds.Keys.Should().Equal("pages", "votes", "ideas", "searches");
            foreach (var (name, kind) in kinds)
            {
                kind.GetProperty("Errors").GetInt64().Should().Be(0, name);
                // Open loop at a fixed rate: what came due is the rate times the time (a starved driver may look last a little early),
                // sent, or not sent while a busy machine's engine had too many unanswered.
                var due = kind.GetProperty("Sent").GetInt64() + kind.GetProperty("NotSent").GetInt64();
                due.Should().BeInRange((long)(kind.GetProperty("PerSecond").GetDouble() * 20), (long)(kind.GetProperty("PerSecond").GetDouble() * 25) + 1, name);
                kind.GetProperty("Sent").GetInt64().Should().BeGreaterThan(0, name);
                kind.GetProperty("P99Ms").GetDouble().Should().BeGreaterThan(0, name);
            }
            json.GetProperty("Memory").GetArrayLength().Should().BeGreaterThanOrEqualTo(2);
            File.ReadAllText(Path.Combine(output, "soak.md")).Should().Contain("| pages | 500 |").And.Contain("| searches | 10 |");
            var soak = Issue22.Evaluate(new BenchResults { Smoke = true, Machine = Machine.Describe(TestRepository.Root) }, output).Single(t => t.Id == "soak");
            soak.Measured.Should().StartWith("0.4 minutes: 0 errors, ").And.Contain("pages p99 ");
            soak.Holds.Should().NotBe(true, "a soak shorter than the 10 minutes asked never passes");
        }
        finally
        {
            if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        }
    }
}
