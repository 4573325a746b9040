using System.Globalization;
using Engine.Core.Moderation;
using Engine.Core.Text;
using Engine.Sdk;
using Engine.Themes.Pages;
using Engine.Web.Accounts;
using Engine.Web.Languages;

namespace Engine.Web.Site;

/// <summary>
/// "Your contributions": the signed-in member's own ideas and comments, with what moderation decided
/// and why. Anonymous ones are listed too, since this page is only ever shown to their author.
/// </summary>
public static class ContributionPages
{
    public static async Task<IResult> Show([AsParameters] SitePage page, YourContributions contributions, TimeProvider clock)
    {
        if (page.Context.User.MemberId() is not { } memberId) return page.SignInFirst();
        var now = clock.GetUtcNow();
        var culture = page.Culture;
        var basePath = page.BasePath;
        var mine = await contributions.ForAsync(page.Tenant.Id, memberId, page.Aborted);
        var model = new ContributionsPage(
            Frame: page.Frame(page.Words("title.contributions")),
            Contributions: mine.Select(c => View(c, basePath, now, culture)).ToList(),
            Counts: new ContributionCounts(
                Total: mine.Count,
                Waiting: mine.Count(c => c.State == ModerationState.Held),
                Rejected: mine.Count(c => c.State == ModerationState.Rejected),
                Hidden: mine.Count(c => c.State == ModerationState.Hidden)));
        // Private to the member: never kept by a shared cache.
        page.Context.Response.Headers.CacheControl = "no-store";
        return new ThemedPage("contributions", model);
    }

    private static ContributionView View(OwnContribution c, string basePath, DateTimeOffset now, CultureInfo culture)
    {
        var isIdea = c.Kind == ContributionKind.Idea;
        var published = c.State == ModerationState.Published;
        return new ContributionView(
            Id: $"{(isIdea ? "idea" : "comment")}-{c.Id}",
            Kind: Word(isIdea ? "contribution.idea" : "contribution.comment"),
            Title: isIdea ? c.IdeaTitle : EngineWords.Text(culture, "contribution.comment-on", c.IdeaTitle),
            Excerpt: Views.Excerpt(c.Body),
            // Only a published contribution (on a published idea) has a page anyone can open.
            Url: published && c.IdeaPublic ? $"{basePath}/ideas/{c.IdeaId}{(isIdea ? "" : $"#comment-{c.Id}")}" : null,
            State: c.State.ToString().ToLowerInvariant(),
            StateLabel: Word(c.State switch
            {
                ModerationState.Published => "contribution.published",
                ModerationState.Held => "contribution.held",
                ModerationState.Rejected => "contribution.rejected",
                ModerationState.Withdrawn => "contribution.withdrawn",
                _ => "contribution.hidden",
            }),
            IsPublished: published,
            IsWaiting: c.State == ModerationState.Held,
            Reason: c.State switch
            {
                ModerationState.Rejected or ModerationState.Hidden when c.HiddenByBlock => Word("contribution.blocked"),
                ModerationState.Rejected or ModerationState.Hidden => Views.Text(c.Reason),
                _ => null,
            },
            Anonymity: c.FullyAnonymous ? Word("contribution.fully-anonymous")
                : c.Anonymous ? Word("contribution.anonymous") : null,
            CreatedAgo: RelativeTime.Describe(c.CreatedAt, now, culture),
            CreatedAt: c.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
        string Word(string key) => EngineWords.Text(culture, key);
    }
}
