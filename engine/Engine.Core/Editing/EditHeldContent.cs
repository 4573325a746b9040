using Engine.Core.Comments;
using Engine.Core.Common;
using Engine.Core.Ideas;
using Engine.Core.Moderation;
using Engine.Core.Tenancy;
using Engine.Sdk;

namespace Engine.Core.Editing;

/// <summary>
/// A moderator edits personal data (a phone number, a patient's name) out of a held idea or comment, then publishes it, so
/// a useful post need not be rejected for one line. The text as written stays for staff only: in the versions moderators
/// see, and in the audit log, which records the change with the text before and after.
/// </summary>
public sealed class EditHeldContent(IEditStore store, IModerationStore moderation, ModerateContent moderate, TimeProvider clock)
{
    public async Task<Outcome<bool>> HandleAsync(TenantDefinition tenant, long actorId, ContributionKind kind, long id, string? title, string? body,
        CancellationToken ct = default)
    {
        string? newTitle = null;
        string newBody;
        if (kind == ContributionKind.Idea)
        {
            var idea = IdeaRules.Validate(title, body);
            if (!idea.Succeeded) return idea.Error!;
            (newTitle, newBody) = (idea.Value!.Title, idea.Value.Body);
        }
        else
        {
            var comment = CommentRules.Validate(body, null);
            if (!comment.Succeeded) return comment.Error!;
            newBody = comment.Value!.Body;
        }
        var what = EditWindows.Name(kind);
        var before = await moderation.ItemAsync(tenant.Id, kind, id, ct);
        if (before is null) return Error.NotFound(EditWindows.Capitalised(kind));
        var result = await store.EditHeldAsync(tenant.Id, kind, id, newTitle, newBody, clock.GetUtcNow(), ct);
        if (result == EditResult.NotFound) return Error.NotFound(EditWindows.Capitalised(kind));
        if (result != EditResult.Done)
            return new Error(ErrorKind.Conflict, $"This {what} is not waiting for a moderator: only held content can be edited before it is published.", "id")
                .Keyed(kind == ContributionKind.Idea ? "admin.moderation.edit-not-held-idea" : "admin.moderation.edit-not-held-comment");
        await moderation.AuditAsync(tenant.Id, actorId, "content.edited", $"{what} {id}",
            $"before: {Quoted(before.Title, before.Body)}; after: {Quoted(newTitle, newBody)}", clock.GetUtcNow(), ct);
        return await moderate.ApproveAsync(tenant, actorId, kind, id, ct);
    }

    private static string Quoted(string? title, string body) => title is null ? $"“{body}”" : $"“{title}”, “{body}”";
}
