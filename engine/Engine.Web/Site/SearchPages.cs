using Engine.Core.Challenges;
using Engine.Core.Ideas;
using Engine.Core.Search;
using Engine.Themes.Pages;
using Microsoft.AspNetCore.Mvc;

namespace Engine.Web.Site;

/// <summary>
/// Search by words: a plain GET form, so it works without JavaScript and a search can be bookmarked or shared.
/// A query with no words in it (only punctuation) finds nothing and says so.
/// </summary>
public static class SearchPages
{
    // A List, not an empty array: Scriban reads no .size of an array.
    private static readonly IReadOnlyList<SearchResult> NoResults = new List<SearchResult>();

    public static void MapSearchPages(this IEndpointRouteBuilder app) => app.MapGet("/search", Search);

    private static async Task<IResult> Search([AsParameters] SitePage page, string? q, string? challenge, [FromQuery(Name = "page")] int? pageNumber,
        FindIdeas find, OpenChallenge open, TimeProvider clock, IdeaLabels labels)
    {
        var tenant = page.Tenant;
        var now = clock.GetUtcNow();
        var culture = page.Culture;
        var basePath = page.BasePath;
        var visible = await open.ListKeptAsync(tenant.Id, page.Aborted);
        var asked = !string.IsNullOrWhiteSpace(q);
        var outcome = asked ? await find.SearchAsync(tenant.Id, q, challenge, pageNumber ?? 1, culture.Name, page.Aborted) : default;

        var title = asked ? page.Words("title.search-for", q!.Trim()) : page.Words("title.search");
        var query = Views.Text(q?.Trim());
        var options = visible.Select(c => new ChallengeOption(c.Slug, c.Title, c.Slug == challenge)).ToList();
        if (asked && !outcome.Succeeded)
        {
            var shown = Views.Error(outcome.Error, culture);
            return new ThemedPage("search", new SearchPage(page.Frame(title, error: shown), query, asked, options, FieldErrors.Of(shown), NoResults, null, null),
                StatusCodes.Status400BadRequest);
        }
        if (!asked) return new ThemedPage("search", new SearchPage(page.Frame(title), query, asked, options, FieldErrors.None, NoResults, null, null));

        var found = outcome.Value!;
        var titles = visible.ToDictionary(c => c.Id, c => c.Title);
        string Url(int p) => $"{basePath}/search?q={Uri.EscapeDataString(found.Query)}" +
            (found.Challenge is { } c ? $"&challenge={Uri.EscapeDataString(c.Slug)}" : "") + $"&page={p}";
        var model = new SearchPage(
            Frame: page.Frame(title),
            Query: query,
            Searched: asked,
            Challenges: options,
            Errors: FieldErrors.None,
            Results: found.Items.Select(i => new SearchResult(Views.Idea(i, basePath, now, culture, 0, labels.For(tenant, i, culture)), titles.GetValueOrDefault(i.ChallengeId))).ToList(),
            TotalLabel: found.Words.Count == 0 ? page.Words("search.type-a-word") : page.Words("count.ideas-found", found.Total),
            Pagination: found.PageCount > 1 ? new PaginationView(
                Page: found.Page,
                PageCount: found.PageCount,
                PreviousUrl: found.Page > 1 ? Url(found.Page - 1) : null,
                NextUrl: found.Page < found.PageCount ? Url(found.Page + 1) : null) : null);
        return new ThemedPage("search", model);
    }
}
