using Engine.Core.Common;
using Engine.Core.Following;
using Engine.Web.Accounts;
using Engine.Web.Tenancy;
using Microsoft.AspNetCore.Mvc;

namespace Engine.Web.Site;

/// <summary>Follow and unfollow buttons: plain forms (with anti-forgery) that work without script, then back to the page.</summary>
public static class FollowPages
{
    public static void MapFollowPages(this IEndpointRouteBuilder app)
    {
        app.MapPost("/ideas/{id:long}/follow", async (HttpContext context, long id, [FromForm] string? follow, Follow following) =>
        {
            if (context.User.MemberId() is not { } memberId) return ChallengePages.SignInFirst(context);
            var outcome = await following.IdeaAsync(context.Tenant().Id, id, memberId, follow != "false", context.RequestAborted);
            return Back(context, outcome, $"/ideas/{id}");
        }).RequireRateLimiting(Hosting.RateLimits.Writes);
        app.MapPost("/challenges/{slug}/follow", async (HttpContext context, string slug, [FromForm] string? follow, Follow following) =>
        {
            if (context.User.MemberId() is not { } memberId) return ChallengePages.SignInFirst(context);
            var outcome = await following.ChallengeAsync(context.Tenant().Id, slug, memberId, follow != "false", context.RequestAborted);
            return Back(context, outcome, $"/challenges/{Uri.EscapeDataString(slug)}");
        }).RequireRateLimiting(Hosting.RateLimits.Writes);
    }

    private static IResult Back(HttpContext context, Outcome<bool> outcome, string page) =>
        outcome.Succeeded ? Results.Redirect($"{context.Request.PathBase}{page}#follow") : PageModel.NotFound(context);

    /// <summary>What the follow button partial needs; null for visitors, who see no button (their pages are cached for everyone).</summary>
    public static async Task<object?> ButtonAsync(HttpContext context, FollowKind kind, long targetId, string url, string what)
    {
        if (context.User.MemberId() is not { } memberId) return null;
        var follows = context.RequestServices.GetRequiredService<IFollowStore>();
        var tenantId = context.Tenant().Id;
        var following = await context.RequestServices.GetRequiredService<KeptReads>().GetAsync(tenantId, ("following", kind, targetId, memberId),
            ct => follows.IsFollowingAsync(tenantId, kind, targetId, memberId, ct), context.RequestAborted, unchangedByVotes: true);
        return new { following, url, what };
    }
}
