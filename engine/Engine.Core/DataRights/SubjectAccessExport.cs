using Engine.Core.Moderation;

namespace Engine.Core.DataRights;

/// <summary>
/// A subject-access request answered by an admin: the member's data as they would download it themself, less everything
/// that would tell the admin which anonymous posts are theirs (their anonymous ideas and comments, and their follows of and
/// votes on their own anonymous ideas, and those ideas' images): anonymity is lifted only by a moderator's audited reveal. The member downloads
/// those themself. Audited as a copy of data leaving the site.
/// </summary>
public sealed class SubjectAccessExport(DownloadMyData download, IModerationStore audit, TimeProvider clock)
{
    public async Task<MemberData?> ForAsync(string tenantId, long actorId, long memberId, CancellationToken ct = default)
    {
        if (await download.ForAsync(tenantId, memberId, ct) is not { } data) return null;
        await audit.AuditAsync(tenantId, actorId, "data.exported", $"member {memberId}", "subject-access export", clock.GetUtcNow(), ct);
        var anonymousIdeas = data.Ideas.Where(i => i.Anonymous).Select(i => i.Id).ToHashSet();
        return data with
        {
            Ideas = data.Ideas.Where(i => !i.Anonymous).ToList(),
            Comments = data.Comments.Where(k => !k.Anonymous).ToList(),
            Votes = data.Votes.Where(v => !anonymousIdeas.Contains(v.IdeaId)).ToList(),
            Follows = data.Follows.Where(f => !(f.Kind == "idea" && anonymousIdeas.Contains(f.TargetId))).ToList(),
            Images = data.Images.Where(i => !anonymousIdeas.Contains(i.IdeaId)).ToList(),
        };
    }
}
