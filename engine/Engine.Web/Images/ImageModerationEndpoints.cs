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

    public static void MapImageModerationApi(this RouteGroupBuilder api)
    {
        var moderators = api.MapGroup("/admin/moderation/ideas/{id:long}/images").RequireAuthorization(Policies.Moderator)
            .AddEndpointFilter<CookieAntiforgery>().WithTags("Admin");
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
        }).Refuses(ErrorKind.NotFound)
            .WithSummary("An image on an idea in any state (held ones included), for moderators: size is display or thumbnail.");
        moderators.MapPost("/{imageId:long}/remove", async Task<Results<NoContent, Refusal>> (HttpContext context, long id, long imageId, AdminApi.ReasonRequest request,
            ModerateImages moderate) =>
            ApiResults.From(await moderate.RemoveAsync(context.Tenant(), context.User.MemberId()!.Value, id, imageId, request.Reason, context.RequestAborted),
                _ => TypedResults.NoContent()))
            .Refuses(ErrorKind.Validation, ErrorKind.NotFound)
            .WithSummary("Take one image off an idea, with a reason: the image and every copy of it are deleted, the rest of the idea stays. Audited.");
    }
}
