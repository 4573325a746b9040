using Engine.Core.Common;
using Engine.Core.Ideas;
using Engine.Core.Tenancy;
using Microsoft.Extensions.Logging;

namespace Engine.Core.Editing;

/// <summary>
/// A member withdraws their own idea: it leaves the lists, search and the numbers, takes no more votes or comments, and
/// its page says "withdrawn by its author" in its place. Nothing is deleted (moderators still see it in the history), and
/// it cannot be undone by the member: the votes it had may already have moved elsewhere.
/// </summary>
public sealed class WithdrawIdea(OpenIdea openIdea, IEditStore store, EditContribution editing, TimeProvider clock, ILogger<WithdrawIdea> logger)
{
    public async Task<Outcome<bool>> HandleAsync(TenantDefinition tenant, long ideaId, long memberId, CancellationToken ct = default)
    {
        var found = await openIdea.FindWritableAsync(tenant.Id, ideaId, ct);
        if (!found.Succeeded) return found.Error!;
        var result = await store.WithdrawAsync(tenant.Id, ideaId, editing.OwnerOf(tenant, memberId), clock.GetUtcNow(), ct);
        logger.LogInformation("Idea {IdeaId} of {TenantId} withdrawn by its author: {Result}", ideaId, tenant.Id, result);
        return result switch
        {
            EditResult.Done => true,
            EditResult.NotYours => Error.Forbidden("Only the author of this idea can withdraw it.").Keyed("error.withdraw-not-yours"),
            EditResult.NotPublished => new Error(ErrorKind.Conflict, "This idea is not on the site, so it cannot be withdrawn.").Keyed("error.withdraw-not-on-site"),
            _ => Error.NotFound("Idea"),
        };
    }
}
