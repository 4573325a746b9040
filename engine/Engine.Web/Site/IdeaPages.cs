using System.Security.Claims;
using Engine.Core.BigIdeas;
using Engine.Core.Caching;
using Engine.Core.Comments;
using Engine.Core.Common;
using Engine.Core.Following;
using Engine.Core.Ideas;
using Engine.Core.Moderation;
using Engine.Core.Votes;
using Engine.Themes.Pages;
using IdeaPage = Engine.Themes.Pages.IdeaPage;
using Engine.Web.Accounts;
using Microsoft.AspNetCore.Mvc;

namespace Engine.Web.Site;

public static class IdeaPages
{
    public static void MapIdeaPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/ideas/{id:long}", Show);
        app.MapPost("/ideas/{id:long}/vote", Vote).RequireRateLimiting(Hosting.RateLimits.Writes);
        app.MapPost("/ideas/{id:long}/comments", Comment).RequireRateLimiting(Hosting.RateLimits.Writes);
        app.MapPost("/ideas/{id:long}/report", ([AsParameters] SitePage page, long id, [FromForm] string? reason, ReportContent report) =>
            Report(page, Engine.Sdk.ContributionKind.Idea, id, reason, report)).RequireRateLimiting(Hosting.RateLimits.Writes);
        app.MapPost("/comments/{id:long}/report", ([AsParameters] SitePage page, long id, [FromForm] string? reason, ReportContent report) =>
            Report(page, Engine.Sdk.ContributionKind.Comment, id, reason, report)).RequireRateLimiting(Hosting.RateLimits.Writes);
    }

    /// <summary>What the idea's page reads, taken together: the page shows after a refused vote or comment too.</summary>
    private sealed record Reads(ReadIdea ReadIdea, CastVote CastVote, TimeProvider Clock,
        IIdeaStore Ideas, IMergeStore Merges, IThemingStore Theming, IFollowStore Follows, EngineCache Kept,
        Core.Editing.EditContribution Editing, Core.Editing.IEditStore Edits, IdeaLabels Labels, Core.Images.IIdeaImageStore Images, Coding.PublicCodes Codes);

    /// <summary>
    /// A visitor's idea page is kept as the challenge page is (<see cref="PageCache"/>): an idea with 200 comments costs a
    /// render of every comment's Markdown, author and time, so it is built once per data version, not per view.
    /// </summary>
    private static async Task<IResult> Show([AsParameters] SitePage page, long id, [AsParameters] Reads reads, PageCache cache)
    {
        // Before anything is read: the ticket remembers which version of the data this page shows.
        var ticket = cache.For(page.Context);
        if (ticket?.Hit() is { } kept) return kept;
        return await Render(page, id, reads, null, null, ticket);
    }

    /// <summary>Votes without script: a plain form post, then back to the page the member was on.</summary>
    private static async Task<IResult> Vote([AsParameters] SitePage page, long id, [FromForm] int value, [FromForm] string? returnUrl,
        [AsParameters] Reads reads)
    {
        if (page.Context.User.MemberId() is not { } memberId) return page.SignInFirst();
        var tenant = page.Tenant;
        var outcome = value == 0
            ? await reads.CastVote.RemoveAsync(tenant, id, memberId, page.Aborted)
            : await reads.CastVote.CastAsync(tenant, id, memberId, value, page.Aborted);
        if (outcome.Succeeded) return Results.Redirect(page.LocalUrl(returnUrl));
        // The page that explains a refused vote keeps the allowance: under a budget it is usually the reason.
        return await Render(page, id, reads, outcome.Error, null);
    }

    private static async Task<IResult> Comment([AsParameters] SitePage page, long id, [FromForm] string? body, [FromForm] bool? anonymous,
        [FromForm] long? parentId, [FromForm] bool? official, [FromForm] string? language, PostComment post, [AsParameters] Reads reads)
    {
        var context = page.Context;
        if (context.User.MemberId() is not { } memberId) return page.SignInFirst();
        var outcome = await post.HandleAsync(page.Tenant, id, memberId, body, anonymous == true, parentId, page.Aborted,
            official == true, context.User.FindFirstValue(ClaimTypes.Role) ?? Core.Members.Roles.Member,
            language ?? Core.Tenancy.ContentLanguage.OfPage(page.Tenant, page.Culture.Name));
        if (outcome.Succeeded && outcome.Value!.State == ModerationState.Held)
            return page.Message(StatusCodes.Status202Accepted, page.Words("message.comment-received"), page.Words("message.held"));
        if (outcome.Succeeded) return Results.Redirect($"{context.Request.PathBase}/ideas/{id}#comment-{outcome.Value!.Id}");
        return await Render(page, id, reads, outcome.Error, new CommentForm(Views.Text(body), anonymous == true, parentId, language));
    }

    /// <summary>Reporting without script: a plain form, then a page that says what happens next.</summary>
    private static async Task<IResult> Report(SitePage page, Engine.Sdk.ContributionKind kind, long id, string? reason, ReportContent report)
    {
        if (page.Context.User.MemberId() is not { } memberId) return page.SignInFirst();
        var outcome = await report.HandleAsync(page.Tenant, kind, id, memberId, reason, page.Aborted);
        if (!outcome.Succeeded) return outcome.Error!.Kind == ErrorKind.NotFound ? page.NotFound()
            : page.Message(400, page.Words("message.report-refused"), Languages.ErrorWords.Text(page.Culture, outcome.Error));
        return page.Message(200, page.Words("message.report-thanks"), page.Words(outcome.Value!.Hidden ? "message.report-hidden" : "message.report-taken"));
    }

    /// <param name="keep">Where a visitor's page, built without an error or a form of theirs, is kept for the other visitors.</param>
    private static async Task<IResult> Render(SitePage page, long id, Reads reads, Error? error, CommentForm? commentForm, PageCache.Ticket? keep = null)
    {
        var context = page.Context;
        var tenant = page.Tenant;
        var member = context.User.MemberId();
        var found = await reads.ReadIdea.FindAsync(tenant.Id, id, member, page.Aborted);
        if (!found.Succeeded)
            // Withdrawn by its author: the page says so in its place, rather than that it never was.
            return await reads.Edits.IsWithdrawnAsync(tenant.Id, id, page.Aborted)
                ? page.Message(StatusCodes.Status410Gone, Languages.EngineWords.Text(page.Culture, "edit.withdrawn-idea"),
                    Languages.EngineWords.Text(page.Culture, "edit.withdrawn-idea-text"))
                : page.NotFound();
        var thread = found.Value!;
        var (idea, challenge) = (thread.Idea, thread.Challenge);
        var now = reads.Clock.GetUtcNow();
        var culture = page.Culture;
        var basePath = page.BasePath;
        var links = await IdeaLinks.ForAsync(reads.Ideas, reads.Merges, reads.Theming, tenant.Id, idea, challenge, basePath, culture, page.Aborted);
        var follow = await FollowPages.ButtonAsync(context, reads.Follows, reads.Kept, FollowKind.Idea, id, $"{basePath}/ideas/{id}/follow", "idea");
        var allowance = member is { } voter && thread.TakesContributions
            ? await reads.CastVote.AllowanceAsync(tenant, challenge, voter, page.Aborted) : null;

        // Only the author is shown their own idea's and comments' edit links (their page is never cached for others).
        var yours = member is { } reader && thread.TakesContributions ? await reads.Editing.YoursAsync(tenant, id, reader, page.Aborted) : null;

        var shown = Views.Error(error, page.Culture);
        var view = Views.Idea(idea, basePath, now, culture, thread.MyVote, reads.Labels.For(tenant, idea, culture), withBody: true);
        var model = new IdeaPage(
            Frame: page.Frame(idea.Title, challengeSlug: challenge.Slug, error: shown) with { Description = Views.Summary(view.BodyHtml!) },
            Idea: view,
            // A merged idea takes no votes or comments: its challenge reads as closed to it, so no theme shows the forms.
            Challenge: Views.Challenge(idea.MergedInto is null ? challenge : challenge with { State = Core.Challenges.ChallengeState.Closed }, basePath, now, culture),
            MergedInto: links.MergedInto,
            Duplicates: links.Duplicates,
            Groupings: links.Groupings,
            Comments: Views.CommentThreads(thread.Comments, now, culture, yours?.EditableComments, basePath),
            CommentUrl: $"{basePath}/ideas/{id}/comments",
            Follow: follow,
            Allowance: Views.Text(Languages.RuleWords.Of(allowance, culture)),
            // A closed challenge takes no more comments, but the team still answers what was posted while it ran.
            AnswerOnly: thread.TakesOnlyAnswers && Core.Members.Roles.Team.Contains(context.User.FindFirstValue(ClaimTypes.Role) ?? ""),
            CommentForm: commentForm ?? new CommentForm(null, false, null),
            Errors: FieldErrors.Of(shown),
            Edited: Views.Edited(idea.EditedAt, now, culture),
            Yours: yours is { IdeaIsYours: true } ? new YourIdeaView(yours.MayEditIdea ? $"{basePath}/ideas/{id}/edit" : null, $"{basePath}/ideas/{id}/withdraw") : null)
        {
            Answers = IdeaFormViews.Answers(Core.IdeaForms.IdeaForm.For(tenant, challenge.Slug), idea, culture),
            Codes = (await reads.Codes.OnIdeaAsync(tenant, id, page.Aborted) ?? []).Select(name => new CodeView(name)).ToList(),
            Images = Images.IdeaImageEndpoints.Views(basePath, await reads.Images.ListAsync(tenant.Id, id, page.Aborted)),
            Languages = Languages.LanguageChoice.Options(context, commentForm?.Language),
        };
        var status = error is null ? 200 : error.Kind == ErrorKind.Validation ? 400 : 403;
        return new ThemedPage("idea", model, status) { CacheAs = member is null && error is null && commentForm is null ? keep : null };
    }
}
