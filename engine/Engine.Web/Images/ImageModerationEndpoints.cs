using Engine.Core.Common;
using Engine.Core.Images;
using Engine.Web.Accounts;
using Engine.Web.Api;
using Engine.Web.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Engine.Web.Images;

/// <summary>
/// What moderators do with an idea's images, whatever the idea's state: see them (a held idea's images are served to
/// nobody else), and take one off (<see cref="ModerateImages"/>). The moderation page uses both.
/// </summary>
public static class ImageModerationEndpoints
{
    public static string Url(string basePath, long ideaId, long imageId, ImageSize size) =>
        $"{basePath}/api/v1/admin/moderation/ideas/{ideaId}/images/{imageId}/{(size == ImageSize.Thumbnail ? "thumbnail" : "display")}";

    /// <param name="AltText">Masked as the moderation queue masks text: the alt text may be what held the idea.</param>
    public sealed record ModeratedImageResponse(long Id, string AltText, int Width, int Height, string Url, string ThumbnailUrl, string RemoveUrl);

    public static void MapImageModerationApi(this RouteGroupBuilder api)
    {
        var moderators = api.MapGroup("/admin/moderation/ideas/{id:long}/images").RequireAuthorization(Policies.Moderator)
            .AddEndpointFilter<CookieAntiforgery>().WithTags("Admin");
        moderators.MapGet("/", async Task<Results<Ok<List<ModeratedImageResponse>>, Refusal>> (HttpContext context, long id, IIdeaImageStore store,
            Core.Ideas.IIdeaStore ideas) =>
        {
            // Another site's idea is not found here, as on every route, rather than answered with an empty list.
            if (await ideas.FindAsync(context.Tenant().Id, id, context.RequestAborted) is null) return ApiResults.Problem(Error.NotFound("Idea"));
            var basePath = context.Request.PathBase.Value ?? "";
            return TypedResults.Ok((await store.ListAsync(context.Tenant().Id, id, context.RequestAborted))
                .Select(i => new ModeratedImageResponse(i.Id, Pages.Admin.Redaction.Mask(i.AltText), i.Width, i.Height, Url(basePath, id, i.Id, ImageSize.Display),
                    Url(basePath, id, i.Id, ImageSize.Thumbnail), $"{basePath}/api/v1/admin/moderation/ideas/{id}/images/{i.Id}/remove"))
                .ToList());
        }).Refuses(ErrorKind.NotFound).WithSummary("An idea's images whatever its state (held ones included), with their alt text masked like the queue's text and the addresses moderators see and remove them at.");
        moderators.MapGet("/{imageId:long}/{size}", async Task<Results<FileContentHttpResult, Refusal>> (HttpContext context, long id, long imageId, string size,
            IIdeaImageStore store) =>
        {
            var bytes = size is "display" or "thumbnail"
                ? await store.ReadAsync(context.Tenant().Id, id, imageId, size == "thumbnail" ? ImageSize.Thumbnail : ImageSize.Display, context.RequestAborted)
                : null;
            if (bytes is null) return ApiResults.Problem(Error.NotFound("Image"));
            context.Response.Headers.XContentTypeOptions = "nosniff";
            // A held idea's image is for the moderator who looks at it now: no cache keeps it.
            context.Response.Headers.CacheControl = "private, no-store";
            return TypedResults.File(bytes, ImageRules.ContentType);
        }).Produces<Stream>(StatusCodes.Status200OK, ImageRules.ContentType).Refuses(ErrorKind.NotFound)
            .WithSummary("An image on an idea in any state (held ones included), for moderators: size is display or thumbnail.");
        moderators.MapPost("/{imageId:long}/remove", async Task<Results<NoContent, Refusal>> (HttpContext context, long id, long imageId, AdminApi.ReasonRequest request,
            ModerateImages moderate) =>
            ApiResults.From(await moderate.RemoveAsync(context.Tenant(), context.User.MemberId()!.Value, id, imageId, request.Reason, context.RequestAborted),
                _ => TypedResults.NoContent()))
            .Refuses(ErrorKind.Validation, ErrorKind.NotFound)
            .WithSummary("Take one image off an idea, with a reason: the image and every copy of it are deleted, the rest of the idea stays. Audited.");
    }
}
