using System.Net.Http.Json;
using System.Text.Json;
using Engine.Core.Members;

namespace Engine.Web.Tests.Insight;

/// <summary>The numbers' promise on the engine's own interval (2 s): a write shows within it, also to the first reader after a quiet spell.</summary>
public sealed class NumbersIntervalTests : IAsyncLifetime
{
    private readonly ClockedEngineApp _app = new(numbersRecountEvery: TimeSpan.FromSeconds(2));
    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<int> VotesAsync(Visitor visitor, string path) =>
        (await visitor.Http.GetFromJsonAsync<JsonElement>(path)).GetProperty("votes").GetInt32();

    [Fact]
    public async Task The_first_reader_after_a_quiet_spell_sees_the_vote_cast_before_it()
    {
        var (member, _) = await _app.MemberAsync("alpha.test", Roles.Member);
        using var visitor = _app.Visit("alpha.test");
        var idea = await member.PostIdeaAsync();
        var site = await VotesAsync(visitor, "api/v1/stats");
        var challenge = await VotesAsync(visitor, "api/v1/challenges/waiting-well/stats");

        (await member.Http.PutAsJsonAsync($"api/v1/ideas/{idea}/vote", new { value = 1 })).EnsureSuccessStatusCode();
        _app.Clock.Advance(TimeSpan.FromMinutes(5));
        (await VotesAsync(visitor, "api/v1/stats")).Should().Be(site + 1, "the vote was cast five minutes ago");
        (await VotesAsync(visitor, "api/v1/challenges/waiting-well/stats")).Should().Be(challenge + 1);
        member.Dispose();
    }
}
