using Engine.Core.Tenancy;
using Engine.Sdk;

namespace Engine.Core.Rules;

/// <summary>The rules in force for one challenge of one tenant: the tenant's choices, overridden by the challenge's.</summary>
public sealed record RuleSet(TenantFeatures Features, IVotingRule Voting, IReadOnlyList<IModerationRule> Moderation, IAnonymityPolicy Anonymity);

/// <summary>Builds the rule set for a tenant and challenge from the loaded plugins (the host's job).</summary>
public interface IRuleResolver
{
    RuleSet For(TenantDefinition tenant, string? challengeSlug);
}

public static class Features
{
    /// <summary>The tenant's switches with the challenge's overrides applied.</summary>
    public static TenantFeatures For(TenantDefinition tenant, string? challengeSlug)
    {
        var overrides = tenant.Challenges.FirstOrDefault(c => c.Slug == challengeSlug)?.Features;
        return overrides is null ? tenant.Features : new TenantFeatures
        {
            AnonymousPosting = overrides.AnonymousPosting ?? tenant.Features.AnonymousPosting,
            DownVotes = overrides.DownVotes ?? tenant.Features.DownVotes,
        };
    }
}
