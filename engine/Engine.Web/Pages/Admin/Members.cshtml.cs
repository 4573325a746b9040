using Engine.Core.Administration;
using Engine.Core.Members;
using Engine.Core.Moderation;
using Microsoft.AspNetCore.Mvc;

namespace Engine.Web.Pages.Admin;

/// <summary>Find members; moderators block them, admins change their role.</summary>
public sealed class MembersModel(IMemberStore members, ModerateContent moderate, ChangeRole changeRole) : AdminPageModel
{
    public const int Limit = 100;

    /// <summary>The search, kept through every form on the page so the list looks the same after an action.</summary>
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    public IReadOnlyList<Member> Found { get; private set; } = [];
    public long Me => ActorId;

    /// <summary>The field of the form that failed, and what was typed or chosen in it.</summary>
    public string? FailedField { get; private set; }
    public string? Typed { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await FindAsync(ct);

    /// <summary>What was chosen and typed for hiding the member's anonymous posts too, kept when the block form fails.</summary>
    public bool HideAnonymous { get; private set; }
    public string? TypedReveal { get; private set; }

    public async Task<IActionResult> OnPostBlockAsync(long id, string? reason, bool hideAnonymous, string? revealReason, CancellationToken ct)
    {
        var outcome = await moderate.BlockMemberAsync(Tenant, ActorId, id, reason, ct, hideAnonymous, revealReason);
        if (outcome.Succeeded)
        {
            var member = await members.FindByIdAsync(Tenant.Id, id, ct);
            return Done(Words("admin.members.done-blocked", outcome.Value, member?.DisplayName ?? Words("admin.responses.member-n", id)), new { q = Search });
        }
        (HideAnonymous, TypedReveal) = (hideAnonymous, revealReason);
        return outcome.Error!.Field == "revealReason"
            ? await FailedAsync(RevealField(id), reason, outcome.Error!, ct)
            : await FailedAsync(BlockField(id), reason, outcome.Error!, ct);
    }

    public async Task<IActionResult> OnPostUnblockAsync(long id, string? reason, CancellationToken ct)
    {
        var outcome = await moderate.UnblockMemberAsync(Tenant, ActorId, id, reason, ct);
        if (outcome.Succeeded)
        {
            var member = await members.FindByIdAsync(Tenant.Id, id, ct);
            return Done(Words("admin.members.done-unblocked", outcome.Value, member?.DisplayName ?? Words("admin.responses.member-n", id)), new { q = Search });
        }
        return await FailedAsync(UnblockField(id), reason, outcome.Error!, ct);
    }

    public async Task<IActionResult> OnPostRoleAsync(long id, string? role, CancellationToken ct)
    {
        // The form is only shown to admins; this is what actually stops anyone else.
        if (!IsAdmin) return ForbiddenPage();
        var outcome = await changeRole.HandleAsync(Tenant, ActorId, id, role, ct);
        if (outcome.Succeeded)
        {
            var member = await members.FindByIdAsync(Tenant.Id, id, ct);
            return Done(Words("admin.members.done-role", member?.DisplayName ?? Words("admin.responses.member-n", id), HttpContext.Role(outcome.Value!)), new { q = Search });
        }
        return await FailedAsync(RoleField(id), role, outcome.Error!, ct);
    }

    public static string BlockField(long id) => $"block-reason-{id}";
    public static string RoleField(long id) => $"role-{id}";
    public static string UnblockField(long id) => $"unblock-reason-{id}";
    public static string RevealField(long id) => $"block-reveal-reason-{id}";

    private async Task<IActionResult> FailedAsync(string field, string? typed, Core.Common.Error error, CancellationToken ct)
    {
        await FindAsync(ct);
        FailedField = field;
        Typed = typed;
        return Invalid(error.Kind is Core.Common.ErrorKind.NotFound or Core.Common.ErrorKind.Conflict ? "members" : field, error);
    }

    private async Task FindAsync(CancellationToken ct) => Found = await members.SearchAsync(Tenant.Id, Search, Limit, ct);
}
