using Engine.Core.Common;
using Engine.Core.Ideas;
using Engine.Core.Images;
using Engine.Core.Moderation;
using Engine.Web.Accounts;
using Engine.Web.Api;
using Engine.Web.Site;
using Engine.Web.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Engine.Web.Images;

/// <summary>
/// Images on ideas: served to whoever may see the idea, added and taken off by its author (the edit page, the API).
/// The new-idea and edit forms take images with the text (ChallengePages, EditPages) through <see cref="ImageForm"/>.
/// </summary>
public static class IdeaImageEndpoints
{
    public sealed record ImageResponse(long Id, string AltText, int Width, int Height, string Url, string ThumbnailUrl);

    public static IServiceCollection AddIdeaImages(this IServiceCollection services) => services.AddSingleton<AttachImages>().AddSingleton<ModerateImages>();

    /// <summary>The site's routes: the image itself, and the edit page's Remove button.</summary>
    public static void MapIdeaImagePages(this IEndpointRouteBuilder site)
    {
        site.MapGet("/ideas/{id:long}/images/{imageId:long}/{size}", Serve);
        site.MapPost("/ideas/{id:long}/images/{imageId:long}/remove", async ([AsParameters] SitePage page, long id, long imageId, AttachImages attach) =>
        {
            if (page.Context.User.MemberId() is not { } memberId) return page.SignInFirst();
            var outcome = await attach.RemoveAsync(page.Tenant, id, imageId, memberId, page.Aborted);
            if (outcome.Succeeded) return Results.Redirect($"{page.BasePath}/ideas/{id}/edit");
            return outcome.Error!.Kind == ErrorKind.NotFound ? page.NotFound()
                : page.Message(StatusCodes.Status403Forbidden, page.Words("message.image-not-removed"), Languages.ErrorWords.Text(page.Culture, outcome.Error));
        }).RequireRateLimiting(Hosting.RateLimits.Writes);
    }

    public static void MapIdeaImagesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/ideas/{id:long}/images", async Task<Results<Ok<IReadOnlyList<ImageResponse>>, Refusal>> (HttpContext context, long id, OpenIdea open, IIdeaImageStore store) =>
        {
            var found = await open.FindAsync(context.Tenant().Id, id, context.RequestAborted);
            if (!found.Succeeded) return ApiResults.Problem(found.Error!);
            return TypedResults.Ok(Listed(context, await store.ListAsync(context.Tenant().Id, id, context.RequestAborted)));
        }).Refuses(ErrorKind.NotFound).WithTags("Ideas").WithSummary("The images on an idea, with their alt text and addresses.");

        var authors = api.MapGroup("/ideas/{id:long}/images").RequireAuthorization().AddEndpointFilter<CookieAntiforgery>()
            .RequireRateLimiting(Hosting.RateLimits.Writes).WithTags("Ideas");
        authors.MapPost("/", async Task<Results<Ok<IReadOnlyList<ImageResponse>>, Accepted<HeldResponse>, Refusal>> (HttpContext context, long id, AttachImages attach, IIdeaImageStore store) =>
        {
            if (!context.Request.HasFormContentType)
                return ApiResults.Problem(Error.Invalid("image", "Send the image as multipart/form-data in a field called 'image', with its alt text in 'alt'.").Keyed("error.image-multipart"));
            var read = await ImageForm.ReadAsync(context.Request, context.RequestAborted);
            if (!read.Succeeded) return ApiResults.Problem(read.Error!);
            if (read.Value!.Count == 0) return ApiResults.Problem(Error.Invalid("image", "Choose an image to upload (field 'image').").Keyed("error.required"));
            var added = await attach.AddAsync(context.Tenant(), id, context.User.MemberId()!.Value, read.Value, context.RequestAborted);
            if (!added.Succeeded) return ApiResults.Problem(added.Error!);
            // A held alt text took the idea off the site for a moderator, as a held edit does.
            if (added.Value!.State == ModerationState.Held) return TypedResults.Accepted((string?)null, HeldResponse.For(id));
            return TypedResults.Ok(Listed(context, await store.ListAsync(context.Tenant().Id, id, context.RequestAborted)));
        }).Refuses(ErrorKind.Validation, ErrorKind.Forbidden, ErrorKind.NotFound)
            .WithMetadata(new RequestSizeLimitAttribute(ImageForm.RequestLimit))
            .WithSummary($"Add images to your own idea while you may edit it: JPEG, PNG or WebP (checked by their bytes), at most {ImageRules.MaxBytes / 1024 / 1024} MB each and {ImageRules.MaxPerIdea} an idea, each with alt text. Answers the idea's images; 202 when a moderation rule held an alt text, which takes the idea off the site until a moderator approves it.");
        authors.MapDelete("/{imageId:long}", async Task<Results<NoContent, Refusal>> (HttpContext context, long id, long imageId, AttachImages attach) =>
            ApiResults.From(await attach.RemoveAsync(context.Tenant(), id, imageId, context.User.MemberId()!.Value, context.RequestAborted), _ => TypedResults.NoContent()))
            .Refuses(ErrorKind.NotFound, ErrorKind.Forbidden).WithSummary("Take an image off your own idea while you may edit it.");
    }

    private static IReadOnlyList<ImageResponse> Listed(HttpContext context, IReadOnlyList<IdeaImage> images) =>
        images.Select(i => new ImageResponse(i.Id, i.AltText, i.Width, i.Height, Url(context.Request.PathBase, i, ImageSize.Display),
            Url(context.Request.PathBase, i, ImageSize.Thumbnail))).ToList();

    /// <summary>The images as a theme shows them.</summary>
    public static IReadOnlyList<Themes.Pages.ImageView> Views(string basePath, IReadOnlyList<IdeaImage> images) =>
        images.Select(i => new Themes.Pages.ImageView(Url(basePath, i, ImageSize.Display), Url(basePath, i, ImageSize.Thumbnail), i.AltText, i.Width, i.Height)).ToList();

    /// <summary>The images as their author's edit page shows them, each with its Remove button.</summary>
    public static IReadOnlyList<Themes.Pages.RemovableImageView> Removable(string basePath, IReadOnlyList<IdeaImage> images) =>
        images.Zip(Views(basePath, images), (i, view) => new Themes.Pages.RemovableImageView(view, $"{basePath}/ideas/{i.IdeaId}/images/{i.Id}/remove")).ToList();

    public static string Url(string basePath, IdeaImage image, ImageSize size) =>
        $"{basePath}/ideas/{image.IdeaId}/images/{image.Id}/{(size == ImageSize.Thumbnail ? "thumbnail" : "display")}";

    /// <summary>
    /// Only to whoever may see the idea now (a hidden idea or a private challenge answers 404, as its page does), with a
    /// content type no browser sniffs around. An image never changes (a new one gets a new id), so it is kept an hour:
    /// by shared caches only when everyone may see its challenge, and an hour at most once its idea is taken off the site.
    /// </summary>
    private static async Task<IResult> Serve(HttpContext context, long id, long imageId, string size, OpenIdea open, IIdeaImageStore store)
    {
        if (size is not ("display" or "thumbnail")) return SitePage.Of(context).NotFound();
        var tenantId = context.Tenant().Id;
        var found = await open.FindAsync(tenantId, id, context.RequestAborted);
        if (!found.Succeeded) return SitePage.Of(context).NotFound();
        var bytes = await store.ReadAsync(tenantId, id, imageId, size == "thumbnail" ? ImageSize.Thumbnail : ImageSize.Display, context.RequestAborted);
        if (bytes is null) return SitePage.Of(context).NotFound();
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = found.Value.Challenge.Audience.IsEveryone ? "public, max-age=3600" : "private, max-age=3600";
        var tag = new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{tenantId}-{imageId}-{size}\"");
        return TypedResults.File(bytes, ImageRules.ContentType, entityTag: tag);
    }
}
