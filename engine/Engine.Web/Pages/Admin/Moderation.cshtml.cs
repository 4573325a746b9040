using Engine.Core.Common;
using Engine.Core.Moderation;
using Engine.Sdk;
using Microsoft.AspNetCore.Mvc;

namespace Engine.Web.Pages.Admin;

/// <summary>The moderation queue: held and reported ideas and comments, and what a moderator decides about each.</summary>
public sealed class ModerationModel(IModerationStore store, ModerateContent moderate, Core.Editing.IEditStore edits, Core.Editing.EditHeldContent editHeld,
    Core.Images.IIdeaImageStore images, Core.Images.ModerateImages moderateImages, Languages.HoldWords holds)
    : AdminPageModel
{
    /// <summary>The images on each idea in the list, by idea id: a held alt text holds its idea, so the moderator sees them here.</summary>
    public IReadOnlyDictionary<long, IReadOnlyList<Core.Images.IdeaImage>> Images { get; private set; } =
        new Dictionary<long, IReadOnlyList<Core.Images.IdeaImage>>();

    /// <summary>Takes one image off an idea, with a reason (audited); the rest of the idea stays as it is.</summary>
    public async Task<IActionResult> OnPostRemoveImageAsync(long id, long imageId, string? reason, CancellationToken ct)
    {
        await LoadAsync(ct);
        var outcome = await moderateImages.RemoveAsync(Tenant, ActorId, id, imageId, reason, ct);
        if (outcome.Succeeded)
            return Done(Words("admin.moderation.done-remove-image", imageId, Words("admin.moderation.idea-n", id)), ShowHidden ? new { view = "hidden" } : null);
        TypedReason = reason;
        FailedField = ImageReasonField(id, imageId);
        return Invalid(outcome.Error!.Field == "reason" ? FailedField : ShowHidden ? "hidden" : "queue", outcome.Error);
    }

    /// <summary>The id of an image's reason box: unique per image.</summary>
    public static string ImageReasonField(long ideaId, long imageId) => $"remove-image-reason-{ideaId}-{imageId}";

    /// <summary>What the moderator typed into a refused "edit, then publish" form, shown again.</summary>
    public (string? Title, string? Body) TypedText { get; private set; }

    /// <summary>A moderator edits personal data out of a held item, then publishes it (audited with the text before and after).</summary>
    public async Task<IActionResult> OnPostEditAsync(string? kind, long id, string? title, string? body, CancellationToken ct)
    {
        await LoadAsync(ct);
        if (kind is not ("idea" or "comment")) return Invalid("queue", Error.NotFound("That item"));
        var outcome = await editHeld.HandleAsync(Tenant, ActorId, kind == "idea" ? ContributionKind.Idea : ContributionKind.Comment, id, title, body, ct);
        if (outcome.Succeeded) return Done(Words("admin.moderation.done-edit", Words("admin.moderation." + kind + "-n", id)));
        TypedText = (title, body);
        FailedField = EditField(outcome.Error!.Field == "title" ? "title" : "body", kind, id);
        return Invalid(outcome.Error.Field is "title" or "body" ? FailedField : "queue", outcome.Error);
    }

    /// <summary>The id of a field of the "edit, then publish" form: unique per item.</summary>
    public static string EditField(string field, string kind, long id) => $"edit-{field}-{kind}-{id}";

    /// <summary>Every text an item has had, for the items its author edited (the last is the text it has now).</summary>
    public IReadOnlyDictionary<(ContributionKind Kind, long Id), IReadOnlyList<Core.Editing.ContributionVersion>> Versions { get; private set; } =
        new Dictionary<(ContributionKind, long), IReadOnlyList<Core.Editing.ContributionVersion>>();

    public IReadOnlyList<QueueItem> Queue { get; private set; } = [];

    /// <summary>The form that failed (its reason field's id), so it is shown open with what was typed.</summary>
    public string? FailedField { get; private set; }
    public string? TypedReason { get; private set; }

    /// <summary>Hidden content, shown instead of the queue when the page is asked for ?view=hidden.</summary>
    public IReadOnlyList<QueueItem> Hidden { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "view")]
    public string? View { get; set; }

    public bool ShowHidden => View == "hidden";

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>The text as written, unmasked for the moderator who asked (with a reason, audited): shown in this answer only.</summary>
    public QueueItem? FullText { get; private set; }

    public async Task<IActionResult> OnPostFullTextAsync(string? kind, long id, string? reason, CancellationToken ct)
    {
        await LoadAsync(ct);
        if (kind is not ("idea" or "comment"))
            return Invalid(ShowHidden ? "hidden" : "queue", Error.NotFound("That item"));
        var outcome = await moderate.FullTextAsync(Tenant, ActorId, kind == "idea" ? ContributionKind.Idea : ContributionKind.Comment, id, reason, ct);
        if (outcome.Succeeded)
        {
            FullText = outcome.Value;
            return Page();
        }
        TypedReason = reason;
        FailedField = ReasonField("fulltext", kind, id);
        return Invalid(outcome.Error!.Field == "reason" ? FailedField : ShowHidden ? "hidden" : "queue", outcome.Error);
    }

    public Task<IActionResult> OnPostDismissAsync(string? kind, long id, CancellationToken ct) =>
        ActAsync("dismiss", kind, id, null, ct);

    public Task<IActionResult> OnPostRestoreAsync(string? kind, long id, CancellationToken ct) =>
        ActAsync("restore", kind, id, null, ct);

    private async Task LoadAsync(CancellationToken ct)
    {
        if (ShowHidden) Hidden = await store.HiddenAsync(Tenant.Id, ct);
        else Queue = await store.QueueAsync(Tenant.Id, ct);
        var versions = new Dictionary<(ContributionKind, long), IReadOnlyList<Core.Editing.ContributionVersion>>();
        foreach (var kind in new[] { ContributionKind.Idea, ContributionKind.Comment })
        {
            var ids = Queue.Concat(Hidden).Where(i => i.Kind == kind).Select(i => i.Id).ToList();
            foreach (var (id, list) in await edits.VersionsAsync(Tenant.Id, kind, ids, ct)) versions[(kind, id)] = list;
        }
        Versions = versions;
        var pictures = new Dictionary<long, IReadOnlyList<Core.Images.IdeaImage>>();
        foreach (var item in Queue.Concat(Hidden).Where(i => i.Kind == ContributionKind.Idea))
            pictures[item.Id] = await images.ListAsync(Tenant.Id, item.Id, ct);
        Images = pictures;
    }

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
    public string Why(QueueItem item) =>
        Held(item) is { } held ? Redaction.Mask(held.Text)
        : item.Reports > 0 ? HttpContext.Words("admin.moderation.reported-by", item.Reports)
        : string.IsNullOrWhiteSpace(item.Reason) ? HttpContext.Words("admin.index.held-heading") : Redaction.Mask(item.Reason);

    /// <summary>The rule's hold reason in the moderator's language (keyed, SDK 1.5), else as it was stored, in English; null when not held by a rule.</summary>
    public Languages.WordedReason? Held(QueueItem item) => holds.Of(item, HttpContext.Culture());

    /// <summary>
    /// "en" when <see cref="Why"/> is a rule's hold reason in English (a sentence stored as the rule wrote it, or a key its
    /// catalogues lack in this language), so the page marks its language (WCAG 3.1.2); a moderator's own reason is in whatever language they wrote.
    /// </summary>
    public string? WhyLanguage(QueueItem item) => Held(item)?.Language;

    private static string ReasonField(string action, string kind, long id) => $"{action}-reason-{kind}-{id}";

    private async Task<IActionResult> ActAsync(string action, string? kind, long id, string? reason, CancellationToken ct)
    {
        await LoadAsync(ct);
        var list = ShowHidden ? "hidden" : "queue";
        if (kind is not ("idea" or "comment"))
            return Invalid(list, Error.NotFound("That item"));
        var contribution = kind == "idea" ? ContributionKind.Idea : ContributionKind.Comment;
        var error = action switch
        {
            "approve" => (await moderate.ApproveAsync(Tenant, ActorId, contribution, id, ct)).Error,
            "reject" => (await moderate.RejectAsync(Tenant, ActorId, contribution, id, reason, ct)).Error,
            "dismiss" => (await moderate.DismissReportsAsync(Tenant, ActorId, contribution, id, ct)).Error,
            "restore" => (await moderate.RestoreAsync(Tenant, ActorId, contribution, id, ct)).Error,
            _ => (await moderate.HideAsync(Tenant, ActorId, contribution, id, reason, ct)).Error,
        };
        if (error is null)
        {
            var item = Queue.Concat(Hidden).FirstOrDefault(q => q.Kind == contribution && q.Id == id);
            var what = item?.Title is { Length: > 0 } title ? Words("admin.moderation.the-idea", Redaction.Mask(title)) : Words("admin.moderation." + kind + "-n", id);
            return Done(Words("admin.moderation.done-" + action, what), ShowHidden ? new { view = "hidden" } : null);
        }
        TypedReason = reason;
        FailedField = ReasonField(action, kind, id);
        return Invalid(error.Field == "reason" ? FailedField : list, error);
    }
}
