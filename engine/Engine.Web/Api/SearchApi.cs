using Engine.Core.Common;
using Engine.Core.Ideas;
using Engine.Core.Search;
using Engine.Web.Languages;
using Engine.Web.Tenancy;

namespace Engine.Web.Api;

public static class SearchApi
{
    public sealed record SearchResponse(string Query, IReadOnlyList<IdeaSummary> Items, int Total, int Page, int PageSize);
    public sealed record SimilarIdea(long Id, string Title, string Url);

    public static void MapSearchApi(this RouteGroupBuilder api)
    {
        api.MapGet("/search", async (HttpContext context, string? q, string? challenge, int? page, FindIdeas find, IdeaLabels labels) =>
            ApiResults.From(await find.SearchAsync(context.Tenant().Id, q, challenge, page ?? 1, LanguageChoice.Of(context).Name, context.RequestAborted), found =>
                TypedResults.Ok(new SearchResponse(found.Query, found.Items.Select(i => IdeaSummary.Of(i, labels.For(context.Tenant(), i, Languages.LanguageChoice.Of(context)))).ToList(), found.Total, found.Page, found.PageSize))))
            .Refuses(ErrorKind.Validation).WithTags("Search")
            .WithSummary("Published ideas containing every word of q (punctuation and search operators are ignored), best match first; optionally in one challenge.");

        api.MapGet("/challenges/{slug}/similar-ideas", async (HttpContext context, string slug, string? title, FindIdeas find) =>
            ApiResults.From(await find.SimilarAsync(context.Tenant().Id, slug, title, LanguageChoice.Of(context).Name, context.RequestAborted), ideas =>
                TypedResults.Ok(ideas.Select(i => new SimilarIdea(i.Id, i.Title, $"{context.Request.PathBase}/ideas/{i.Id}")).ToList())))
            .Refuses(ErrorKind.Validation, ErrorKind.NotFound).WithTags("Search")
            .WithSummary("A few published ideas in the challenge like the title being typed, for someone about to post a new idea.");
    }
}
