using Engine.Core.Caching;
using Engine.Core.Challenges;
using Engine.Core.Common;
using Engine.Core.Ideas;
using Engine.Core.Search;
using Engine.Core.Tests.Stores;
using Microsoft.Extensions.Time.Testing;
using static Engine.Core.Tests.Stores.SampleChallenges;

namespace Engine.Core.Tests.Search;

/// <summary>Similar ideas while someone types: the index is read again only when the telling words or the data change.</summary>
public class SimilarIdeasTests
{
    private static readonly Idea Parking = new(10, Running.Id, Running.Slug, "Free parking for carers", "body", null, true, IdeaStatus.Submitted, 0, 0, 0, Now);

    private readonly DataVersions _versions = new();
    private readonly CountingSearch _search = new();
    private readonly FindIdeas _find;

    public SimilarIdeasTests()
    {
        var clock = new FakeTimeProvider(Now);
        var cache = new EngineCache(_versions, clock);
        var challenges = new InMemoryChallenges(Running, Unscheduled);
        _find = new FindIdeas(_search, new OpenChallenge(challenges, cache, NobodyAsking.Instance, clock), new InMemoryIdeas("alpha", Parking), cache);
    }

    [Fact]
    public async Task Typing_a_common_word_or_punctuation_after_the_same_telling_words_does_not_read_the_index_again()
    {
        (await Similar("Cheaper parking")).Should().Equal(Parking);
        (await Similar("Cheaper parking for the")).Should().Equal(Parking);
        (await Similar("cheaper, PARKING!")).Should().Equal(Parking);
        _search.Reads.Should().Be(1);
        (await Similar("Cheaper parking permits")).Should().Equal(Parking);
        _search.Reads.Should().Be(2, "a new telling word is a new question");
    }

    [Fact]
    public async Task A_write_reads_the_index_again_a_vote_does_not()
    {
        await Similar("Cheaper parking");
        _versions.Changed("alpha", WriteScope.Votes);
        await Similar("Cheaper parking");
        _search.Reads.Should().Be(1);
        _versions.Changed("alpha");
        await Similar("Cheaper parking");
        _search.Reads.Should().Be(2, "a new, edited or moderated idea can change the answer");
    }

    [Fact]
    public async Task Another_challenge_or_language_is_its_own_question_and_a_title_with_no_telling_words_reads_nothing()
    {
        await Similar("Cheaper parking");
        await _find.SimilarAsync("alpha", Unscheduled.Slug, "Cheaper parking");
        await Similar("Cheaper parking", "cy-GB");
        _search.Reads.Should().Be(3);
        (await Similar("the and for")).Should().BeEmpty();
        _search.Reads.Should().Be(3);
    }

    private async Task<IReadOnlyList<Idea>> Similar(string title, string? language = null) =>
        (await _find.SimilarAsync("alpha", Running.Slug, title, language)).Value!;

    private sealed class CountingSearch : IIdeaSearch
    {
        public int Reads { get; private set; }

        public Task<SearchHits> SearchAsync(string tenantId, IReadOnlyList<string> words, IReadOnlyCollection<long> challengeIds, int skip, int take,
            string? language = null, CancellationToken ct = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<long>> SimilarAsync(string tenantId, long challengeId, IReadOnlyList<string> words, int take, string? language = null,
            CancellationToken ct = default)
        {
            Reads++;
            return Task.FromResult<IReadOnlyList<long>>([Parking.Id]);
        }
    }
}
