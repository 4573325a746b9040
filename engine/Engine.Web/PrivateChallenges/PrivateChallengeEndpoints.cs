using Engine.Core.Challenges;
using Engine.Core.Common;
using Engine.Core.Groups;
using Engine.Web.Accounts;
using Engine.Web.Api;
using Engine.Web.Site;
using Engine.Web.PrivateChallenges;
using Engine.Web.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;

// In the engine's root namespace, so the host's composition (Hosting) finds these without a using of its own.
namespace Engine.Web;

/// <summary>
/// Private challenges and groups: who is asking (<see cref="RequestViewers"/>, which <see cref="OpenChallenge"/> asks), the
/// admins' groups API, and the invite links members open.
/// </summary>
public static class PrivateChallengeEndpoints
{
    public sealed record GroupRequest(string? Slug, string? Name);
    public sealed record GroupResponse(string Slug, string Name, int MemberCount);
    public sealed record GroupNameRequest(string? Name);
    public sealed record GroupMemberRequest(long? MemberId);
    public sealed record GroupMemberResponse(long MemberId, string DisplayName, string JoinedBy, DateTimeOffset JoinedAt);
    public sealed record InviteRequest(int? Days);
    /// <param name="Url">The link to give out: shown this once, as only its hash is kept.</param>
    public sealed record NewInviteResponse(long Id, string Url, DateTimeOffset ExpiresAt);
    public sealed record InviteResponse(long Id, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt, DateTimeOffset CreatedAt);

    public static IServiceCollection AddPrivateChallenges(this IServiceCollection services) => services
        .AddSingleton<IViewers, RequestViewers>()
        .AddSingleton<ManageGroups>();

    /// <summary>The invite links, on the site: <c>/invite/{token}</c>.</summary>
    public static void MapInvitePages(this IEndpointRouteBuilder site) =>
        site.MapGet("/invite/{token}", async ([AsParameters] SitePage page, string token, ManageGroups manage) =>
        {
            // The link is the secret: a visitor signs in (or registers) first and comes back to it.
            if (page.Context.User.MemberId() is not { } memberId) return page.SignInFirst();
            var joined = await manage.JoinAsync(page.Tenant.Id, memberId, token, page.Aborted);
            if (!joined.Succeeded) return page.NotFound();
            return Results.Redirect(joined.Value is { Length: > 0 } slug ? $"{page.BasePath}/challenges/{slug}" : $"{page.BasePath}/");
        });

    public static void MapGroupsApi(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin/groups").RequireAuthorization(Policies.Admin).AddEndpointFilter<CookieAntiforgery>().WithTags("Admin");

        admin.MapGet("/", async (HttpContext context, IGroupStore groups) =>
            (await groups.ListAsync(context.Tenant().Id, context.RequestAborted)).Select(g => new GroupResponse(g.Slug, g.Name, g.MemberCount)).ToList())
            .WithSummary("The site's groups, with how many members each has.");
        admin.MapPost("/", async (HttpContext context, GroupRequest request, ManageGroups manage) =>
            ApiResults.From(await manage.CreateAsync(context.Tenant().Id, context.User.MemberId()!.Value, request.Slug, request.Name, context.RequestAborted),
                g => TypedResults.Created($"{context.Request.PathBase}/api/v1/admin/groups/{g.Slug}/members", new GroupResponse(g.Slug, g.Name, g.MemberCount))))
            .Refuses(ErrorKind.Validation, ErrorKind.Conflict)
            .WithSummary("Make a group (an organisation, a trust, a team) that private challenges can be opened to.");
        admin.MapPut("/{slug}", async (HttpContext context, string slug, GroupNameRequest request, ManageGroups manage) =>
            ApiResults.From(await manage.RenameAsync(context.Tenant().Id, context.User.MemberId()!.Value, slug, request.Name, context.RequestAborted),
                g => TypedResults.Ok(new GroupResponse(g.Slug, g.Name, g.MemberCount))))
            .Refuses(ErrorKind.Validation, ErrorKind.NotFound)
            .WithSummary("Rename the group as people read it; its slug, which challenges and sign-in providers name it by, stays.");
        admin.MapDelete("/{slug}", async (HttpContext context, string slug, ManageGroups manage) =>
            ApiResults.From(await manage.DeleteAsync(context.Tenant().Id, context.User.MemberId()!.Value, slug, context.RequestAborted), _ => TypedResults.NoContent()))
            .Refuses(ErrorKind.NotFound, ErrorKind.Conflict)
            .WithSummary("Delete the group with its members' places and invite links; refused (409, naming them) while a challenge's audience names it.");
        admin.MapGet("/{slug}/members", async (HttpContext context, string slug, ManageGroups manage) =>
            ApiResults.From(await manage.MembersAsync(context.Tenant().Id, slug, context.RequestAborted),
                members => TypedResults.Ok(members.Select(m => new GroupMemberResponse(m.MemberId, m.DisplayName, m.JoinedBy, m.JoinedAt)).ToList())))
            .Refuses(ErrorKind.NotFound).WithSummary("The group's members, with how each joined: by an admin, an invite link or their sign-in provider.");
        admin.MapPost("/{slug}/members", async (HttpContext context, string slug, GroupMemberRequest request, ManageGroups manage, Core.Members.IMemberStore members) =>
        {
            var tenant = context.Tenant().Id;
            if (request.MemberId is not { } id || await members.FindByIdAsync(tenant, id, context.RequestAborted) is null)
                return (Results<NoContent, Refusal>)ApiResults.Problem(Error.Invalid("memberId", "Name a member of this site.").Keyed("error.name-a-member"));
            return ApiResults.From(await manage.AddMemberAsync(tenant, context.User.MemberId()!.Value, slug, id, context.RequestAborted), _ => TypedResults.NoContent());
        }).Refuses(ErrorKind.Validation, ErrorKind.NotFound).WithSummary("Put a member in the group.");
        admin.MapDelete("/{slug}/members/{memberId:long}", async (HttpContext context, string slug, long memberId, ManageGroups manage) =>
            ApiResults.From(await manage.RemoveMemberAsync(context.Tenant().Id, context.User.MemberId()!.Value, slug, memberId, context.RequestAborted), _ => TypedResults.NoContent()))
            .Refuses(ErrorKind.NotFound).WithSummary("Take a member out of the group.");
        admin.MapGet("/{slug}/invites", async (HttpContext context, string slug, ManageGroups manage) =>
            ApiResults.From(await manage.InvitesAsync(context.Tenant().Id, slug, context.RequestAborted),
                invites => TypedResults.Ok(invites.Select(i => new InviteResponse(i.Id, i.ExpiresAt, i.RevokedAt, i.CreatedAt)).ToList())))
            .Refuses(ErrorKind.NotFound).WithSummary("The group's invite links (not the links themselves, which are shown once), newest first.");
        admin.MapPost("/{slug}/invites", async (HttpContext context, string slug, InviteRequest request, ManageGroups manage) =>
            ApiResults.From(await manage.InviteAsync(context.Tenant().Id, context.User.MemberId()!.Value, slug, request.Days ?? 14, context.RequestAborted),
                i => TypedResults.Ok(new NewInviteResponse(i.Id, $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}/invite/{i.Token}", i.ExpiresAt))))
            .Refuses(ErrorKind.Validation, ErrorKind.NotFound)
            .WithSummary("Make an invite link into the group, or into a challenge whose audience is \"invited\" (group invited-to-<slug>); it works for 14 days unless told otherwise.");
        admin.MapPost("/invites/{id:long}/revoke", async (HttpContext context, long id, ManageGroups manage) =>
            ApiResults.From(await manage.RevokeAsync(context.Tenant().Id, context.User.MemberId()!.Value, id, context.RequestAborted), _ => TypedResults.NoContent()))
            .Refuses(ErrorKind.NotFound).WithSummary("Revoke an invite link: it stops working at once (who joined by it stays in the group).");
    }
}
