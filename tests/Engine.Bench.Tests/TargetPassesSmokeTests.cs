using System.Text.Json;
using Engine.Bench;

namespace Engine.Bench.Tests;

/// <summary>
/// The passes the Bench target runs for issue 22's targets beside the main and national runs (search, the numbers' recount,
/// many tenants) at smoke sizes: each writes its md and json, and results.md takes them in, its targets table filled from
/// them. No figure is asserted (a shared CI machine says nothing about speed); that each ran and was read is.
/// </summary>
public class TargetPassesSmokeTests
{
    [Fact]
    public async Task Search_numbers_and_tenants_write_their_figures_and_results_md_reads_its_targets_from_them()
    {
        var output = Path.Combine(Path.GetTempPath(), "engine-bench-targets-test", Guid.NewGuid().ToString("N"));
        var log = new List<string>();
        void Log(string line) { lock (log) log.Add(line); }
        try
        {
            (await SearchBench.RunAsync(BenchOptions.SmokeRun(TestRepository.Root, output), 300, Log)).Should().Be(0, string.Join("\n", log));
            var search = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "search.json"))).RootElement;
            search.GetProperty("Runs").EnumerateArray().Select(r => r.GetProperty("Id").GetString()).Should().Equal("search", "similar-ideas");
            foreach (var run in search.GetProperty("Runs").EnumerateArray())
                run.GetProperty("Load").GetProperty("Requests").GetInt64().Should().BeGreaterThan(0, run.GetProperty("Id").GetString());

            (await NumbersBench.RunAsync(TestRepository.Root, BenchOptions.NationalSmokeScale, output, smoke: true, Log)).Should().Be(0, string.Join("\n", log));
            var numbers = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "numbers.json"))).RootElement;
            numbers.GetProperty("Counts").EnumerateArray().Select(c => c.GetProperty("What").GetString()).Should().Equal("biggest challenge (1)", "smallest challenge (20)", "site");
            numbers.GetProperty("Counts").EnumerateArray().Should().OnlyContain(c => c.GetProperty("BestMs").GetDouble() > 0);

            (await TenantsBench.RunAsync(TestRepository.Root, 20, output, smoke: true, Log)).Should().Be(0, string.Join("\n", log));
            JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "tenants.json"))).RootElement.GetProperty("Tenants").GetInt32().Should().Be(21, "twenty small tenants and the big one");

            Report.Write(new BenchResults { Smoke = true, Machine = Machine.Describe(TestRepository.Root) }, output, null);
            var targets = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "results.json"))).RootElement.GetProperty("targets").EnumerateArray()
                .ToDictionary(t => t.GetProperty("Id").GetString()!);
            targets["search"].GetProperty("Measured").GetString().Should().StartWith("p99 ").And.Contain("over 300 contributions");
            targets["search"].GetProperty("Holds").ValueKind.Should().BeOneOf(JsonValueKind.True, JsonValueKind.False);
            targets["numbers"].GetProperty("Measured").GetString().Should().Contain("biggest challenge (1) ").And.Contain("site ");
            targets["tenants"].GetProperty("Measured").GetString().Should().StartWith("21 tenants: resident ").And.EndWith("(fewer than the 2,000 asked)");
            targets["tenants"].GetProperty("Holds").ValueKind.Should().NotBe(JsonValueKind.True, "21 tenants are not the 2,000 asked for");
            var md = File.ReadAllText(Path.Combine(output, "results.md"));
            md.Should().Contain("## Search at national scale (issue 22)").And.Contain("## Headline numbers at national scale (issue 22)")
                .And.Contain("## Many small tenants in one process (issue 22)")
                .And.Contain("[Search over 200,000 ideas](#search-at-national-scale-issue-22)");
        }
        finally
        {
            if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        }
    }
}
