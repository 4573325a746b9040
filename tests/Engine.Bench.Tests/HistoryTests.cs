using System.Text;
using Engine.Bench;

namespace Engine.Bench.Tests;

/// <summary>
/// bench/history.json: each Bench run's issue 22 targets appended and read back as written, and "holds in three runs" read from
/// the last three runs of the same kind, never from fewer, and never from a target that was not measured.
/// </summary>
public class HistoryTests
{
    private static readonly TargetResult[] Targets =
    [
        new("search", "Search over 200,000 ideas", "p99 < 50 ms", "p99 40.2 ms", true, "# Search at national scale (issue 22)"),
        new("soak", "Launch-day soak (10 minutes)", "0 errors", "not measured", null, "# Launch-day soak (issue 22)"),
    ];

    private static HistoryRun Run(string commit, bool searchHolds, bool smoke = false) =>
        new(commit, "2026-12-07 22:00 UTC", "0.10 0.20 0.30 before, 0.40 0.50 0.60 after", smoke,
            [new("search", searchHolds ? "p99 40.2 ms" : "p99 61.0 ms", searchHolds), new("soak", "not measured", null)]);

    [Fact]
    public void Each_run_is_appended_and_read_back_as_written_oldest_first()
    {
        var file = Path.Combine(Path.GetTempPath(), "engine-bench-history-test", Guid.NewGuid().ToString("N"), "history.json");
        try
        {
            BenchHistory.Read(file).Should().BeEmpty("no run has been written yet");
            BenchHistory.Append(file, Run("aaa1111", searchHolds: true)).Should().HaveCount(1);
            BenchHistory.Append(file, Run("bbb2222", searchHolds: false));

            var runs = BenchHistory.Read(file);
            runs.Select(r => r.Commit).Should().Equal("aaa1111", "bbb2222");
            runs[1].LoadAverage.Should().Be("0.10 0.20 0.30 before, 0.40 0.50 0.60 after");
            runs[1].Targets.Should().Equal(new HistoryTarget("search", "p99 61.0 ms", false), new HistoryTarget("soak", "not measured", null));
            File.Exists(file + ".new").Should().BeFalse("the history is written beside and moved over");
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
    }

    [Fact]
    public void A_target_holds_in_three_runs_only_when_the_last_three_full_runs_measured_it_and_it_held_in_each()
    {
        var runs = new List<HistoryRun> { Run("r1", false), Run("r2", true), Run("r3", true) };
        BenchHistory.HoldsInEveryRun(BenchHistory.LastRuns(runs), "search").Should().BeFalse("the first of the three did not hold");
        runs.Add(Run("smoke", false, smoke: true));
        runs.Add(Run("r4", true));
        var last = BenchHistory.LastRuns(runs);
        last.Select(r => r.Commit).Should().Equal(["r2", "r3", "r4"], "a smoke run says nothing about a full run's figures");
        BenchHistory.HoldsInEveryRun(last, "search").Should().BeTrue();
        BenchHistory.HoldsInEveryRun(last, "soak").Should().BeFalse("a target not measured never holds");
        BenchHistory.HoldsInEveryRun(BenchHistory.LastRuns(runs.Take(3).Skip(1).ToList()), "search").Should().BeFalse("two runs are not three");
    }

    [Fact]
    public void Results_md_shows_each_target_in_the_last_three_runs_with_whether_it_held_in_all()
    {
        var md = new StringBuilder();
        BenchHistory.Table(md, [Run("r1", false), Run("r2", true), Run("r3", true), Run("r4", true)], Targets);
        var lines = md.ToString().Split('\n');
        lines.Should().Contain(l => l.StartsWith("| Target | r2, ", StringComparison.Ordinal) && l.Contains("| r4, ", StringComparison.Ordinal) && !l.Contains("r1,", StringComparison.Ordinal));
        lines.Should().Contain("| Search over 200,000 ideas | p99 40.2 ms: yes | p99 40.2 ms: yes | p99 40.2 ms: yes | yes |");
        lines.Should().Contain("| Launch-day soak (10 minutes) | not measured | not measured | not measured | **no** |");
    }

    [Fact]
    public void Report_appends_each_run_to_the_history_and_a_target_whose_pass_wrote_nothing_is_not_measured()
    {
        var output = Path.Combine(Path.GetTempPath(), "engine-bench-history-test", Guid.NewGuid().ToString("N"));
        try
        {
            Report.Write(new BenchResults { Smoke = true, Machine = Machine.Describe(TestRepository.Root) }, output, null);
            Report.Write(new BenchResults { Smoke = true, Machine = Machine.Describe(TestRepository.Root) }, output, null);

            var runs = BenchHistory.Read(Path.Combine(output, "history.json"));
            runs.Should().HaveCount(2);
            runs[^1].Targets.Should().OnlyContain(t => t.Holds == null, "no pass wrote its figures into this folder");
            runs[^1].Targets.Select(t => t.Id).Should().Contain(["member-page", "visitor-page", "idea-page", "search", "similar-ideas", "numbers", "exports-memory",
                "exports-figure-5", "national-start-up", "tenants", "soak", "two-nodes", "generation"]);
            File.ReadAllText(Path.Combine(output, "results.md")).Should().Contain("| Search over 200,000 ideas | not measured | not measured | not yet (2 of 3 runs) |");
        }
        finally
        {
            if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        }
    }

    [Theory]
    [InlineData("# Exports at national scale (issue 22)", "exports-at-national-scale-issue-22")]
    [InlineData("## National data set (issue 22) (SMOKE RUN: a tiny copy, figures not meaningful)", "national-data-set-issue-22-smoke-run-a-tiny-copy-figures-not-meaningful")]
    public void A_target_links_to_its_section_as_GitHub_names_the_heading(string heading, string anchor) =>
        Issue22.Anchor(heading).Should().Be(anchor);
}
