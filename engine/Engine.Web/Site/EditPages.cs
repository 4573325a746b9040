using Engine.Core.Comments;
using Engine.Core.Common;
using Engine.Core.Editing;
using Engine.Core.Ideas;
using Engine.Core.Images;
using Engine.Core.Moderation;
using Engine.Sdk;
using Engine.Themes.Pages;
using Engine.Web.Accounts;
using Engine.Web.Languages;
using Microsoft.AspNetCore.Mvc;

namespace Engine.Web.Site;

/// <summary>
/// Members edit their own ideas and comments, and withdraw their own ideas, with plain forms that work without script.
/// A refused edit shows the form again with what was typed and the error beside its field.
/// </summary>
public static class EditPages
{
    public static void MapEditPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/ideas/{id:long}/edit", ShowIdea);
        app.MapPost("/ideas/{id:long}/edit", SaveIdea).RequireRateLimiting(Hosting.RateLimits.Writes)
            .WithMetadata(new RequestSizeLimitAttribute(Images.ImageForm.RequestLimit));
        app.MapGet("/comments/{id:long}/edit", ShowComment);
        app.MapPost("/comments/{id:long}/edit", SaveComment).RequireRateLimiting(Hosting.RateLimits.Writes);
        app.MapPost("/ideas/{id:long}/withdraw", Withdraw).RequireRateLimiting(Hosting.RateLimits.Writes);
    }

    private static async Task<IResult> ShowIdea([AsParameters] SitePage page, long id, IIdeaStore ideas, EditContribution edit, IIdeaImageStore images)
    {
        if (page.Context.User.MemberId() is not { } memberId) return page.SignInFirst();
        var idea = await ideas.FindAsync(page.Tenant.Id, id, page.Aborted);
        if (idea is null || !await edit.MayEditAsync(page.Tenant, ContributionKind.Idea, id, memberId, page.Aborted))
            return idea is null ? page.NotFound() : Closed(page);
        return Form(page, ContributionKind.Idea, id, idea.Id, new EditForm(idea.Title, idea.Body), null, await ImagesOf(page, id, images));
    }

    private static async Task<IResult> ShowComment([AsParameters] SitePage page, long id, ICommentStore comments, EditContribution edit)
    {
        if (page.Context.User.MemberId() is not { } memberId) return page.SignInFirst();
        var comment = await comments.FindAsync(page.Tenant.Id, id, page.Aborted);
        if (comment is null || !await edit.MayEditAsync(page.Tenant, ContributionKind.Comment, id, memberId, page.Aborted))
            return comment is null ? page.NotFound() : Closed(page);
        return Form(page, ContributionKind.Comment, id, comment.IdeaId, new EditForm(null, comment.Body), null);
    }

    private static async Task<IResult> SaveIdea([AsParameters] SitePage page, long id, [FromForm] string? title, [FromForm] string? body, EditContribution edit,
        IIdeaImageStore images)
    {
        if (page.Context.User.MemberId() is not { } memberId) return page.SignInFirst();
        // New images are read (decoded and copied) first, then written with the text in one transaction: a refused image
        // (a bad file, its alt text, one too many) leaves the text as it was too.
        var added = await Images.ImageForm.ReadAsync(page.Context.Request, page.Aborted);
        var outcome = !added.Succeeded ? added.Error! : await edit.EditIdeaAsync(page.Tenant, id, memberId, title, body, page.Aborted, added.Value);
        return Saved(page, outcome, ContributionKind.Idea, id, id, new EditForm(Views.Text(title), Views.Text(body)), $"{page.BasePath}/ideas/{id}",
            await ImagesOf(page, id, images));
    }

    private static async Task<IReadOnlyList<RemovableImageView>> ImagesOf(SitePage page, long ideaId, IIdeaImageStore images) =>
        Images.IdeaImageEndpoints.Removable(page.BasePath, await images.ListAsync(page.Tenant.Id, ideaId, page.Aborted));

    private static async Task<IResult> SaveComment([AsParameters] SitePage page, long id, [FromForm] string? body, ICommentStore comments, EditContribution edit)
    {
        if (page.Context.User.MemberId() is not { } memberId) return page.SignInFirst();
        var outcome = await edit.EditCommentAsync(page.Tenant, id, memberId, body, page.Aborted);
        // The comment's idea, for the way back; a comment the edit took off the site is found no more, and needs none.
        var ideaId = (await comments.FindAsync(page.Tenant.Id, id, page.Aborted))?.IdeaId ?? 0;
        return Saved(page, outcome, ContributionKind.Comment, id, ideaId, new EditForm(null, Views.Text(body)), $"{page.BasePath}/ideas/{ideaId}#comment-{id}");
    }

    private static async Task<IResult> Withdraw([AsParameters] SitePage page, long id, WithdrawIdea withdraw)
    {
        if (page.Context.User.MemberId() is not { } memberId) return page.SignInFirst();
        var outcome = await withdraw.HandleAsync(page.Tenant, id, memberId, page.Aborted);
        if (!outcome.Succeeded)
            return outcome.Error!.Kind == ErrorKind.NotFound ? page.NotFound() : page.Message(Status(outcome.Error), Word(page, "edit.not-withdrawn"), ErrorWords.Text(page.Culture, outcome.Error));
        return page.Message(StatusCodes.Status200OK, Word(page, "edit.withdrawn-heading"), Word(page, "edit.withdrawn-text"));
    }

    private static IResult Saved(SitePage page, Outcome<Edited> outcome, ContributionKind kind, long id, long ideaId, EditForm typed, string back,
        IReadOnlyList<RemovableImageView>? images = null)
    {
        if (outcome.Succeeded)
            return outcome.Value!.State == ModerationState.Held
                ? page.Message(StatusCodes.Status202Accepted, Word(page, "edit.held-heading"), Word(page, "message.held-edit"))
                : Results.Redirect(back);
        var error = outcome.Error!;
        if (error.Kind == ErrorKind.NotFound) return page.NotFound();
        // The text was fine but the window has closed (or the post is not theirs): nothing on the form can fix that, but
        // the form still shows what they typed, so they can copy it.
        return Form(page, kind, id, ideaId, typed, error, images);
    }

    private static ThemedPage Form(SitePage page, ContributionKind kind, long id, long ideaId, EditForm form, Error? error,
        IReadOnlyList<RemovableImageView>? images = null)
    {
        var isIdea = kind == ContributionKind.Idea;
        var editing = page.Tenant.Editing;
        var shown = Views.Error(error, page.Culture);
        var model = new EditPage(
            Frame: page.Frame(Word(page, isIdea ? "edit.idea-title" : "edit.comment-title"), challengeSlug: null, error: shown),
            IsIdea: isIdea,
            Form: form,
            ActionUrl: $"{page.BasePath}/{(isIdea ? "ideas" : "comments")}/{id}/edit",
            BackUrl: isIdea ? $"{page.BasePath}/ideas/{id}" : $"{page.BasePath}/ideas/{ideaId}#comment-{id}",
            Window: editing.Window == EditWindow.Minutes ? "minutes" : "until-first-reaction",
            Minutes: editing.Minutes,
            Errors: FieldErrors.Of(shown)) { Images = images ?? new List<RemovableImageView>() };
        // What was typed is the member's own: never kept by a shared cache.
        page.Context.Response.Headers.CacheControl = "no-store";
        return new ThemedPage("edit", model, error is null ? 200 : Status(error));
    }

    private static ThemedPage Closed(SitePage page) =>
        page.Message(StatusCodes.Status409Conflict, Word(page, "edit.closed-heading"), Word(page, "edit.closed-text"));

    private static int Status(Error error) => error.Kind switch
    {
        ErrorKind.Validation => StatusCodes.Status400BadRequest,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status409Conflict,
    };

    private static string Word(SitePage page, string key) => EngineWords.Text(page.Culture, key);
}
