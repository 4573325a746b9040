using Engine.Core.Challenges;
using Engine.Core.Common;
using Engine.Core.Ideas;
using Engine.Core.Moderation;
using Engine.Web.Accounts;
using Engine.Web.Site;
using Engine.Web.Languages;
using Engine.Web.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Engine.Web.Api;

public static class ChallengesApi
{
    public sealed record ChallengeResponse(string Slug, string Title, string State, DateTimeOffset? OpensAt, DateTimeOffset? ClosesAt, int IdeaCount);
    /// <param name="Withheld">The filter asked for answers fewer than 5 people gave: no idea is listed, so none of them can be singled out.</param>
    public sealed record IdeaListResponse(IReadOnlyList<IdeaSummary> Items, int Total, bool Withheld = false);
    /// <param name="Language">The language it is written in, one of the site's ("cy" or "cy-GB"); the request's page language when left out.</param>
    /// <param name="Category">One of the challenge's categories, if it has any.</param>
    /// <param name="Fields">Answers to the challenge's extra fields, by field key ({"role": "carer"}).</param>
    /// <param name="Images">Up to 3 images posted with the idea: a bad one refuses the whole request, and no idea is stored.</param>
    public sealed record NewIdeaRequest(string? Title, string? Body, bool Anonymous, string? Language = null, string? Category = null,
        IReadOnlyDictionary<string, string?>? Fields = null, IReadOnlyList<NewIdeaImageRequest>? Images = null);
    /// <summary>
    /// An image in the JSON of a new idea: base64 in JSON rather than a multipart form, so the idea is one typed body that
    /// OpenAPI clients (Kiota's among them) generate as a plain byte array.
    /// </summary>
    /// <param name="Data">The file's bytes, base64-encoded: JPEG, PNG or WebP (judged by the bytes), at most 10 MB.</param>
    /// <param name="AltText">What the image shows, for people who cannot see it (required, at most 300 characters).</param>
    /// <param name="FileName">The file's name, if it has one: named in refusals, and a name claiming another format is refused.</param>
    public sealed record NewIdeaImageRequest(byte[]? Data, string? AltText, string? FileName = null);

    public static void MapChallengesApi(this RouteGroupBuilder api)
    {
        var challenges = api.MapGroup("/challenges").WithTags("Challenges");

        challenges.MapGet("/", async (HttpContext context, OpenChallenge open, TimeProvider clock) =>
        {
            var now = clock.GetUtcNow();
            return (await open.ListKeptAsync(context.Tenant().Id, context.RequestAborted))
                .Select(c => new ChallengeResponse(c.Slug, c.Title, c.StateAt(now).Name(), c.OpensAt, c.ClosesAt, c.IdeaCount)).ToList();
        }).WithSummary("The site's open and closed challenges.");

        challenges.MapGet("/{slug}/ideas", async Task<Results<Ok<IdeaListResponse>, Refusal>> (HttpContext context, string slug, string? sort, int? page, int? pageSize,
            OpenChallenge open, ListIdeas ideas, IdeaLabels labels) =>
        {
            var parsed = IdeaSorts.Parse(sort);
            if (!parsed.Succeeded) return ApiResults.Problem(parsed.Error!);
            var (p, size) = (page ?? 1, pageSize ?? IdeaSorts.DefaultPageSize);
            if (IdeaSorts.CheckPaging(p, size) is { } pagingError) return ApiResults.Problem(pagingError);
            var challenge = await open.FindAsync(context.Tenant().Id, slug, context.RequestAborted);
            if (!challenge.Succeeded) return ApiResults.Problem(challenge.Error!);
            var filter = Core.IdeaForms.IdeaFilter.Parse(Core.IdeaForms.IdeaForm.For(context.Tenant(), challenge.Value!.Slug),
                context.Request.Query.Select(q => KeyValuePair.Create(q.Key, (string?)q.Value.ToString())));
            if (!filter.Succeeded) return ApiResults.Problem(filter.Error!);
            var list = await ideas.PageAsync(context.Tenant(), challenge.Value!, parsed.Value, p, size, context.RequestAborted, filter.Value);
            return TypedResults.Ok(new IdeaListResponse(list.Items.Select(i => IdeaSummary.Of(i, labels.For(context.Tenant(), i, Languages.LanguageChoice.Of(context)))).ToList(), list.Total, list.Withheld));
        }).Refuses(ErrorKind.Validation, ErrorKind.NotFound).Offers("sort", Enum.GetValues<IdeaSort>().Select(s => s.Name()))
            .WithSummary("A page of a challenge's ideas, sorted top, new, trending or discussed; filtered by status, category, fields.<key> (an answer) and responded (true or false).");

        challenges.MapPost("/{slug}/ideas", async Task<Results<Created<IdeaSummary>, Accepted<HeldResponse>, Refusal>> (HttpContext context, string slug, NewIdeaRequest request, PostIdea post, IIdeaStore ideas,
            IdeaLabels labels) =>
        {
            // Every image is read (decoded and copied) before anything is stored: a bad one means no idea.
            var images = Images.ImageForm.Read(request.Images);
            if (!images.Succeeded) return ApiResults.Problem(images.Error!);
            var outcome = await post.HandleAsync(context.Tenant(), slug, context.User.MemberId()!.Value,
                request.Title, request.Body, request.Anonymous, context.RequestAborted, request.Language ?? LanguageChoice.Of(context).Name,
                request.Category, request.Fields, images.Value);
            if (!outcome.Succeeded) return ApiResults.Problem(outcome.Error!);
            var posted = outcome.Value!;
            if (posted.State == ModerationState.Held) return TypedResults.Accepted((string?)null, HeldResponse.For(posted.Id));
            var idea = await ideas.FindAsync(context.Tenant().Id, posted.Id, context.RequestAborted);
            return TypedResults.Created($"{context.Request.PathBase}/api/v1/ideas/{posted.Id}", IdeaSummary.Of(idea!, labels.For(context.Tenant(), idea!, Languages.LanguageChoice.Of(context))));
        }).Refuses(ErrorKind.Validation, ErrorKind.NotFound, ErrorKind.Forbidden).RequireAuthorization().AddEndpointFilter<CookieAntiforgery>().RequireRateLimiting(Hosting.RateLimits.Writes)
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(Images.ImageForm.JsonRequestLimit))
            .WithSummary("Post an idea, under your name or anonymously where the site allows it, with up to 3 images (base64 in images[].data, each with its altText).");
    }
}
