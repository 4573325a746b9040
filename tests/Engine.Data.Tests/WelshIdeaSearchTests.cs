using Engine.Sdk;
using Engine.Core.Editing;
using Engine.Core.Ideas;
using Engine.Core.Moderation;
using Engine.Core.Search;
using Engine.Data.Stores;

namespace Engine.Data.Tests;

/// <summary>
/// Search and similar ideas in Welsh, on the store under test (SQLite, or PostgreSQL with ENGINE_TEST_STORE=postgres):
/// a Welsh query finds a Welsh idea whatever mutation either is written with, and English ideas as English rules find them.
/// </summary>
public class WelshIdeaSearchTests : IAsyncLifetime
{
    private readonly StoreFixture _store = new();
    private IdeaSearch Search => new(_store.Db);
    private long _challenge, _author;
    private long _head, _help, _garden, _english;

    public Task DisposeAsync() => _store.DisposeAsync();

    public async Task InitializeAsync()
    {
        await _store.InitializeAsync();
        _challenge = (await _store.ChallengeAsync("t1")).Id;
        _author = (await _store.MemberAsync("t1", "ann")).Id;
        _head = await Idea("Poen yn fy mhen wrth aros", "Mae aros mewn ciw yn rhoi cur pen i bobl.", "cy-GB");
        _help = await Idea("Gwell cymorth i ofalwyr", "Dylai gofalwyr gael nghymorth a pharcio am ddim.", "cy-GB");
        _garden = await Idea("Gardd i'r cleifion", "Lle tawel y tu allan i'r ward.", "cy-GB");
        _english = await Idea("Free parking for carers", "Carers waiting with patients should not pay to park.", "en-GB");
    }

    [Theory]
    [InlineData("pen")]
    [InlineData("ben")]
    [InlineData("mhen")]
    [InlineData("phen")]
    public async Task A_word_is_found_whatever_mutation_the_query_and_the_idea_have(string query) =>
        (await Find(query, "cy-GB")).IdeaIds.Should().Equal(_head);

    [Theory]
    [InlineData("cymorth")]
    [InlineData("gymorth")]
    [InlineData("nghymorth")]
    [InlineData("chymorth")]
    public async Task Every_mutation_of_cymorth_finds_the_idea_that_has_two_of_them(string query) =>
        (await Find(query, "cy-GB")).IdeaIds.Should().Equal(_help);

    [Fact]
    public async Task A_dropped_g_circumflexes_and_stop_words_do_not_stand_in_the_way()
    {
        (await Find("ardd", "cy-GB")).IdeaIds.Should().Equal(_garden);
        (await Find("yr ardd i'r cleifion", "cy-GB")).IdeaIds.Should().Equal(new[] { _garden }, "yr and i'r are stop words, and every other word is in the idea");
        (await Find("wârd", "cy-GB")).IdeaIds.Should().Equal(_garden);
        (await Find("yn y mae", "cy-GB")).Total.Should().Be(0, "a query of stop words only looks for nothing");
        (await Find("gofalwyr pen", "cy-GB")).IdeaIds.Should().BeEmpty("every word must be in the idea");
    }

    [Fact]
    public async Task English_ideas_are_found_as_before_and_a_welsh_page_may_find_both()
    {
        (await Find("waiting carers", "en-GB")).IdeaIds.Should().Equal(_english);
        (await Find("waiting carers", null)).IdeaIds.Should().Equal(_english);
        (await Find("parking", "cy-GB")).IdeaIds.Should().Equal(_english);
        (await Find("ben", "en-GB")).IdeaIds.Should().BeEmpty("English rules know nothing of mutations, and no idea has the word ben");
        (await Find("pen", "en-GB")).IdeaIds.Should().Equal(_head);
    }

    [Fact]
    public async Task An_edit_reindexes_the_idea_in_its_own_language()
    {
        var (result, _) = await new EditStore(_store.Db).EditAsync("t1", ContributionKind.Idea, _garden, new Owner(_author, "member"),
            new NewText("Gardd i'r cleifion", "Lle tawel i gerdded.", ModerationState.Published, null), _ => null, StoreFixture.Now);
        result.Should().Be(EditResult.Done);
        (await Find("ward", "cy-GB")).IdeaIds.Should().BeEmpty();
        (await Find("cerdded", "cy-GB")).IdeaIds.Should().Equal(_garden);
    }

    [Fact]
    public async Task Similar_ideas_read_a_welsh_title_with_welsh_rules()
    {
        (await Search.SimilarAsync("t1", _challenge, SearchText.Telling("Cur ben yn y ciw"), 5, "cy-GB")).Should().Equal(_head);
        (await Search.SimilarAsync("t1", _challenge, SearchText.Telling("Rhagor o gymorth"), 5, "cy-GB")).Should().Equal(_help);
        (await Search.SimilarAsync("t1", _challenge, SearchText.Telling("yn y mae"), 5, "cy-GB")).Should().BeEmpty();
    }

    private Task<long> Idea(string title, string body, string language) =>
        _store.Ideas.AddAsync("t1", _challenge, StoreFixture.Published(_author), new NewIdea(title, body, language), StoreFixture.Now);

    private Task<SearchHits> Find(string query, string? language) =>
        Search.SearchAsync("t1", SearchText.Words(query), [_challenge], 0, 10, language);
}
