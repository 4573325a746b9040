using Engine.Core.BigIdeas;
using Engine.Core.Common;
using Engine.Core.Ideas;
using Engine.Web.Accounts;
using Engine.Web.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Engine.Web.Api;

/// <summary>
/// Theming after a challenge: merging duplicate ideas (and undoing it), grouping ideas into themes and themes into
/// big ideas. For community managers, moderators and admins of the tenant; every change is audited.
/// </summary>
public static class ThemingApi
{
    public sealed record MergeRequest(long? Into);
    public sealed record IdeaCounts(long Id, string Title, int Up, int Down, int CommentCount, string Status, long? MergedInto);
    public sealed record MergeResponse(IdeaCounts Kept, IdeaCounts Merged);
    public sealed record MergedResponse(long Id, string Title, long IntoId, string IntoTitle, int CommentCount, DateTimeOffset MergedAt);
    public sealed record GroupRequest(string? Title, string? Summary, string? Description);
    public sealed record IdeaRequest(long? IdeaId);
    public sealed record BigIdeaRequest(long? BigIdeaId);
    public sealed record ThemeResponse(long Id, string Title, string Summary, long? BigIdeaId, IReadOnlyList<long> IdeaIds);
    public sealed record BigIdeaResponse(long Id, string Title, string Summary, string Description, IReadOnlyList<long> ThemeIds, string Url);
    public sealed record ThemingResponse(string Challenge, IReadOnlyList<ThemeResponse> Themes, IReadOnlyList<BigIdeaResponse> BigIdeas, IReadOnlyList<MergedResponse> Merged);

    public static void MapThemingApi(this RouteGroupBuilder api)
    {
        var managers = api.MapGroup("/admin").RequireAuthorization(Policies.Manager).AddEndpointFilter<CookieAntiforgery>().WithTags("Theming");

        managers.MapPost("/ideas/{id:long}/merge", async Task<Results<Ok<MergeResponse>, Refusal>> (HttpContext context, long id, MergeRequest request, MergeIdeas merge) =>
            request.Into is not { } into
                ? ApiResults.Problem(Core.Common.Error.Invalid("into", "Give the id of the idea to keep (into).").Keyed("error.theming-into"))
                : ApiResults.From(await merge.MergeAsync(context.Tenant(), context.User.MemberId()!.Value, into, id, context.RequestAborted), Response))
            .Refuses(ErrorKind.Validation, ErrorKind.NotFound, ErrorKind.Conflict)
            .WithSummary("Merge this duplicate idea into another of the same challenge: each member's vote counts once there; nothing is deleted.");
        managers.MapPost("/ideas/{id:long}/unmerge", async (HttpContext context, long id, MergeIdeas merge) =>
            ApiResults.From(await merge.UndoAsync(context.Tenant(), context.User.MemberId()!.Value, id, context.RequestAborted), Response))
            .Refuses(ErrorKind.NotFound, ErrorKind.Conflict)
            .WithSummary("Undo a merge: both ideas are back as they were before it.");

        managers.MapGet("/challenges/{slug}/theming", async Task<Results<Ok<ThemingResponse>, Refusal>> (HttpContext context, string slug, Core.Challenges.IChallengeStore challenges,
            IThemingStore store, IMergeStore merges) =>
        {
            var tenant = context.Tenant();
            var challenge = await challenges.FindBySlugAsync(tenant.Id, slug, context.RequestAborted);
            if (challenge is null) return ApiResults.Problem(Core.Common.Error.NotFound("Challenge"));
            var themes = await store.ThemesAsync(tenant.Id, challenge.Id, context.RequestAborted);
            var bigIdeas = await store.BigIdeasAsync(tenant.Id, challenge.Id, context.RequestAborted);
            var merged = await merges.MergedAsync(tenant.Id, challenge.Id, null, context.RequestAborted);
            return TypedResults.Ok(new ThemingResponse(challenge.Slug, themes.Select(Response).ToList(), bigIdeas.Select(b => Response(context, b)).ToList(),
                merged.Select(m => new MergedResponse(m.Id, m.Title, m.IntoId, m.IntoTitle, m.CommentCount, m.MergedAt)).ToList()));
        }).Refuses(ErrorKind.NotFound).WithSummary("A challenge's themes, big ideas and merged duplicates.");

        managers.MapPost("/challenges/{slug}/themes", async (HttpContext context, string slug, GroupRequest request, ThemeIdeas theming) =>
            ApiResults.From(await theming.CreateThemeAsync(context.Tenant(), context.User.MemberId()!.Value, slug, Text(request), context.RequestAborted),
                t => TypedResults.Created($"{context.Request.PathBase}/api/v1/admin/challenges/{slug}/theming", Response(t))))
            .Refuses(ErrorKind.Validation, ErrorKind.NotFound).WithSummary("Create a theme in a challenge that has closed.");
        managers.MapPut("/themes/{id:long}", async (HttpContext context, long id, GroupRequest request, ThemeIdeas theming) =>
            ApiResults.From(await theming.EditThemeAsync(context.Tenant(), context.User.MemberId()!.Value, id, Text(request), context.RequestAborted), t => TypedResults.Ok(Response(t))))
            .Refuses(ErrorKind.Validation, ErrorKind.NotFound).WithSummary("Rename a theme or change its description.");
        managers.MapDelete("/themes/{id:long}", async (HttpContext context, long id, ThemeIdeas theming) =>
            ApiResults.From(await theming.DeleteThemeAsync(context.Tenant(), context.User.MemberId()!.Value, id, context.RequestAborted), _ => TypedResults.NoContent()))
            .Refuses(ErrorKind.NotFound).WithSummary("Delete a theme; its ideas stay, with their statuses.");
        managers.MapPost("/themes/{id:long}/ideas", async Task<Results<Ok<ThemeResponse>, Refusal>> (HttpContext context, long id, IdeaRequest request, ThemeIdeas theming) =>
            request.IdeaId is not { } ideaId
                ? ApiResults.Problem(Core.Common.Error.Invalid("ideaId", "Give the id of the idea to add.").Keyed("error.theming-idea"))
                : ApiResults.From(await theming.AddIdeaAsync(context.Tenant(), context.User.MemberId()!.Value, id, ideaId, context.RequestAborted), t => TypedResults.Ok(Response(t))))
            .Refuses(ErrorKind.Validation, ErrorKind.NotFound).WithSummary("Add an idea of the theme's challenge; an idea only submitted or under review becomes themed.");
        managers.MapDelete("/themes/{id:long}/ideas/{ideaId:long}", async (HttpContext context, long id, long ideaId, ThemeIdeas theming) =>
            ApiResults.From(await theming.RemoveIdeaAsync(context.Tenant(), context.User.MemberId()!.Value, id, ideaId, context.RequestAborted), t => TypedResults.Ok(Response(t))))
            .Refuses(ErrorKind.NotFound).WithSummary("Take an idea out of a theme.");
        managers.MapPut("/themes/{id:long}/big-idea", async (HttpContext context, long id, BigIdeaRequest request, ThemeIdeas theming) =>
            ApiResults.From(await theming.SetBigIdeaAsync(context.Tenant(), context.User.MemberId()!.Value, id, request.BigIdeaId, context.RequestAborted), t => TypedResults.Ok(Response(t))))
            .Refuses(ErrorKind.Validation, ErrorKind.NotFound).WithSummary("Put the theme into a big idea (its ideas become shortlisted), or take it out with bigIdeaId null.");

        managers.MapPost("/challenges/{slug}/big-ideas", async (HttpContext context, string slug, GroupRequest request, ThemeIdeas theming) =>
            ApiResults.From(await theming.CreateBigIdeaAsync(context.Tenant(), context.User.MemberId()!.Value, slug, Text(request), context.RequestAborted),
                b => TypedResults.Created(BigIdeaUrl(context, b.Id), Response(context, b))))
            .Refuses(ErrorKind.Validation, ErrorKind.NotFound).WithSummary("Create a big idea in a challenge that has closed; the description is Markdown.");
        managers.MapPut("/big-ideas/{id:long}", async (HttpContext context, long id, GroupRequest request, ThemeIdeas theming) =>
            ApiResults.From(await theming.EditBigIdeaAsync(context.Tenant(), context.User.MemberId()!.Value, id, Text(request), context.RequestAborted), b => TypedResults.Ok(Response(context, b))))
            .Refuses(ErrorKind.Validation, ErrorKind.NotFound).WithSummary("Rename a big idea or change its description (Markdown).");
        managers.MapDelete("/big-ideas/{id:long}", async (HttpContext context, long id, ThemeIdeas theming) =>
            ApiResults.From(await theming.DeleteBigIdeaAsync(context.Tenant(), context.User.MemberId()!.Value, id, context.RequestAborted), _ => TypedResults.NoContent()))
            .Refuses(ErrorKind.NotFound).WithSummary("Delete a big idea; its themes stay, in no big idea.");
        managers.MapPut("/big-ideas/{id:long}/stage", async (HttpContext context, long id, StageRequest request, ThemeIdeas theming) =>
            ApiResults.From(await theming.MoveBigIdeaAsync(context.Tenant(), context.User.MemberId()!.Value, id, request.Stage, context.RequestAborted),
                b => TypedResults.Ok(new StageResponse(b.Id, b.Stage.Key(), BigIdeaUrl(context, b.Id)))))
            .Refuses(ErrorKind.Validation, ErrorKind.NotFound).WithSummary("Move a big idea along the roadmap (shortlisted, prototyping, testing, scale-and-spread, not-taken-forward); its source ideas that are earlier move with it.");
    }

    public sealed record StageRequest(string? Stage);
    public sealed record StageResponse(long Id, string Stage, string Url);

    public static string BigIdeaUrl(HttpContext context, long id) => $"{context.Request.PathBase}/big-ideas/{id}";

    private static GroupText Text(GroupRequest r) => new(r.Title, r.Summary, r.Description);

    private static Ok<MergeResponse> Response(MergeResult r) => TypedResults.Ok(new MergeResponse(Counts(r.Kept), Counts(r.Merged)));

    private static IdeaCounts Counts(Idea i) => new(i.Id, i.Title, i.Up, i.Down, i.CommentCount, i.Status.Key(), i.MergedInto);

    private static ThemeResponse Response(IdeaTheme t) => new(t.Id, t.Title, t.Summary, t.BigIdeaId, t.IdeaIds);

    private static BigIdeaResponse Response(HttpContext context, BigIdea b) => new(b.Id, b.Title, b.Summary, b.Description, b.ThemeIds, BigIdeaUrl(context, b.Id));
}
