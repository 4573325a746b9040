using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Engine.Web.Tests.Votes;

/// <summary>
/// A member's allowance (a budget of votes, or points to spread) holds however many of their votes arrive at once:
/// one member sends many votes in parallel with one bearer token, as a script can, and never gets more than the rule
/// allows; every vote past the allowance is refused with the rule's reason and changes nothing.
/// </summary>
public class VoteAllowanceTests(VoteAllowanceTests.App app) : IClassFixture<VoteAllowanceTests.App>
{
    private const int Budget = 2, Points = 5;

    public sealed class App : EngineApp
    {
        public App()
        {
            Site("budgeted", new { voting = new { rule = "budget", settings = new { votes = Budget } } });
            Site("pointed", new { voting = new { rule = "points", settings = new { points = Points } } });
        }

        private void Site(string id, object rules)
        {
            var tenant = Tenant(id, $"{id} site", [$"{id}.test"], anonymous: false, downVotes: false);
            tenant["rules"] = rules;
            WriteTenant(id, tenant);
        }
    }

    [Fact]
    public async Task Four_times_the_budget_in_parallel_spends_exactly_the_budget_round_after_round()
    {
        var ideas = await IdeasAsync("budgeted", 4 * Budget);
        for (var round = 1; round <= 3; round++)
        {
            using var member = await MemberWithTokenAsync("budgeted");
            var votes = await Task.WhenAll(ideas.Select(idea => member.Http.PutAsJsonAsync($"api/v1/ideas/{idea}/vote", new { value = 1 })));

            votes.Count(v => v.StatusCode == HttpStatusCode.OK).Should().Be(Budget, $"round {round}: a member has {Budget} votes, however fast they send them");
            foreach (var refused in votes.Where(v => v.StatusCode != HttpStatusCode.OK))
                (await Reason(refused)).Should().Contain($"used all {Budget} of your votes");
            var mine = await MyVotesAsync(member, ideas);
            mine.Count(v => v.MyVote == 1).Should().Be(Budget, "a refused vote is not stored");
            mine.Sum(v => v.Up).Should().Be(Budget * round, "the ideas' counts moved only for the votes accepted");
        }
    }

    [Fact]
    public async Task Four_times_the_points_in_parallel_spends_exactly_the_points()
    {
        var ideas = await IdeasAsync("pointed", 4 * Points);
        using var member = await MemberWithTokenAsync("pointed");
        var votes = await Task.WhenAll(ideas.Select(idea => member.Http.PutAsJsonAsync($"api/v1/ideas/{idea}/vote", new { value = 1 })));

        votes.Count(v => v.StatusCode == HttpStatusCode.OK).Should().Be(Points, $"a member has {Points} points to spread, however fast they send them");
        foreach (var refused in votes.Where(v => v.StatusCode != HttpStatusCode.OK))
            (await Reason(refused)).Should().Contain("no points left");
        var mine = await MyVotesAsync(member, ideas);
        mine.Sum(v => v.MyVote).Should().Be(Points, "a refused vote is not stored");
        mine.Sum(v => v.Up).Should().Be(Points);
    }

    [Fact]
    public async Task Raising_the_points_on_one_idea_in_parallel_never_gives_more_than_the_points()
    {
        // The same idea, different values at once: each replaces the last, and what stands must fit the allowance.
        var ideas = await IdeasAsync("pointed", 2);
        using var member = await MemberWithTokenAsync("pointed");
        (await member.Http.PutAsJsonAsync($"api/v1/ideas/{ideas[0]}/vote", new { value = 3 })).StatusCode.Should().Be(HttpStatusCode.OK);
        var votes = await Task.WhenAll(Enumerable.Range(0, 4 * Points).Select(i => i % 2 == 0
            ? member.Http.PutAsJsonAsync($"api/v1/ideas/{ideas[1]}/vote", new { value = 2 })
            : member.Http.PutAsJsonAsync($"api/v1/ideas/{ideas[0]}/vote", new { value = 4 })));

        foreach (var refused in votes.Where(v => v.StatusCode != HttpStatusCode.OK))
            (await Reason(refused)).Should().Contain("points");
        (await MyVotesAsync(member, ideas)).Sum(v => v.MyVote).Should().BeLessThanOrEqualTo(Points);
    }

    private async Task<long[]> IdeasAsync(string site, int count)
    {
        using var author = app.Visit($"{site}.test");
        await author.RegisterAsync(TestEmail.Unique());
        var ideas = new long[count];
        for (var i = 0; i < count; i++) ideas[i] = await author.PostIdeaAsync(title: $"Idea number {i + 1} for {site}");
        return ideas;
    }

    private async Task<Visitor> MemberWithTokenAsync(string site)
    {
        var email = TestEmail.Unique();
        using (var registering = app.Visit($"{site}.test")) await registering.RegisterAsync(email);
        var member = app.Visit($"{site}.test");
        var token = await member.Http.PostAsJsonAsync("api/v1/account/tokens", new { email, password = "correct horse battery" });
        token.StatusCode.Should().Be(HttpStatusCode.OK, await token.Content.ReadAsStringAsync());
        member.Http.DefaultRequestHeaders.Authorization = new("Bearer", (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString());
        return member;
    }

    private static async Task<(int MyVote, int Up)[]> MyVotesAsync(Visitor member, IEnumerable<long> ideas) =>
        await Task.WhenAll(ideas.Select(async idea =>
        {
            var found = await member.Http.GetFromJsonAsync<JsonElement>($"api/v1/ideas/{idea}");
            return (found.GetProperty("myVote").GetInt32(), found.GetProperty("up").GetInt32());
        }));

    private static async Task<string> Reason(HttpResponseMessage refused)
    {
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest, await refused.Content.ReadAsStringAsync());
        return (await Visitor.ProblemAsync(refused)).GetProperty("errors").GetProperty("value")[0].GetString()!;
    }
}
