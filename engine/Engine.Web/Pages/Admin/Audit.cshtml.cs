using Engine.Core.Moderation;
using Microsoft.AspNetCore.Mvc;

namespace Engine.Web.Pages.Admin;

/// <summary>The audit log, newest first, filtered by action. Nothing here changes it.</summary>
public sealed class AuditModel(IModerationStore store) : AdminPageModel
{
    public const int Limit = 500;

    /// <summary>Every action the engine writes to the log; each is worded in the catalogues as "admin.audit.action." and the action.</summary>
    public static readonly IReadOnlyList<string> Actions =
    [
        "setting.changed",
        "setting.reset",
        "content.edited",
        "content.approved",
        "content.rejected",
        "content.hidden",
        "content.restored",
        "reports.dismissed",
        "content.unmasked",
        "image.removed",
        "member.blocked",
        "member.unblocked",
        "content.assigned",
        "idea.status",
        "idea.merged",
        "idea.merge-undone",
        "theme.created",
        "theme.updated",
        "theme.idea-added",
        "theme.idea-removed",
        "theme.deleted",
        "theme-suggestions.computed",
        "theme-suggestion.accepted",
        "theme-suggestion.renamed",
        "theme-suggestion.merged",
        "theme-suggestion.rejected",
        "big-idea.created",
        "big-idea.updated",
        "big-idea.theme-added",
        "big-idea.theme-removed",
        "big-idea.deleted",
        "big-idea.stage",
        "challenge.created",
        "challenge.updated",
        "challenge.reordered",
        "challenge.archived",
        "ideas.imported",
        "data.exported",
        "news.created",
        "news.updated",
        "news.published",
        "news.unpublished",
        "group.created",
        "group.member-added",
        "group.member-removed",
        "group.invite-made",
        "group.invite-revoked",
        "group.renamed",
        "group.deleted",
        "webhook.added",
        "webhook.removed",
        "role.granted",
        "identity.revealed",
        "email.update-sent",
        "coding.frame-changed",
    ];

    [BindProperty(SupportsGet = true, Name = "action")]
    public string? Action { get; set; }

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        // An unknown action filters nothing rather than showing an empty log.
        if (Action is not null && !Actions.Contains(Action)) Action = null;
        Entries = await store.AuditLogAsync(Tenant.Id, Action, Limit, ct);
    }

    /// <summary>How an admin would say the action, in the page's language; an action the engine no longer writes, as it is.</summary>
    public static string NameOf(HttpContext context, string action) => Actions.Contains(action) ? context.Words(NameKey(action)) : action;

    public static string NameKey(string action) => "admin.audit.action." + action;
}
