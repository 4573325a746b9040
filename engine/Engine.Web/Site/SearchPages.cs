using System.Globalization;
using Engine.Core.Challenges;
using Engine.Core.Search;
using Engine.Web.Tenancy;

namespace Engine.Web.Site;

/// <summary>
/// Search by words: a plain GET form, so it works without JavaScript and a search can be bookmarked or shared.
/// A query with no words in it (only punctuation) finds nothing and says so.
/// </summary>
public static class SearchPages
{
    public static void MapSearchPages(this IEndpointRouteBuilder app) => app.MapGet("/search", Search);

    private static async Task<IResult> Search(HttpContext context, string? q, string? challenge, int? page,
        FindIdeas find, IChallengeStore challenges, TimeProvider clock)
    {
        var tenant = context.Tenant();
        var now = clock.GetUtcNow();
        var culture = CultureInfo.GetCultureInfo(tenant.Locale);
        var basePath = context.Request.PathBase.Value ?? "";
        var visible = (await challenges.ListAsync(tenant.Id, context.RequestAborted)).Where(c => c.IsVisibleAt(now)).ToList();
        var asked = !string.IsNullOrWhiteSpace(q);
        var outcome = asked ? await find.SearchAsync(tenant.Id, q, challenge, page ?? 1, context.RequestAborted) : default;

        var model = PageModel.For(context, asked ? $"Search: {q!.Trim()}" : "Search ideas");
        model["query"] = (q ?? "").Trim();
        model["searched"] = asked;
        model["challenges"] = visible.Select(c => new { slug = c.Slug, title = c.Title, selected = c.Slug == challenge }).ToList();
        if (asked && !outcome.Succeeded)
        {
            model["error"] = new { field = outcome.Error!.Field, message = outcome.Error.Message };
            model["errors"] = ChallengePages.FieldErrors(outcome.Error);
            return new ThemedPage("search", model, StatusCodes.Status400BadRequest);
        }
        if (asked)
        {
            var found = outcome.Value!;
            var titles = visible.ToDictionary(c => c.Id, c => c.Title);
            model["results"] = found.Items.Select(i => new
            {
                idea = Views.Idea(i, basePath, now, culture, 0),
                challengeTitle = titles.GetValueOrDefault(i.ChallengeId),
            }).ToList();
            model["totalLabel"] = found.Words.Count == 0 ? "Type a word to search for."
                : Views.Quantity(found.Total, "idea found", "ideas found");
            string Url(int p) => $"{basePath}/search?q={Uri.EscapeDataString(found.Query)}" +
                (found.Challenge is { } c ? $"&challenge={Uri.EscapeDataString(c.Slug)}" : "") + $"&page={p}";
            model["pagination"] = found.PageCount > 1 ? new
            {
                page = found.Page,
                pageCount = found.PageCount,
                previousUrl = found.Page > 1 ? Url(found.Page - 1) : null,
                nextUrl = found.Page < found.PageCount ? Url(found.Page + 1) : null,
            } : null;
        }
        return new ThemedPage("search", model);
    }
}
