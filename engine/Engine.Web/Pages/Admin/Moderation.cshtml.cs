using Engine.Core.Common;
using Engine.Core.Moderation;
using Engine.Sdk;
using Microsoft.AspNetCore.Mvc;

namespace Engine.Web.Pages.Admin;

/// <summary>The moderation queue: held and reported ideas and comments, and what a moderator decides about each.</summary>
public sealed class ModerationModel(IModerationStore store, ModerateContent moderate) : AdminPageModel
{
    public IReadOnlyList<QueueItem> Queue { get; private set; } = [];

    /// <summary>The form that failed (its reason field's id), so it is shown open with what was typed.</summary>
    public string? FailedField { get; private set; }
    public string? TypedReason { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Queue = await store.QueueAsync(Tenant.Id, ct);

    public Task<IActionResult> OnPostApproveAsync(string? kind, long id, CancellationToken ct) =>
        ActAsync("approve", kind, id, null, ct);

    public Task<IActionResult> OnPostRejectAsync(string? kind, long id, string? reason, CancellationToken ct) =>
        ActAsync("reject", kind, id, reason, ct);

    public Task<IActionResult> OnPostHideAsync(string? kind, long id, string? reason, CancellationToken ct) =>
        ActAsync("hide", kind, id, reason, ct);

    /// <summary>The id of a reason box: unique per action and item, and what the error summary links to.</summary>
    public static string ReasonField(string action, QueueItem item) => ReasonField(action, Kind(item.Kind), item.Id);

    public static string Kind(ContributionKind kind) => kind == ContributionKind.Idea ? "idea" : "comment";

    /// <summary>Why the item is in the queue, masked like the excerpt (a rule's reason may quote the text).</summary>
    public static string Why(QueueItem item) =>
        item.State == ModerationState.Held && !string.IsNullOrWhiteSpace(item.Reason) ? Redaction.Mask(item.Reason)
        : item.Reports > 0 ? $"Reported by {item.Reports} {(item.Reports == 1 ? "member" : "members")}"
        : string.IsNullOrWhiteSpace(item.Reason) ? "Held for review" : Redaction.Mask(item.Reason);

    private static string ReasonField(string action, string kind, long id) => $"{action}-reason-{kind}-{id}";

    private async Task<IActionResult> ActAsync(string action, string? kind, long id, string? reason, CancellationToken ct)
    {
        Queue = await store.QueueAsync(Tenant.Id, ct);
        if (kind is not ("idea" or "comment"))
            return Invalid("queue", Error.NotFound("That item"));
        var contribution = kind == "idea" ? ContributionKind.Idea : ContributionKind.Comment;
        var outcome = action switch
        {
            "approve" => await moderate.ApproveAsync(Tenant, ActorId, contribution, id, ct),
            "reject" => await moderate.RejectAsync(Tenant, ActorId, contribution, id, reason, ct),
            _ => await moderate.HideAsync(Tenant, ActorId, contribution, id, reason, ct),
        };
        if (outcome.Succeeded)
        {
            var item = Queue.FirstOrDefault(q => q.Kind == contribution && q.Id == id);
            var what = item?.Title is { Length: > 0 } title ? $"the idea “{Redaction.Mask(title)}”" : $"{kind} {id}";
            return Done(action switch
            {
                "approve" => $"Approved {what}: it is now on the site.",
                "reject" => $"Rejected {what}: the author will see your reason.",
                _ => $"Hidden {what}: it is no longer on the site.",
            });
        }
        TypedReason = reason;
        FailedField = ReasonField(action, kind, id);
        return Invalid(outcome.Error!.Field == "reason" ? FailedField : "queue", outcome.Error!);
    }
}
