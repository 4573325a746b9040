using System.Net;
using System.Net.Http.Json;

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
        using var member = app.Visit("hanging.test");
        await member.RegisterAsync(TestEmail.Unique("h"));
        var idea = await member.PostIdeaAsync();
        using var neighbour = app.Visit("alpha.test");
        (await neighbour.GetPageAsync("/")).Status.Should().Be(HttpStatusCode.OK);

        var before = ThisProcess.Threads();
        var votes = Enumerable.Range(0, 200).Select(_ => member.Http.PutAsJsonAsync($"api/v1/ideas/{idea}/vote", new { value = 1 })).ToList();
        var page = neighbour.GetPageAsync("/challenges/waiting-well");
        var answered = await Task.WhenAll(votes);
        (await page).Status.Should().Be(HttpStatusCode.OK, "another site's pages answer while a rule hangs");

        answered.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.BadRequest, "no call to the hanging rule returns within its budget");
        // Unbounded, every one of the 200 calls would keep its own sleeping thread. Bounded, the plugin keeps one, and the
        // thread pool may have grown by a few threads under the burst.
        (ThisProcess.Threads() - before).Should().BeLessThan(50);
        (await neighbour.GetPageAsync("/")).Status.Should().Be(HttpStatusCode.OK);
    }
}
