using Engine.Core.Common;
using Engine.Core.Tenancy;
using Engine.Sdk;

namespace Engine.Core.Moderation;

/// <summary>
/// A moderator reveals who wrote an anonymous contribution, giving a reason that goes into the
/// audit log with their name. Only "anonymous to the public" keeps the link; a fully anonymous
/// contribution has no author to reveal, by design.
/// </summary>
public sealed class RevealAuthor(IModerationStore store, TimeProvider clock)
{
    public const int ReasonMin = 10;

    public async Task<Outcome<StoredAuthor>> HandleAsync(TenantDefinition tenant, ContributionKind kind, long id, long moderatorId,
        string? reason, CancellationToken ct = default)
    {
        var why = (reason ?? "").Trim();
        if (why.Length < ReasonMin)
            return Error.Invalid("reason", $"Say why you need to know who wrote this (at least {ReasonMin} characters): it is kept in the audit log.").Keyed("admin.moderation.reveal-reason", ReasonMin);
        var author = await store.AuthorOfAsync(tenant.Id, kind, id, ct);
        if (author is null) return Error.NotFound(kind == ContributionKind.Idea ? "Idea" : "Comment");
        if (!author.Anonymous) return Error.Invalid("id", "This contribution is not anonymous: its author's name is already shown.").Keyed("admin.moderation.not-anonymous");
        if (author.MemberId is null)
            return new Error(ErrorKind.Conflict, "This contribution was posted fully anonymously: no link to its author is stored, so nobody can reveal it.")
                .Keyed("admin.moderation.fully-anonymous");
        var subject = $"{kind.ToString().ToLowerInvariant()} {id}";
        await store.AuditAsync(tenant.Id, moderatorId, "identity.revealed", subject, why, clock.GetUtcNow(), ct);
        return author;
    }
}
