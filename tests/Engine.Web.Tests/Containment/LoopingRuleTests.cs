using System.Diagnostics;
using System.Net;

namespace Engine.Web.Tests.Containment;

/// <summary>A voting rule that keeps a core busy instead of returning keeps a bounded number of cores busy however often it is called.</summary>
[Collection(ProcessWideMeasurements.Name)]
public class LoopingRuleTests(LoopingRuleTests.App app) : IClassFixture<LoopingRuleTests.App>
{
    // Busy for longer than the test measures, so that every call that started looping is still looping then.
    public sealed class App() : MisbehavingRulesApp("looping", new { rule = "looping-vote", settings = new { loopMs = 15000 } });

    [Fact]
    public async Task Two_hundred_votes_at_once_leave_the_busy_cores_and_threads_bounded_and_other_sites_answering()
    {
        using var visitors = await app.VisitorsAsync("beta.test");

        var threadsBefore = ThisProcess.Threads();
        await visitors.VoteTwoHundredTimesAtOnceAsync();

        // Every request has been answered, so what still wants a core all the time is the rule's looping calls: a thread
        // found running (Linux counts one waiting for a core as running, so however busy the machine is) at every look.
        HashSet<int>? busy = null;
        var cpu = ThisProcess.CpuTime();
        var wall = Stopwatch.StartNew();
        for (var look = 0; look < 10; look++)
        {
            var running = ThisProcess.RunningThreads();
            busy ??= running;
            busy.IntersectWith(running);
            await Task.Delay(100);
        }
        var coresBusy = (ThisProcess.CpuTime() - cpu) / wall.Elapsed;

        // Unbounded, each of the 200 calls would loop on its own thread: as many busy threads as calls, every core busy.
        busy!.Count.Should().BeLessThanOrEqualTo(MisbehavingRulesApp.CallsPerPlugin + 2, "one call loops (and this test's own thread, or one of the runtime's, may be running at each look)");
        coresBusy.Should().BeLessThan(MisbehavingRulesApp.CallsPerPlugin + 0.6, "one core loops; the others are free");
        (ThisProcess.Threads() - threadsBefore).Should().BeLessThan(50);
        (await visitors.Neighbour.GetPageAsync("/")).Status.Should().Be(HttpStatusCode.OK);
    }
}
