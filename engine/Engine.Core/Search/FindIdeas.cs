using Engine.Core.Caching;
using Engine.Core.Challenges;
using Engine.Core.Common;
using Engine.Core.Ideas;

namespace Engine.Core.Search;

/// <summary>What a search found: the ideas of one page, best match first, and how many there are in all.</summary>
public sealed record FoundIdeas(string Query, IReadOnlyList<string> Words, Challenge? Challenge, IReadOnlyList<Idea> Items, int Total, int Page, int PageSize)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>
/// Search by words across the challenges the public can see (or one of them), and the similar ideas shown while
/// someone types a title. The words are read by the rules of the page's language (<see cref="SearchLanguage"/>),
/// whatever language each idea was written in. Ideas come back through the public idea store, so an anonymous idea carries no author.
/// </summary>
public sealed class FindIdeas(IIdeaSearch search, OpenChallenge open, IIdeaStore ideas, EngineCache kept)
{
    // The similar ideas' ids for the words looked up: someone typing asks again on every pause, mostly with the same telling
    // words (a common word, a letter of a word not yet among them), so those are answered without the index. No vote
    // changes which ideas hold the words; a new idea, an edit or a moderation decision is a write besides votes and drops it.
    private sealed record SimilarIdeasOf(string TenantId, long ChallengeId, string? Language, string Words) : CacheKey<IReadOnlyList<long>>(TenantId)
    {
        public override DroppedBy DroppedBy => DroppedBy.WritesBesidesVotes;
    }

    public const int PageSize = 20;
    public const int MaxPage = 500;
    public const int SimilarCount = 5;
    /// <summary>How many of a title's telling words similar ideas are looked up by (<see cref="SearchText.Longest"/>).</summary>
    public const int SimilarWords = 4;

    public async Task<Outcome<FoundIdeas>> SearchAsync(string tenantId, string? query, string? challengeSlug, int page, string? language = null,
        CancellationToken ct = default)
    {
        if (query is { Length: > SearchText.MaxQueryLength })
            return Error.Invalid("q", $"Search for at most {SearchText.MaxQueryLength} characters.").Keyed("error.search-too-long", SearchText.MaxQueryLength);
        if (page is < 1 or > MaxPage) return Error.Invalid("page", $"page must be from 1 to {MaxPage}.").Keyed("error.search-page", MaxPage);
        var visible = await open.ListKeptAsync(tenantId, ct);
        Challenge? only = null;
        if (!string.IsNullOrWhiteSpace(challengeSlug))
        {
            only = visible.FirstOrDefault(c => c.Slug == challengeSlug);
            if (only is null) return Error.Invalid("challenge", "There is no such challenge to search in.").Keyed("error.no-challenge-to-search");
        }
        var words = SearchText.Words(query);
        var hits = await search.SearchAsync(tenantId, words, only is null ? visible.Select(c => c.Id).ToList() : [only.Id], (page - 1) * PageSize, PageSize, language, ct);
        var found = await ideas.FindManyAsync(tenantId, hits.IdeaIds, ct);
        return new FoundIdeas((query ?? "").Trim(), words, only, found, hits.Total, page, PageSize);
    }

    /// <summary>Up to <see cref="SimilarCount"/> published ideas in the challenge like the title being typed; none for a title with no telling words.</summary>
    public async Task<Outcome<IReadOnlyList<Idea>>> SimilarAsync(string tenantId, string slug, string? title, string? language = null, CancellationToken ct = default)
    {
        if (title is { Length: > SearchText.MaxQueryLength })
            return Error.Invalid("title", $"Send at most {SearchText.MaxQueryLength} characters of the title.").Keyed("error.similar-too-long", SearchText.MaxQueryLength);
        var challenge = await open.FindKeptAsync(tenantId, slug, ct);
        if (!challenge.Succeeded) return challenge.Error!;
        var words = SearchText.Longest(SearchText.Telling(title), SimilarWords);
        if (words.Count == 0) return Outcome<IReadOnlyList<Idea>>.From([]);
        var key = new SimilarIdeasOf(tenantId, challenge.Value!.Id, language, string.Join(' ', words));
        var ids = await kept.GetAsync(key, c => search.SimilarAsync(tenantId, key.ChallengeId, words, SimilarCount, language, c), ct);
        // The ideas themselves are read afresh (five rows by key): the store checks each is still findable and shows it as it is now.
        var found = await ideas.FindManyAsync(tenantId, ids, ct);
        return Outcome<IReadOnlyList<Idea>>.From(found);
    }
}
