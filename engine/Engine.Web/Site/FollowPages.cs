using Engine.Core.Caching;
using Engine.Core.Common;
using Engine.Core.Following;
using Engine.Themes.Pages;
using Engine.Web.Accounts;
using Engine.Web.Tenancy;
using Microsoft.AspNetCore.Mvc;

namespace Engine.Web.Site;

/// <summary>Follow and unfollow buttons: plain forms (with anti-forgery) that work without script, then back to the page.</summary>
public static class FollowPages
{
    public static void MapFollowPages(this IEndpointRouteBuilder app)
    {
        app.MapPost("/ideas/{id:long}/follow", async ([AsParameters] SitePage page, long id, [FromForm] string? follow, Follow following) =>
        {
            if (page.Context.User.MemberId() is not { } memberId) return page.SignInFirst();
            var outcome = await following.IdeaAsync(page.Tenant.Id, id, memberId, follow != "false", page.Aborted);
            return Back(page, outcome, $"/ideas/{id}");
        }).RequireRateLimiting(Hosting.RateLimits.Writes);
        app.MapPost("/challenges/{slug}/follow", async ([AsParameters] SitePage page, string slug, [FromForm] string? follow, Follow following) =>
        {
            if (page.Context.User.MemberId() is not { } memberId) return page.SignInFirst();
            var outcome = await following.ChallengeAsync(page.Tenant.Id, slug, memberId, follow != "false", page.Aborted);
            return Back(page, outcome, $"/challenges/{Uri.EscapeDataString(slug)}");
        }).RequireRateLimiting(Hosting.RateLimits.Writes);
    }

    private static IResult Back(SitePage page, Outcome<bool> outcome, string path) =>
        outcome.Succeeded ? Results.Redirect($"{page.Context.Request.PathBase}{path}#follow") : page.NotFound();

    /// <summary>What the follow button partial needs; null for visitors, who see no button (their pages are cached for everyone).</summary>
    private sealed record Following(string TenantId, FollowKind Kind, long TargetId, long MemberId) : CacheKey<bool>(TenantId)
    {
        public override DroppedBy DroppedBy => DroppedBy.WritesBesidesVotes;
    }

    public static async Task<FollowView?> ButtonAsync(HttpContext context, IFollowStore follows, EngineCache kept, FollowKind kind, long targetId, string url, string what)
    {
        if (context.User.MemberId() is not { } memberId) return null;
        var tenantId = context.Tenant().Id;
        var following = await kept.GetAsync(new Following(tenantId, kind, targetId, memberId),
            ct => follows.IsFollowingAsync(tenantId, kind, targetId, memberId, ct), context.RequestAborted);
        return new FollowView(following, url, what);
    }
}
