using Engine.Core.Groups;
using Engine.Core.Members;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Engine.Web.Pages.Admin;

/// <summary>
/// The site's groups, over the same use cases as <c>/api/v1/admin/groups</c>: make one, put members in by their email address
/// and take them out, make invite links (the link is shown once: only its hash is kept) and revoke them. For admins; every
/// change is audited. A group's members are listed by name and how they joined, never with anything they posted.
/// </summary>
public sealed class GroupsModel(ManageGroups manage, IGroupStore groups, UserManager<Member> users) : AdminPageModel
{
    public IReadOnlyList<Group> All { get; private set; } = [];
    /// <summary>The group whose members and links are shown (<c>?group=slug</c>), or null for none.</summary>
    [BindProperty(SupportsGet = true, Name = "group")] public string? Shown { get; set; }
    public IReadOnlyList<GroupMember>? Members { get; private set; }
    public IReadOnlyList<GroupInvite> Invites { get; private set; } = [];
    /// <summary>An invite link just made: shown on this answer only.</summary>
    public string? NewInviteUrl { get; private set; }

    [BindProperty] public string? Slug { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public int? Days { get; set; }
    [BindProperty] public string? NewName { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var made = await manage.CreateAsync(Tenant.Id, ActorId, Slug?.Trim(), Name, ct);
        if (!made.Succeeded) return await InvalidAsync(made.Error!.Field ?? "slug", made.Error, ct);
        return Done(Words("admin.groups.done-made", made.Value!.Name), new { group = made.Value.Slug });
    }

    public async Task<IActionResult> OnPostRenameAsync(CancellationToken ct)
    {
        var renamed = await manage.RenameAsync(Tenant.Id, ActorId, Shown ?? "", NewName, ct);
        if (!renamed.Succeeded)
            return renamed.Error!.Kind == Core.Common.ErrorKind.NotFound ? NotFound() : await InvalidAsync("rename", renamed.Error, ct);
        return Done(Words("admin.groups.done-renamed", renamed.Value!.Name), new { group = Shown });
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken ct)
    {
        var deleted = await manage.DeleteAsync(Tenant.Id, ActorId, Shown ?? "", ct);
        if (!deleted.Succeeded)
            return deleted.Error!.Kind == Core.Common.ErrorKind.NotFound ? NotFound() : await InvalidAsync("delete", deleted.Error, ct);
        return Done(Words("admin.groups.done-deleted", Shown), new { group = (string?)null });
    }

    public async Task<IActionResult> OnPostAddMemberAsync(CancellationToken ct)
    {
        var member = string.IsNullOrWhiteSpace(Email) ? null : await users.FindByEmailAsync(Email.Trim());
        if (member is null)
            return await InvalidAsync("email", Core.Common.Error.Invalid("email", Words("admin.groups.email-error")), ct);
        var added = await manage.AddMemberAsync(Tenant.Id, ActorId, Shown ?? "", member.Id, ct);
        if (!added.Succeeded) return NotFound();
        return Done(Words("admin.groups.done-added", member.DisplayName), new { group = Shown });
    }

    public async Task<IActionResult> OnPostRemoveMemberAsync(long memberId, CancellationToken ct)
    {
        if (!(await manage.RemoveMemberAsync(Tenant.Id, ActorId, Shown ?? "", memberId, ct)).Succeeded) return NotFound();
        return Done(Words("admin.groups.done-taken-out"), new { group = Shown });
    }

    public async Task<IActionResult> OnPostInviteAsync(CancellationToken ct)
    {
        var invite = await manage.InviteAsync(Tenant.Id, ActorId, Shown ?? "", Days ?? 14, ct);
        if (!invite.Succeeded) return invite.Error!.Kind == Core.Common.ErrorKind.NotFound ? NotFound() : await InvalidAsync("days", invite.Error, ct);
        // Shown on this answer, not after a redirect: the link is a secret, so it is not put in a cookie on the way.
        NewInviteUrl = $"{Request.Scheme}://{Request.Host}{Request.PathBase}/invite/{invite.Value!.Token}";
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(long inviteId, CancellationToken ct)
    {
        if (!(await manage.RevokeAsync(Tenant.Id, ActorId, inviteId, ct)).Succeeded) return NotFound();
        return Done(Words("admin.groups.done-revoked"), new { group = Shown });
    }

    private async Task<IActionResult> InvalidAsync(string field, Core.Common.Error error, CancellationToken ct)
    {
        await LoadAsync(ct);
        return Invalid(field, error);
    }

    /// <summary>False when the group asked for does not exist on this site.</summary>
    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        All = await groups.ListAsync(Tenant.Id, ct);
        if (string.IsNullOrEmpty(Shown)) return true;
        var listed = await manage.MembersAsync(Tenant.Id, Shown, ct);
        if (!listed.Succeeded) return false;
        Members = listed.Value;
        Invites = (await manage.InvitesAsync(Tenant.Id, Shown, ct)).Value ?? [];
        return true;
    }
}
