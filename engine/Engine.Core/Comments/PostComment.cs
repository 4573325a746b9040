using Engine.Core.Common;
using Engine.Core.Ideas;
using Engine.Core.Moderation;
using Engine.Core.Rules;
using Engine.Core.Tenancy;
using Engine.Sdk;
using Microsoft.Extensions.Logging;

namespace Engine.Core.Comments;

/// <summary>A member comments on an idea, or replies to a top-level comment on it.</summary>
public sealed class PostComment(OpenIdea openIdea, ICommentStore comments, IRuleResolver rules, ContributionGate gate, Email.Notifications notifications,
    TimeProvider clock, ILogger<PostComment> logger)
{
    /// <param name="official">Mark it as the team's official response: only the team may, and it skips moderation (the team is trusted).</param>
    /// <param name="authorRole">The poster's role on this tenant.</param>
    /// <param name="language">The language it is written in, one of the site's (as for an idea): the site's default when null.</param>
    public async Task<Outcome<Posted>> HandleAsync(TenantDefinition tenant, long ideaId, long memberId,
        string? body, bool anonymous, long? parentId, CancellationToken ct = default, bool official = false, string authorRole = Members.Roles.Member,
        string? language = null)
    {
        if (official && !Members.Roles.Team.Contains(authorRole))
            return Error.Forbidden("Only the site's team can post an official response.", "official").Keyed("error.official-team-only");
        var comment = CommentRules.Validate(body, parentId, official, anonymous);
        if (!comment.Succeeded) return comment.Error!;
        var written = ContentLanguage.Choose(tenant, language, tenant.Locale);
        if (!written.Succeeded) return written.Error!;
        var found = official ? await openIdea.FindAnswerableAsync(tenant.Id, ideaId, ct) : await openIdea.FindWritableAsync(tenant.Id, ideaId, ct);
        if (!found.Succeeded) return found.Error!;
        if (parentId is { } pid)
        {
            var parent = await comments.FindAsync(tenant.Id, pid, ct);
            if (parent is null || parent.IdeaId != ideaId)
                return CommentRules.NotOnThisIdea;
            if (parent.ParentId is not null)
                return Error.Invalid("parentId", "Replies are one level deep: reply to the top-level comment instead.").Keyed("error.reply-too-deep");
        }
        var ruleSet = rules.For(tenant, found.Value!.Challenge.Slug);
        var admission = official
            ? new Admission(new Authorship(memberId, null, false), ModerationState.Published, null)
            : await gate.AdmitAsync(ruleSet, tenant.Id, memberId, ContributionKind.Comment, null, comment.Value!.Body, anonymous, ct);
        if (!admission.Succeeded) return admission.Error!;
        var id = await comments.AddAsync(tenant.Id, ideaId, admission.Value!, comment.Value! with { Language = written.Value }, clock.GetUtcNow(), ct);
        // Ids and outcome only: never the author, who may have asked to stay anonymous.
        logger.LogInformation("Comment {CommentId} posted on idea {IdeaId} of {TenantId}: {Moderation}", id, ideaId, tenant.Id, admission.Value!.State);
        // Held content is not public, so nobody hears of it until a moderator publishes it.
        if (admission.Value!.State == ModerationState.Published) await notifications.CommentPublishedAsync(tenant, id, memberId, ct);
        return new Posted(id, admission.Value!.State);
    }
}
