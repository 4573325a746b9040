using System.Net;

namespace Engine.Web.Tests.Containment;

/// <summary>A voting rule that never returns (asleep) keeps a bounded number of threads however many votes call it.</summary>
[Collection(ProcessWideMeasurements.Name)]
public class HangingRuleTests(HangingRuleTests.App app) : IClassFixture<HangingRuleTests.App>
{
    // Asleep for longer than the test runs, so that every thread a call started is still there when it counts them.
    public sealed class App() : MisbehavingRulesApp("hanging", new { rule = "hanging-vote", settings = new { hangMs = 60000 } });

    [Fact]
    public async Task Two_hundred_votes_at_once_leave_the_thread_count_bounded_and_other_sites_answering()
    {
        using var visitors = await app.VisitorsAsync("alpha.test");

        var before = ThisProcess.Threads();
        await visitors.VoteTwoHundredTimesAtOnceAsync();
        // Unbounded, every one of the 200 calls would keep its own sleeping thread. Bounded, the plugin keeps one, and the
        // thread pool may have grown by a few threads under the burst.
        (ThisProcess.Threads() - before).Should().BeLessThan(50);
        (await visitors.Neighbour.GetPageAsync("/")).Status.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Pages_ranked_by_a_hanging_rule_are_ranked_the_built_in_way_and_leave_one_thread_behind_not_one_per_page()
    {
        using var visitors = await app.VisitorsAsync("alpha.test");

        var before = ThisProcess.Threads();
        for (var i = 0; i < 30; i++)
        {
            // Each new idea is a write, so the next page is ranked afresh rather than read from the cache.
            await visitors.Member.PostIdeaAsync(title: $"Idea number {i} to rank");
            var (status, html) = await visitors.Member.GetPageAsync("/challenges/waiting-well?sort=top");
            status.Should().Be(HttpStatusCode.OK);
            html.Should().Contain($"Idea number {i} to rank");
        }
        // Unbounded, each of the 30 rankings would call the rule and leave a pool thread asleep in it (and the pool would keep
        // adding threads); the thread count alone cannot tell when an earlier test has left the pool large.
        app.Log.Entries.Count(e => e.Message.StartsWith("Ranking challenge waiting-well of tenant hanging")).Should().Be(1,
            "the rule is called to rank once; until that call returns, pages are ranked the built-in way without calling it");
        (ThisProcess.Threads() - before).Should().BeLessThan(8);
        (await visitors.Neighbour.GetPageAsync("/challenges/waiting-well?sort=top")).Status.Should().Be(HttpStatusCode.OK);
    }
}
