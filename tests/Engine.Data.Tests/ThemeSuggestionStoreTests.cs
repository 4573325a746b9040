using Engine.Core.BigIdeas.Suggestions;
using Engine.Core.Comments;
using Engine.Data.Stores;

namespace Engine.Data.Tests;

public class ThemeSuggestionStoreTests : IAsyncLifetime
{
    private readonly StoreFixture _store = new();

    public Task InitializeAsync() => _store.InitializeAsync();
    public Task DisposeAsync() => _store.DisposeAsync();

    [Fact]
    public async Task Texts_come_in_batches_in_the_order_of_ideas_each_with_its_own_challenges_comments_only()
    {
        var challenge = (await _store.ChallengeAsync("t1")).Id;
        var other = (await _store.ChallengeAsync("t1", "other-challenge")).Id;
        var alice = (await _store.MemberAsync("t1", "alice")).Id;
        var ideas = new List<long>();
        for (var i = 1; i <= 5; i++)
        {
            ideas.Add(await _store.IdeaAsync("t1", challenge, alice, title: $"Idea number {i}"));
            // Another challenge's ideas sit between them, so a batch's range of ids holds ideas that are not the challenge's.
            var elsewhere = await _store.IdeaAsync("t1", other, alice, title: $"Elsewhere {i}");
            await _store.Comments.AddAsync("t1", elsewhere, StoreFixture.Published(alice), new NewComment($"Not this challenge's {i}", null), StoreFixture.Now);
        }
        foreach (var (idea, text) in new[] { (ideas[1], "Second, first comment"), (ideas[2], "Third's comment"), (ideas[1], "Second, second comment") })
            await _store.Comments.AddAsync("t1", idea, StoreFixture.Published(alice), new NewComment(text, null), StoreFixture.Now);
        var store = new ThemeSuggestionStore(_store.Db);

        var batches = new List<IReadOnlyList<ThemeText>>();
        foreach (var batch in store.Texts("t1", challenge, batchSize: 2)) batches.Add(batch);

        batches.Select(b => b.Count).Should().Equal(2, 2, 1);
        var texts = batches.SelectMany(b => b).ToList();
        texts.Select(t => t.IdeaId).Should().Equal(ideas);
        texts[1].Text.Should().Be("Idea number 2\nBody text\nSecond, first comment\nSecond, second comment", "its comments in the order they were made");
        texts[2].Text.Should().Be("Idea number 3\nBody text\nThird's comment", "a batch's first idea has its comments too");
        texts.Should().NotContain(t => t.Text.Contains("Not this challenge's"));
        (await store.TextCountAsync("t1", challenge)).Should().Be(5);
        (await store.TextCountAsync("t2", challenge)).Should().Be(0, "another tenant's challenge");
    }
}
