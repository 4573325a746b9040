using System.Security.Claims;
using Engine.Core.Caching;
using Engine.Core.Challenges;
using Engine.Core.Groups;
using Engine.Core.Members;
using Engine.Web.Accounts;
using Engine.Web.Tenancy;

namespace Engine.Web.PrivateChallenges;

/// <summary>
/// Who is asking, from the request's signed-in member (cookie or token, already checked against the store on this request):
/// a visitor, a member with their groups, or staff. Work outside a request sees as a visitor, so whatever forgets to say
/// whom it works for shows no private challenge.
/// </summary>
public sealed class RequestViewers(IHttpContextAccessor requests, IGroupStore groups, IMemberStore members, EngineCache kept) : IViewers
{
    // Kept until the tenant's next write other than a vote: joining or leaving a group shows on the next request.
    private sealed record MemberGroups(string TenantId, long MemberId) : CacheKey<IReadOnlyList<string>>(TenantId)
    {
        public override DroppedBy DroppedBy => DroppedBy.WritesBesidesVotes;
    }

    public async ValueTask<Viewer> CurrentAsync(string tenantId, CancellationToken ct = default)
    {
        if (requests.HttpContext is not { } context) return Viewer.Visitor;
        if (context.Items[typeof(Viewer)] is Viewer known && context.Items[typeof(RequestViewers)] as string == tenantId) return known;
        var user = context.User;
        // A principal of another tenant is nobody here (UseTenantBoundSignIn says so too; this does not rely on it).
        var viewer = user.MemberId() is { } id && user.FindFirstValue(TenantResolution.TenantClaim) == tenantId
            ? await ViewerAsync(tenantId, id, user.FindFirstValue(ClaimTypes.Role), ct)
            : Viewer.Visitor;
        context.Items[typeof(Viewer)] = viewer;
        context.Items[typeof(RequestViewers)] = tenantId;
        return viewer;
    }

    public async ValueTask<Viewer> OfMemberAsync(string tenantId, long memberId, CancellationToken ct = default) =>
        await members.FindByIdAsync(tenantId, memberId, ct) is { Blocked: false } member
            ? await ViewerAsync(tenantId, memberId, member.Role, ct)
            : Viewer.Visitor;

    private async ValueTask<Viewer> ViewerAsync(string tenantId, long memberId, string? role, CancellationToken ct)
    {
        if (role is not null && Roles.Moderators.Contains(role)) return new Viewer(memberId, IsStaff: true, new HashSet<string>());
        var of = await kept.GetAsync(new MemberGroups(tenantId, memberId), c => groups.GroupsOfAsync(tenantId, memberId, c), ct);
        return new Viewer(memberId, IsStaff: false, of.ToHashSet());
    }
}
