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
        // The collector or another host's background work can also take a core for a moment (CI once saw the process use
        // 1.98 cores), so the quietest of three one-second windows counts; the calls loop for far longer than all three.
        var quietest = (Busy: int.MaxValue, Cores: double.MaxValue);
        for (var window = 0; window < 3 && (quietest.Busy > BusyAllowed || quietest.Cores >= CoresAllowed); window++)
        {
            var (busy, cores) = await LookForOneSecondAsync();
            quietest = (Math.Min(quietest.Busy, busy), Math.Min(quietest.Cores, cores));
        }

        // Unbounded, each of the 200 calls would loop on its own thread: as many busy threads as calls, every core busy.
        quietest.Busy.Should().BeLessThanOrEqualTo(BusyAllowed, "one call loops (and this test's own thread, or a few of the runtime's, may be running at each look)");
        quietest.Cores.Should().BeLessThan(CoresAllowed, "one core loops; the others are free");
        (ThisProcess.Threads() - threadsBefore).Should().BeLessThan(50);
        (await visitors.Neighbour.GetPageAsync("/")).Status.Should().Be(HttpStatusCode.OK);
    }

    // On a machine with three other programs spinning, this test's own thread and up to three of the runtime's, waiting
    // their turn for a core, were found running at every look; with the bound lifted, 49 threads were.
    private const int BusyAllowed = MisbehavingRulesApp.CallsPerPlugin + 4;
    private const double CoresAllowed = MisbehavingRulesApp.CallsPerPlugin + 0.6;

    /// <summary>The threads found running at each of ten looks over a second, and the cores the process used meanwhile.</summary>
    private static async Task<(int Busy, double Cores)> LookForOneSecondAsync()
    {
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
        return (busy!.Count, (ThisProcess.CpuTime() - cpu) / wall.Elapsed);
    }
}
