using Engine.Core.Challenges;
using Engine.Core.Common;
using Engine.Core.Tenancy;

namespace Engine.Core.Ideas;

/// <summary>A member posts an idea to an open challenge, under their name or anonymously if the site allows it.</summary>
public sealed class PostIdea(IChallengeStore challenges, IIdeaStore ideas, TimeProvider clock)
{
    public async Task<Outcome<long>> HandleAsync(TenantDefinition tenant, string challengeSlug, long memberId,
        string? title, string? body, bool anonymous, CancellationToken ct = default)
    {
        var challenge = await challenges.FindBySlugAsync(tenant.Id, challengeSlug, ct);
        var now = clock.GetUtcNow();
        if (challenge is null || !challenge.IsVisibleAt(now)) return Error.NotFound("Challenge");
        if (!challenge.AcceptsContributionsAt(now))
            return Error.Forbidden($"The challenge '{challenge.Title}' is closed: it no longer takes new ideas.");
        var idea = IdeaRules.Validate(title, body, anonymous, tenant.Features);
        if (!idea.Succeeded) return idea.Error!;
        return await ideas.AddAsync(tenant.Id, challenge.Id, memberId, idea.Value!, now, ct);
    }
}
