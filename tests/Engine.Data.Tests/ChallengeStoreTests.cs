namespace Engine.Data.Tests;

public class ChallengeStoreTests : IAsyncLifetime
{
    private readonly StoreFixture _store = new();
    public Task InitializeAsync() => _store.InitializeAsync();
    public Task DisposeAsync() => _store.DisposeAsync();

    // A new site starts with no challenges: its home page lists none rather than failing. (SQLite cannot
    // say what type the idea count has when there is no row, which once broke the mapping.)
    [Fact]
    public async Task A_tenant_with_no_challenges_lists_none()
    {
        (await _store.Challenges.ListAsync("empty")).Should().BeEmpty();
        (await _store.Challenges.FindBySlugAsync("empty", "none")).Should().BeNull();
    }

    [Fact]
    public async Task A_challenge_counts_its_published_ideas()
    {
        var member = await _store.MemberAsync("t1", "Nurse");
        var challenge = await _store.ChallengeAsync("t1");
        await _store.IdeaAsync("t1", challenge.Id, member.Id);
        (await _store.Challenges.ListAsync("t1")).Single().IdeaCount.Should().Be(1);
    }
}
