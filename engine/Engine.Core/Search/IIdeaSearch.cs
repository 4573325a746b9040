namespace Engine.Core.Search;

/// <summary>A page of search hits: idea ids, best match first, and how many there are in all.</summary>
public sealed record SearchHits(IReadOnlyList<long> IdeaIds, int Total);

/// <summary>
/// Finds ideas by the words in them. Only findable ideas are ever returned: published (not held, rejected or
/// hidden), not merged into another, on this tenant, in one of the challenges the caller says the public can see.
/// </summary>
public interface IIdeaSearch
{
    /// <summary>
    /// Ideas containing every word, best match first (a title match counts for more than a body match). The words are
    /// read by <paramref name="language"/>'s rules (<see cref="SearchLanguage"/>), the page's: English's when null.
    /// </summary>
    Task<SearchHits> SearchAsync(string tenantId, IReadOnlyList<string> words, IReadOnlyCollection<long> challengeIds, int skip, int take,
        string? language = null, CancellationToken ct = default);
    /// <summary>The ideas in a challenge sharing the most telling words with a title someone is typing, best first; words read as in <see cref="SearchAsync"/>.</summary>
    Task<IReadOnlyList<long>> SimilarAsync(string tenantId, long challengeId, IReadOnlyList<string> words, int take, string? language = null, CancellationToken ct = default);
}
