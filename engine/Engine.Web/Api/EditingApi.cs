using Engine.Core.Common;
using Engine.Core.Editing;
using Engine.Core.Moderation;
using Engine.Sdk;
using Engine.Web.Accounts;
using Engine.Web.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Engine.Web.Api;

/// <summary>
/// Members edit their own ideas and comments and withdraw their own ideas; moderators read every version, and edit personal
/// data out of held content before publishing it.
/// </summary>
public static class EditingApi
{
    public sealed record EditIdeaRequest(string? Title, string? Body);
    /// <param name="Images">Up to 3 images to add with the new text (base64, as on a new idea), within the idea's limit of 3: a bad one
    /// refuses the whole edit, and the text stays as it was.</param>
    public sealed record EditOwnIdeaRequest(string? Title, string? Body, IReadOnlyList<ChallengesApi.NewIdeaImageRequest>? Images = null);
    public sealed record EditCommentRequest(string? Body);
    /// <param name="Moderation">"published", or "held": the moderation rules held the new text, and it is off the site until a moderator approves it.</param>
    public sealed record EditResponse(long Id, string Moderation, string? Message);
    public sealed record WithdrawResponse(long Id, string Moderation);
    /// <param name="Number">1 is the text as posted; the highest is the text it has now.</param>
    public sealed record VersionResponse(int Number, string? Title, string Body, DateTimeOffset At);

    /// <param name="Window">untilFirstReaction, minutes or off.</param>
    /// <param name="Minutes">For "minutes": how many, 1 to 10080.</param>
    public sealed record EditWindowRequest(string? Window, int? Minutes);
    public sealed record EditWindowResponse(string Window, int Minutes);

    public static void MapEditingApi(this RouteGroupBuilder api)
    {
        var admins = api.MapGroup("/admin/settings").RequireAuthorization(Policies.Admin).AddEndpointFilter<CookieAntiforgery>().WithTags("Admin");
        admins.MapPut("/editing", async (HttpContext context, EditWindowRequest request, ChangeEditWindow change, Tenancy.SiteSettingsLayer layer) =>
        {
            if (ParseWindow(request.Window) is not { } window)
                return (Results<Ok<EditWindowResponse>, Refusal>)ApiResults.Problem(Error.Invalid("window", "Window must be untilFirstReaction, minutes or off.").Keyed("error.edit-window"));
            var outcome = await change.HandleAsync(context.Tenant(), context.User.MemberId()!.Value, window, request.Minutes, context.RequestAborted);
            if (!outcome.Succeeded) return ApiResults.Problem(outcome.Error!);
            await layer.ReloadAsync(context.RequestAborted);
            return TypedResults.Ok(new EditWindowResponse(WindowName(outcome.Value!.Window), outcome.Value.Minutes));
        }).Refuses(ErrorKind.Validation).WithSummary("How long members may edit their own posts (over tenant.json's \"editing\"); takes effect at once and is audited.");

        var authors = api.MapGroup("/").RequireAuthorization().AddEndpointFilter<CookieAntiforgery>().RequireRateLimiting(Hosting.RateLimits.Writes).WithTags("Editing");
        authors.MapPut("/ideas/{id:long}", async Task<Results<Ok<EditResponse>, Accepted<EditResponse>, Refusal>> (HttpContext context, long id, EditOwnIdeaRequest request, EditContribution edit) =>
        {
            // Every image is read (decoded and copied) before anything is stored; text and images are then one write.
            var images = Images.ImageForm.Read(request.Images);
            if (!images.Succeeded) return ApiResults.Problem(images.Error!);
            return Answer(await edit.EditIdeaAsync(context.Tenant(), id, context.User.MemberId()!.Value, request.Title, request.Body, context.RequestAborted,
                images.Value));
        }).Refuses(ErrorKind.Validation, ErrorKind.NotFound, ErrorKind.Forbidden, ErrorKind.Conflict)
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(Images.ImageForm.JsonRequestLimit))
            .WithSummary("Edit your own idea while the site's edit window is open, adding up to 3 images with it (base64 in images[].data, each with its altText): the new text and alt texts are moderated again, and a refused image leaves the text as it was.");
        authors.MapPut("/comments/{id:long}", async (HttpContext context, long id, EditCommentRequest request, EditContribution edit) =>
            Answer(await edit.EditCommentAsync(context.Tenant(), id, context.User.MemberId()!.Value, request.Body, context.RequestAborted)))
            .Refuses(ErrorKind.Validation, ErrorKind.NotFound, ErrorKind.Forbidden, ErrorKind.Conflict)
            .WithSummary("Edit your own comment while the site's edit window is open; the new text is moderated again.");
        authors.MapPost("/ideas/{id:long}/withdraw", async (HttpContext context, long id, WithdrawIdea withdraw) =>
            ApiResults.From(await withdraw.HandleAsync(context.Tenant(), id, context.User.MemberId()!.Value, context.RequestAborted),
                _ => TypedResults.Ok(new WithdrawResponse(id, "withdrawn"))))
            .Refuses(ErrorKind.NotFound, ErrorKind.Forbidden, ErrorKind.Conflict)
            .WithSummary("Withdraw your own idea: it leaves the site, takes no more votes, and its page says it was withdrawn by its author.");

        var moderators = api.MapGroup("/admin/moderation").RequireAuthorization(Policies.Moderator).AddEndpointFilter<CookieAntiforgery>().WithTags("Admin");
        moderators.MapGet("/ideas/{id:long}/versions", (HttpContext context, long id, IEditStore store, IModerationStore moderation) =>
                Versions(context, ContributionKind.Idea, id, store, moderation))
            .Refuses(ErrorKind.NotFound).WithSummary("Every text an idea has had, oldest first (empty if it was never edited). Never who wrote it.");
        moderators.MapGet("/comments/{id:long}/versions", (HttpContext context, long id, IEditStore store, IModerationStore moderation) =>
                Versions(context, ContributionKind.Comment, id, store, moderation))
            .Refuses(ErrorKind.NotFound).WithSummary("Every text a comment has had, oldest first (empty if it was never edited). Never who wrote it.");
        MapEditAndPublish(moderators, "ideas", ContributionKind.Idea);
        MapEditAndPublish(moderators, "comments", ContributionKind.Comment);
    }

    /// <summary>The API's edit-and-publish for each kind: the moderator's text replaces the held text, then it is approved.</summary>
    private static void MapEditAndPublish(RouteGroupBuilder moderators, string segment, ContributionKind kind) =>
        moderators.MapPost($"/{segment}/{{id:long}}/edit-and-publish", async (HttpContext context, long id, EditIdeaRequest request, EditHeldContent edit) =>
                ApiResults.From(await edit.HandleAsync(context.Tenant(), context.User.MemberId()!.Value, kind, id, request.Title, request.Body, context.RequestAborted),
                    _ => TypedResults.NoContent()))
            .Refuses(ErrorKind.Validation, ErrorKind.NotFound, ErrorKind.Conflict)
            .WithSummary($"Edit personal data out of a held {EditWindows.Name(kind)} (title only for an idea), then publish it; audited with the text before and after.");

    /// <summary>The window as tenant.json names it.</summary>
    public static EditWindow? ParseWindow(string? name) => name switch
    {
        "untilFirstReaction" => EditWindow.UntilFirstReaction,
        "minutes" => EditWindow.Minutes,
        "off" => EditWindow.Off,
        _ => null,
    };

    public static string WindowName(EditWindow window) => window switch
    {
        EditWindow.Minutes => "minutes",
        EditWindow.Off => "off",
        _ => "untilFirstReaction",
    };

    private static Results<Ok<EditResponse>, Accepted<EditResponse>, Refusal> Answer(Outcome<Edited> outcome)
    {
        if (!outcome.Succeeded) return ApiResults.Problem(outcome.Error!);
        return outcome.Value!.State == ModerationState.Held
            ? TypedResults.Accepted((string?)null, new EditResponse(outcome.Value.Id, "held", HeldMessage.Edit))
            : TypedResults.Ok(new EditResponse(outcome.Value.Id, "published", null));
    }

    private static async Task<Results<Ok<IReadOnlyList<VersionResponse>>, Refusal>> Versions(HttpContext context, ContributionKind kind, long id,
        IEditStore store, IModerationStore moderation)
    {
        // In any state, but on this site only.
        if (await moderation.ItemAsync(context.Tenant().Id, kind, id, context.RequestAborted) is null)
            return ApiResults.Problem(Error.NotFound(kind == ContributionKind.Idea ? "Idea" : "Comment"));
        var versions = await store.VersionsAsync(context.Tenant().Id, kind, [id], context.RequestAborted);
        return TypedResults.Ok<IReadOnlyList<VersionResponse>>(versions.TryGetValue(id, out var list)
            ? list.Select(v => new VersionResponse(v.Number, v.Title, v.Body, v.At)).ToList() : []);
    }
}
