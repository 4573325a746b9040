using Engine.Core.Common;
using Engine.Core.Ideas;
using Engine.Core.Tenancy;

namespace Engine.Core.Comments;

/// <summary>A member comments on an idea, or replies to a top-level comment on it.</summary>
public sealed class PostComment(OpenIdea openIdea, ICommentStore comments, TimeProvider clock)
{
    public async Task<Outcome<long>> HandleAsync(TenantDefinition tenant, long ideaId, long memberId,
        string? body, bool anonymous, long? parentId, CancellationToken ct = default)
    {
        var comment = CommentRules.Validate(body, anonymous, parentId, tenant.Features);
        if (!comment.Succeeded) return comment.Error!;
        var idea = await openIdea.FindWritableAsync(tenant.Id, ideaId, ct);
        if (!idea.Succeeded) return idea.Error!;
        if (parentId is { } pid)
        {
            var parent = await comments.FindAsync(tenant.Id, pid, ct);
            if (parent is null || parent.IdeaId != ideaId)
                return Error.Invalid("parentId", "parentId must be the id of a comment on this idea.");
            if (parent.ParentId is not null)
                return Error.Invalid("parentId", "Replies are one level deep: reply to the top-level comment instead.");
        }
        return await comments.AddAsync(tenant.Id, ideaId, memberId, comment.Value!, clock.GetUtcNow(), ct);
    }
}
