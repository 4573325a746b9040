using System.Globalization;
using Engine.Core.Moderation;
using Engine.Core.Text;
using Engine.Sdk;
using Engine.Web.Accounts;
using Engine.Web.Tenancy;

namespace Engine.Web.Site;

/// <summary>
/// "Your contributions": the signed-in member's own ideas and comments, with what moderation decided
/// and why. Anonymous ones are listed too, since this page is only ever shown to their author.
/// </summary>
public static class ContributionPages
{
    public static async Task<IResult> Show(HttpContext context, YourContributions contributions, TimeProvider clock)
    {
        if (context.User.MemberId() is not { } memberId) return ChallengePages.SignInFirst(context);
        var tenant = context.Tenant();
        var now = clock.GetUtcNow();
        var culture = CultureInfo.GetCultureInfo(tenant.Locale);
        var basePath = context.Request.PathBase.Value ?? "";
        var mine = await contributions.ForAsync(tenant.Id, memberId, context.RequestAborted);
        var model = PageModel.For(context, "Your contributions");
        model["contributions"] = mine.Select(c => View(c, basePath, now, culture)).ToList();
        model["counts"] = new
        {
            total = mine.Count,
            waiting = mine.Count(c => c.State == ModerationState.Held),
            rejected = mine.Count(c => c.State == ModerationState.Rejected),
            hidden = mine.Count(c => c.State == ModerationState.Hidden),
        };
        // Private to the member: never kept by a shared cache.
        context.Response.Headers.CacheControl = "no-store";
        return new ThemedPage("contributions", model);
    }

    private static object View(OwnContribution c, string basePath, DateTimeOffset now, CultureInfo culture)
    {
        var isIdea = c.Kind == ContributionKind.Idea;
        var published = c.State == ModerationState.Published;
        return new
        {
            id = $"{(isIdea ? "idea" : "comment")}-{c.Id}",
            kind = isIdea ? "Idea" : "Comment",
            title = isIdea ? c.IdeaTitle : $"Comment on “{c.IdeaTitle}”",
            excerpt = Views.Excerpt(c.Body),
            // Only a published contribution (on a published idea) has a page anyone can open.
            url = published && c.IdeaPublic ? $"{basePath}/ideas/{c.IdeaId}{(isIdea ? "" : $"#comment-{c.Id}")}" : null,
            state = c.State.ToString().ToLowerInvariant(),
            stateLabel = c.State switch
            {
                ModerationState.Published => "Published",
                ModerationState.Held => "Waiting for a moderator",
                ModerationState.Rejected => "Rejected",
                _ => "Hidden",
            },
            isPublished = published,
            isWaiting = c.State == ModerationState.Held,
            reason = c.State switch
            {
                ModerationState.Rejected or ModerationState.Hidden when c.HiddenByBlock => "Your account was blocked by a moderator.",
                ModerationState.Rejected or ModerationState.Hidden => c.Reason,
                _ => null,
            },
            anonymity = c.FullyAnonymous ? "Posted fully anonymously: nobody else can see it is yours."
                : c.Anonymous ? "Posted anonymously: your name is not shown." : null,
            createdAgo = RelativeTime.Describe(c.CreatedAt, now, culture),
            createdAt = c.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
        };
    }
}
