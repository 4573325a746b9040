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
    /// <summary>
    /// The tenant's switches with the challenge's overrides applied: an admin's override for the
    /// challenge wins over the challenge's in tenant.json, which wins over the site's.
    /// </summary>
    public static TenantFeatures For(TenantDefinition tenant, string? challengeSlug)
    {
        var fromFile = tenant.Challenges.FirstOrDefault(c => c.Slug == challengeSlug)?.Features;
        var fromAdmin = challengeSlug is not null && tenant.ChallengeOverrides.TryGetValue(challengeSlug, out var o) ? o.Features : null;
        return fromFile is null && fromAdmin is null ? tenant.Features : new TenantFeatures
        {
            AnonymousPosting = fromAdmin?.AnonymousPosting ?? fromFile?.AnonymousPosting ?? tenant.Features.AnonymousPosting,
            DownVotes = fromAdmin?.DownVotes ?? fromFile?.DownVotes ?? tenant.Features.DownVotes,
        };
    }

    /// <summary>The rule choices for a challenge: admin override, then tenant.json's challenge, then the site's; per part.</summary>
    public static RuleChoices RulesFor(TenantDefinition tenant, string? challengeSlug)
    {
        var fromFile = tenant.Challenges.FirstOrDefault(c => c.Slug == challengeSlug)?.Rules;
        var fromAdmin = challengeSlug is not null && tenant.ChallengeOverrides.TryGetValue(challengeSlug, out var o) ? o.Rules : null;
        return new RuleChoices
        {
            Voting = fromAdmin?.Voting ?? fromFile?.Voting ?? tenant.Rules.Voting,
            Moderation = fromAdmin?.Moderation ?? fromFile?.Moderation ?? tenant.Rules.Moderation,
            Anonymity = fromAdmin?.Anonymity ?? fromFile?.Anonymity ?? tenant.Rules.Anonymity,
        };
    }
}
