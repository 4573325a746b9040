using Dapper;
using Engine.Core.Ideas;
using Engine.Core.Moderation;
using Engine.Core.Search;
using Engine.Data.Stores;

namespace Engine.Data.Tests;

public class IdeaSearchTests : IAsyncLifetime
{
    private readonly StoreFixture _store = new();
    private IdeaSearch Search => new(_store.Db);
    private long _challenge, _other, _author;
    private long _texts, _parking, _held, _duplicate;

    public Task DisposeAsync() => _store.DisposeAsync();

    public async Task InitializeAsync()
    {
        await _store.InitializeAsync();
        _challenge = (await _store.ChallengeAsync("t1")).Id;
        _other = (await _store.ChallengeAsync("t1", "home-first")).Id;
        _author = (await _store.MemberAsync("t1", "ann")).Id;
        _texts = await Idea("Text patients their place in the queue", "An SMS when the waiting list moves.");
        _parking = await Idea("Free parking for carers", "Carers waiting with patients should not pay to park.");
        _held = await _store.Ideas.AddAsync("t1", _challenge, new Admission(new Authorship(_author, null, false), ModerationState.Held, "rule"),
            new NewIdea("Text messages held for review", "Held text."), StoreFixture.Now);
        _duplicate = await Idea("Text message reminders", "Texts about the queue.");
        await new MergeStore(_store.Db).MergeAsync("t1", _texts, _duplicate, _author, StoreFixture.Now);
        // Another tenant's idea with the same words is never found from t1.
        var theirs = (await _store.ChallengeAsync("t2")).Id;
        var stranger = (await _store.MemberAsync("t2", "zed")).Id;
        await _store.Ideas.AddAsync("t2", theirs, StoreFixture.Published(stranger), new NewIdea("Text patients too", "queue"), StoreFixture.Now);
    }

    [Fact]
    public async Task Finds_published_ideas_by_their_words_title_matches_first_and_stemmed()
    {
        var hits = await Find("waiting");
        hits.IdeaIds.Should().BeEquivalentTo([_texts, _parking]);
        (await Find("texting patients")).IdeaIds.Should().Equal(_texts);
        (await Find("carers")).IdeaIds.Should().Equal(_parking);
    }

    [Fact]
    public async Task Held_merged_and_other_tenants_ideas_are_never_found()
    {
        var hits = await Find("text");
        hits.IdeaIds.Should().Equal(_texts);
        hits.Total.Should().Be(1);
        (await Find("review")).IdeaIds.Should().BeEmpty();
        (await Find("reminders")).IdeaIds.Should().BeEmpty();
    }

    [Fact]
    public async Task The_index_follows_moderation_unmerging_and_edits()
    {
        await _store.Db.WriteAsync("t1", (c, tx) => c.Execute("UPDATE ideas SET moderation = 'published' WHERE tenant_id = 't1' AND id = @id", new { id = _held }, tx));
        (await Find("review")).IdeaIds.Should().Equal(_held);
        await _store.Db.WriteAsync("t1", (c, tx) => c.Execute("UPDATE ideas SET moderation = 'hidden' WHERE tenant_id = 't1' AND id = @id", new { id = _texts }, tx));
        (await Find("queue place")).IdeaIds.Should().BeEmpty();
        await new MergeStore(_store.Db).UndoAsync("t1", _duplicate);
        (await Find("reminders")).IdeaIds.Should().Equal(_duplicate);
        await _store.Db.WriteAsync("t1", (c, tx) => c.Execute("UPDATE ideas SET title = 'Valet parking' WHERE tenant_id = 't1' AND id = @id", new { id = _duplicate }, tx));
        (await Find("reminders")).IdeaIds.Should().BeEmpty();
        (await Find("valet")).IdeaIds.Should().Equal(_duplicate);
    }

    [Fact]
    public async Task A_search_across_challenges_never_shows_a_site_whose_challenge_was_indexed_between_them()
    {
        // t1's first challenge was indexed first and t2's next, so t1's second challenge comes after t2's: the range
        // searched for t1's two challenges holds t2's ideas too, which must be left out.
        var atHome = await _store.Ideas.AddAsync("t1", _other, StoreFixture.Published(_author), new NewIdea("Text patients at home", "No queue."), StoreFixture.Now);
        var hits = await Find("text patients");
        hits.IdeaIds.Should().BeEquivalentTo([_texts, atHome]);
        hits.Total.Should().Be(2);
        (await Search.SimilarAsync("t1", _other, SearchText.Telling("Text patients"), 5)).Should().Equal(atHome);
    }

    [Fact]
    public async Task An_idea_moved_to_another_challenge_is_found_in_that_one_only()
    {
        await _store.Db.WriteAsync("t1", (c, tx) => c.Execute("UPDATE ideas SET challenge_id = @other WHERE tenant_id = 't1' AND id = @id", new { id = _parking, other = _other }, tx));
        (await Search.SearchAsync("t1", SearchText.Words("parking"), [_challenge], 0, 10)).IdeaIds.Should().BeEmpty();
        (await Search.SearchAsync("t1", SearchText.Words("parking"), [_other], 0, 10)).IdeaIds.Should().Equal(_parking);
        await _store.Db.WriteAsync("t1", (c, tx) => c.Execute("DELETE FROM ideas WHERE tenant_id = 't1' AND id = @id", new { id = _parking }, tx));
        (await Search.SearchAsync("t1", SearchText.Words("parking"), [_other], 0, 10)).Total.Should().Be(0);
    }

    [Fact]
    public async Task Pages_of_equally_ranked_ideas_never_repeat_or_skip_one_and_a_site_named_with_a_hyphen_is_its_own()
    {
        var ids = new List<long>();
        for (var i = 0; i < 7; i++)
            ids.Add(await _store.Ideas.AddAsync("t1", _challenge, StoreFixture.Published(_author), new NewIdea("Same words", "Same words."), StoreFixture.Now));
        var pages = new List<long>();
        for (var skip = 0; skip < 7; skip += 3)
            pages.AddRange((await Search.SearchAsync("t1", SearchText.Words("same words"), [_challenge], skip, 3)).IdeaIds);
        pages.Should().BeEquivalentTo(ids).And.OnlyHaveUniqueItems();

        var hyphenated = (await _store.ChallengeAsync("t1-x")).Id;
        var author = (await _store.MemberAsync("t1-x", "hyp")).Id;
        await _store.Ideas.AddAsync("t1-x", hyphenated, StoreFixture.Published(author), new NewIdea("Same words", "Same words."), StoreFixture.Now);
        (await Search.SearchAsync("t1", SearchText.Words("same words"), [_challenge], 0, 20)).Total.Should().Be(7);
        (await Search.SearchAsync("t1-x", SearchText.Words("same words"), [hyphenated], 0, 20)).Total.Should().Be(1);
    }

    [Fact]
    public async Task Only_the_challenges_asked_for_are_searched()
    {
        var onlyOther = await Search.SearchAsync("t1", SearchText.Words("parking"), [_other], 0, 10);
        onlyOther.IdeaIds.Should().BeEmpty();
        (await Search.SearchAsync("t1", SearchText.Words("parking"), [], 0, 10)).Total.Should().Be(0);
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("text\" OR \"")]
    [InlineData("OR")]
    [InlineData("*")]
    [InlineData("text*")]
    [InlineData("NEAR(text parking)")]
    [InlineData("title:text")]
    [InlineData("^text")]
    [InlineData("-text")]
    [InlineData("(((")]
    [InlineData("text AND NOT parking")]
    [InlineData("'; DROP TABLE ideas; --")]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Query_syntax_typed_by_a_person_is_read_as_words_and_never_fails(string query)
    {
        var hits = await Find(query);
        hits.IdeaIds.Except([_texts, _parking]).Should().BeEmpty();
        hits.Total.Should().Be(hits.IdeaIds.Count);
    }

    [Fact]
    public async Task Operators_and_wildcards_are_just_punctuation_around_the_words()
    {
        (await Find("text*")).IdeaIds.Should().Equal(_texts);
        (await Find("^parking")).IdeaIds.Should().Equal(_parking);
        (await Find("title:parking")).IdeaIds.Should().BeEmpty("'title' is a word to look for too, and no idea has it");
    }

    [Fact]
    public async Task Similar_ideas_share_telling_words_in_the_same_challenge()
    {
        var similar = await Search.SimilarAsync("t1", _challenge, SearchText.Telling("Texting people about the queue"), 5);
        similar.Should().Equal(_texts);
        (await Search.SimilarAsync("t1", _other, SearchText.Telling("Texting people about the queue"), 5)).Should().BeEmpty();
        (await Search.SimilarAsync("t1", _challenge, SearchText.Telling("the and for"), 5)).Should().BeEmpty();
    }

    [Fact]
    public async Task Similar_ideas_sharing_two_words_come_first_and_ideas_sharing_one_make_up_the_rest()
    {
        (await Search.SimilarAsync("t1", _challenge, SearchText.Telling("Texting carers about the queue"), 5)).Should().Equal(_texts, _parking);
        (await Search.SimilarAsync("t1", _challenge, SearchText.Telling("Texting carers about the queue"), 1)).Should().Equal(_texts);
    }

    [Fact]
    public async Task The_near_duplicate_title_is_offered_first_ahead_of_ideas_repeating_two_of_its_words()
    {
        // Short titles repeating two of the rarer words score higher by BM25 alone than the idea sharing all four once.
        var repeating = new List<long>();
        for (var i = 0; i < 5; i++)
            repeating.Add(await Idea("Hospital nurses, hospital nurses", "Hospital nurses."));
        for (var i = 0; i < 10; i++)
            await Idea("Parking charges", "Parking charges.");
        var duplicate = await Idea("Scrap the parking charges for nurses working nights at the hospital",
            "Nurses on night shifts pay to park at the hospital while visitors park free after eight, which seems unfair to the staff.");
        var similar = await Search.SimilarAsync("t1", _challenge, SearchText.Longest(SearchText.Telling("No hospital parking charges for nurses"), 4), 5);
        similar[0].Should().Be(duplicate);
        similar.Skip(1).Should().HaveCount(4);
    }

    [Fact]
    public async Task Similar_ideas_sharing_more_of_the_words_come_before_those_sharing_fewer_without_repeats()
    {
        var three = await Idea("Hospital parking charges", "Too high.");
        var two = await Idea("Hospital parking", "Hard to find.");
        var all = await Idea("Hospital parking charges for nurses", "Unfair.");
        var one = await Idea("Nurses need rest", "Breaks.");
        var similar = await Search.SimilarAsync("t1", _challenge, SearchText.Telling("hospital parking charges nurses"), 5);
        similar.Take(3).Should().Equal(all, three, two);
        similar.Skip(3).Should().BeEquivalentTo([one, _parking], "each shares one word (\"parking\" is the fixture's too)");
        (await Search.SimilarAsync("t1", _challenge, SearchText.Telling("hospital parking charges nurses"), 2)).Should().Equal(all, three);
    }

    private Task<long> Idea(string title, string body) =>
        _store.Ideas.AddAsync("t1", _challenge, StoreFixture.Published(_author), new NewIdea(title, body), StoreFixture.Now);

    private Task<SearchHits> Find(string query) => Search.SearchAsync("t1", SearchText.Words(query), [_challenge, _other], 0, 10);
}
