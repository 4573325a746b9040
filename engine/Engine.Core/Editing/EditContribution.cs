using Engine.Core.Anonymity;
using Engine.Core.Comments;
using Engine.Core.Common;
using Engine.Core.Ideas;
using Engine.Core.Images;
using Engine.Core.Moderation;
using Engine.Core.Rules;
using Engine.Core.Tenancy;
using Engine.Sdk;
using Microsoft.Extensions.Logging;

namespace Engine.Core.Editing;

/// <summary>What of an idea's page is the reader's: the idea (<see cref="IdeaIsYours"/>), and what they may still edit.</summary>
public sealed record YoursOnIdea(bool IdeaIsYours, bool MayEditIdea, IReadOnlySet<long> EditableComments);

/// <summary>What became of an edit: published at once, or held for a moderator (off the site until approved).</summary>
public sealed record Edited(long Id, ModerationState State);

/// <summary>
/// A member changes the text of their own idea or comment while the site's edit window (<see cref="TenantEditing"/>) is
/// open. The new text goes through the moderation rules as a new post would. A held edit takes the contribution off the
/// site until a moderator approves it: keeping the old text public instead would leave up words their author has
/// disowned (often because they named someone), and what the public sees has always passed the rules. The earlier texts
/// are kept for moderators. Who wrote it is never touched: an anonymous post stays exactly as anonymous.
/// </summary>
public sealed class EditContribution(OpenIdea openIdea, ICommentStore comments, IEditStore store, IRuleResolver rules, ContributionGate gate,
    IAuthorKeys keys, TimeProvider clock, ILogger<EditContribution> logger)
{
    /// <param name="images">Images to add with the new text (already read and copied): their alt texts are judged with the text, a held
    /// one holds the idea, and text and images are written in one transaction, so a refused image leaves the text as it was.</param>
    public async Task<Outcome<Edited>> EditIdeaAsync(TenantDefinition tenant, long ideaId, long memberId, string? title, string? body, CancellationToken ct = default,
        IReadOnlyList<NewIdeaImage>? images = null)
    {
        var text = IdeaRules.Validate(title, body);
        if (!text.Succeeded) return text.Error!;
        if (images?.Count > ImageRules.MaxPerIdea) return AltTexts.TooMany();
        return await EditAsync(tenant, ContributionKind.Idea, ideaId, ideaId, memberId, text.Value!.Title, text.Value.Body, ct, images ?? []);
    }

    public async Task<Outcome<Edited>> EditCommentAsync(TenantDefinition tenant, long commentId, long memberId, string? body, CancellationToken ct = default)
    {
        var text = CommentRules.Validate(body, null);
        if (!text.Succeeded) return text.Error!;
        var comment = await comments.FindAsync(tenant.Id, commentId, ct);
        if (comment is null) return Error.NotFound("Comment");
        return await EditAsync(tenant, ContributionKind.Comment, commentId, comment.IdeaId, memberId, null, text.Value!.Body, ct);
    }

    /// <summary>Whether the member may edit this contribution now (for showing the Edit link): theirs, published, and inside the window.</summary>
    public async Task<bool> MayEditAsync(TenantDefinition tenant, ContributionKind kind, long id, long memberId, CancellationToken ct = default) =>
        tenant.Editing.Window != EditWindow.Off
        && await store.EditableAsync(tenant.Id, kind, id, OwnerOf(tenant, memberId), ct) is { } state
        && tenant.Editing.Closed(kind, state, clock.GetUtcNow()) is null;

    /// <summary>
    /// What the member may do on an idea's page: whether the idea is theirs, whether they may still edit it, and which of
    /// their comments on it they may still edit.
    /// </summary>
    public async Task<YoursOnIdea> YoursAsync(TenantDefinition tenant, long ideaId, long memberId, CancellationToken ct = default)
    {
        var (idea, comments) = await store.MineOnIdeaAsync(tenant.Id, ideaId, OwnerOf(tenant, memberId), ct);
        var now = clock.GetUtcNow();
        return new YoursOnIdea(idea is not null, idea is { } i && tenant.Editing.Closed(ContributionKind.Idea, i, now) is null,
            comments.Where(c => tenant.Editing.Closed(ContributionKind.Comment, c.Value, now) is null).Select(c => c.Key).ToHashSet());
    }

    public Owner OwnerOf(TenantDefinition tenant, long memberId) => new(memberId, keys.KeyFor(tenant.Id, memberId));

    private async Task<Outcome<Edited>> EditAsync(TenantDefinition tenant, ContributionKind kind, long id, long ideaId, long memberId,
        string? title, string body, CancellationToken ct, IReadOnlyList<NewIdeaImage>? images = null)
    {
        images ??= [];
        var what = EditWindows.Name(kind);
        // The idea must be on the site, its challenge still open and the idea not merged, as for a new comment.
        var found = await openIdea.FindWritableAsync(tenant.Id, ideaId, ct);
        if (!found.Succeeded) return found.Error!.Kind == ErrorKind.NotFound ? Error.NotFound(EditWindows.Capitalised(kind)) : found.Error!;
        if (tenant.Editing.Window == EditWindow.Off) return Error.Forbidden(tenant.Editing.Closed(kind, new(default, 0), default)!);
        var ruleSet = rules.For(tenant, found.Value.Challenge.Slug);
        var judged = await gate.ModerateAsync(ruleSet, tenant.Id, memberId, kind, title, body, ct);
        if (!judged.Succeeded) return judged.Error!;
        var pictures = await gate.JudgeAltTextsAsync(ruleSet, tenant.Id, memberId, images, ct);
        if (!pictures.Succeeded) return pictures.Error!;
        // A held alt text holds the idea, as a held text does: the public never sees words the rules have not passed.
        if (pictures.Value.State == ModerationState.Held && judged.Value.State == ModerationState.Published) judged = pictures.Value;
        var (result, why) = await store.EditAsync(tenant.Id, kind, id, OwnerOf(tenant, memberId),
            new NewText(title, body, judged.Value.State, judged.Value.Reason) { Images = images, HoldText = judged.Value.Text },
            state => tenant.Editing.Closed(kind, state, clock.GetUtcNow()), clock.GetUtcNow(), ct);
        // Ids and outcome only: never the author, who may have posted anonymously.
        logger.LogInformation("{Kind} {Id} of {TenantId} edited by its author with {Images} new image(s): {Result} {Moderation}", what, id, tenant.Id, images.Count,
            result, judged.Value.State);
        return result switch
        {
            EditResult.Done => new Edited(id, judged.Value.State),
            EditResult.NotYours => Error.Forbidden($"Only the author of this {what} can edit it.").Keyed($"error.edit-not-yours.{what}"),
            EditResult.NotPublished => new Error(ErrorKind.Conflict, $"This {what} is not on the site, so it cannot be edited.").Keyed($"error.edit-not-on-site.{what}"),
            EditResult.WindowClosed => new Error(ErrorKind.Conflict, why!),
            EditResult.TooManyImages => AltTexts.TooMany(),
            _ => Error.NotFound(EditWindows.Capitalised(kind)),
        };
    }
}
