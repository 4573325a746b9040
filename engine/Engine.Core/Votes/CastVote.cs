using Engine.Core.Common;
using Engine.Core.Ideas;
using Engine.Core.Tenancy;

namespace Engine.Core.Votes;

/// <summary>A member votes an idea up or down, or takes their vote back. Voting twice the same way changes nothing.</summary>
public sealed class CastVote(OpenIdea openIdea, IVoteStore votes, TimeProvider clock)
{
    public async Task<Outcome<VoteTally>> CastAsync(TenantDefinition tenant, long ideaId, long memberId, int value, CancellationToken ct = default)
    {
        if (VoteRules.Check(value, tenant.Features) is { } error) return error;
        var idea = await openIdea.FindWritableAsync(tenant.Id, ideaId, ct);
        if (!idea.Succeeded) return idea.Error!;
        return await votes.CastAsync(tenant.Id, ideaId, memberId, value, clock.GetUtcNow(), ct);
    }

    public async Task<Outcome<VoteTally>> RemoveAsync(TenantDefinition tenant, long ideaId, long memberId, CancellationToken ct = default)
    {
        var idea = await openIdea.FindWritableAsync(tenant.Id, ideaId, ct);
        if (!idea.Succeeded) return idea.Error!;
        return await votes.RemoveAsync(tenant.Id, ideaId, memberId, ct);
    }
}
