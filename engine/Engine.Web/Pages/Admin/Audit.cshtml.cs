using Engine.Core.Moderation;
using Microsoft.AspNetCore.Mvc;

namespace Engine.Web.Pages.Admin;

/// <summary>The audit log, newest first, filtered by action. Nothing here changes it.</summary>
public sealed class AuditModel(IModerationStore store) : AdminPageModel
{
    public const int Limit = 500;

    /// <summary>Every action the engine writes to the log, with how an admin would say it.</summary>
    public static readonly IReadOnlyList<(string Action, string Name)> Actions =
    [
        ("setting.changed", "Setting changed"),
        ("setting.reset", "Setting reset to tenant.json"),
        ("content.edited", "Held content edited by a moderator"),
        ("content.approved", "Content approved"),
        ("content.rejected", "Content rejected"),
        ("content.hidden", "Content hidden"),
        ("image.removed", "Image taken off an idea"),
        ("content.restored", "Content restored"),
        ("reports.dismissed", "Reports dismissed"),
        ("content.unmasked", "Personal data shown in full"),
        ("member.blocked", "Member blocked"),
        ("member.unblocked", "Member unblocked"),
        ("content.assigned", "Content assigned"),
        ("idea.status", "Idea status changed"),
        ("idea.merged", "Ideas merged"),
        ("idea.merge-undone", "Merge undone"),
        ("theme.created", "Theme created"),
        ("theme.updated", "Theme edited"),
        ("theme.idea-added", "Idea added to a theme"),
        ("theme.idea-removed", "Idea removed from a theme"),
        ("theme.deleted", "Theme deleted"),
        ("theme-suggestions.computed", "Theme suggestions computed"),
        ("theme-suggestion.accepted", "Theme suggestion accepted"),
        ("theme-suggestion.renamed", "Theme suggestion renamed"),
        ("theme-suggestion.merged", "Theme suggestions merged"),
        ("theme-suggestion.rejected", "Theme suggestion rejected"),
        ("big-idea.created", "Big idea created"),
        ("big-idea.updated", "Big idea edited"),
        ("big-idea.theme-added", "Theme added to a big idea"),
        ("big-idea.theme-removed", "Theme removed from a big idea"),
        ("big-idea.deleted", "Big idea deleted"),
        ("big-idea.stage", "Big idea moved on the roadmap"),
        ("challenge.created", "Challenge created"),
        ("challenge.updated", "Challenge edited"),
        ("challenge.reordered", "Challenges reordered"),
        ("challenge.archived", "Challenge archived"),
        ("ideas.imported", "Ideas imported from an offline session"),
        ("data.exported", "Data exported"),
        ("news.created", "News written"),
        ("news.updated", "News edited"),
        ("news.published", "News published"),
        ("news.unpublished", "News taken down"),
        ("group.created", "Group created"),
        ("group.member-added", "Member added to a group"),
        ("group.member-removed", "Member removed from a group"),
        ("group.invite-made", "Group invite link made"),
        ("group.invite-revoked", "Group invite link revoked"),
        ("webhook.added", "Webhook address added"),
        ("webhook.removed", "Webhook address removed"),
        ("role.granted", "Role granted"),
        ("identity.revealed", "Identity revealed"),
        ("email.update-sent", "Email sent to members"),
        ("coding.frame-changed", "Code frame changed"),
    ];

    [BindProperty(SupportsGet = true, Name = "action")]
    public string? Action { get; set; }

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        // An unknown action filters nothing rather than showing an empty log.
        if (!Actions.Any(a => a.Action == Action)) Action = null;
        Entries = await store.AuditLogAsync(Tenant.Id, Action, Limit, ct);
    }

    public static string NameOf(string action) => Actions.FirstOrDefault(a => a.Action == action).Name ?? action;
}
