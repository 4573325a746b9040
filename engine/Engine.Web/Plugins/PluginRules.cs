using Engine.Core.Caching;
using Engine.Core.Rules;
using Engine.Core.Tenancy;
using Engine.Plugins.Loading;
using Engine.Plugins.Rules;
using Engine.Sdk;

namespace Engine.Web.Plugins;

/// <summary>
/// Builds each tenant's (and challenge's) rule set from the loaded plugins, kept in the <see cref="EngineCache"/> until the
/// tenant's definition or the plugins change (no write to the data changes it). A choice that cannot be honoured (unknown rule, bad
/// setting, plugin missing) is logged naming tenant, rule and setting, and fails safe: votes are
/// refused, contributions held, anonymous posts refused; the rest of the site keeps working. Each rule is contained
/// for its tenant (<see cref="RuleContainment"/>): one that keeps failing is switched off for that tenant alone.
/// </summary>
public sealed class PluginRules(PluginCatalog catalog, EngineCache cache, RuleContainment containment, ILogger<PluginRules> logger) : IRuleResolver
{
    /// <summary>The rules of a site (challenge null) or of a challenge.</summary>
    private sealed record RuleChoice(string TenantId, string? ChallengeSlug)
        : CacheKey<(RuleSet Rules, IReadOnlyList<string> Problems)>(TenantId)
    {
        public override DroppedBy DroppedBy => DroppedBy.NoWrite;
    }

    public RuleSet For(TenantDefinition tenant, string? challengeSlug) => Entry(tenant, challengeSlug).Rules;

    /// <summary>What is wrong with a tenant's rule choices (for the log and, later, the admin page).</summary>
    public IReadOnlyList<string> ProblemsFor(TenantDefinition tenant) =>
        tenant.Challenges.Select(c => c.Slug).Concat(tenant.ChallengeOverrides.Keys).Distinct().Prepend(null).SelectMany(slug => Entry(tenant, slug).Problems).Distinct().ToList();

    // Kept for this definition and these plugins: a changed tenant.json or admin setting is a new definition, and a swapped
    // plugin a new generation; either builds anew, and the new copy takes the old one's place (which would pin the old plugin).
    private (RuleSet Rules, IReadOnlyList<string> Problems) Entry(TenantDefinition tenant, string? challengeSlug) =>
        cache.Get(new RuleChoice(tenant.Id, challengeSlug), () =>
        {
            var built = Build(tenant, challengeSlug);
            foreach (var problem in built.Problems) logger.LogError("Tenant {TenantId}: {Problem}", tenant.Id, problem);
            return built;
        }, madeWith: (tenant, catalog.Generation));

    private (RuleSet Rules, IReadOnlyList<string> Problems) Build(TenantDefinition tenant, string? challengeSlug)
    {
        var problems = new List<string>();
        var ownRules = tenant.Challenges.FirstOrDefault(c => c.Slug == challengeSlug)?.Rules is not null
            || (challengeSlug is not null && tenant.ChallengeOverrides.GetValueOrDefault(challengeSlug)?.Rules is not null);
        var where = ownRules ? $" (challenge '{challengeSlug}')" : "";
        var choices = Features.RulesFor(tenant, challengeSlug);

        IVotingRule voting = BuiltInVoting.Instance;
        if (choices.Voting is { } v)
        {
            var (rule, problem) = catalog.CreateVoting(v.Rule, v.Settings, tenant.Id);
            if (problem is not null) problems.Add($"voting{where}: {problem}");
            voting = rule is null ? new RefusingVoting(new EngineText("error.voting-unavailable",
                    $"Voting is unavailable: this site's voting rule '{v.Rule}' is not working. An administrator has been told.", v.Rule))
                : containment.Contain(rule, tenant.Id);
        }

        var moderation = new List<IModerationRule>();
        foreach (var m in choices.Moderation ?? [])
        {
            var (rule, problem) = catalog.CreateModeration(m.Rule, m.Settings, tenant.Id);
            if (problem is not null) problems.Add($"moderation{where}: {problem}");
            moderation.Add(rule is null ? new HoldingModeration(new EngineText("admin.moderation.rule-not-working",
                    $"The moderation rule '{m.Rule}' is not working, so everything is held for a moderator.", m.Rule))
                : containment.Contain(rule, tenant.Id));
        }

        IAnonymityPolicy anonymity = BuiltInAnonymity.Instance;
        if (choices.Anonymity is { } a)
        {
            var (rule, problem) = catalog.CreateAnonymity(a.Rule, a.Settings, tenant.Id);
            if (problem is not null) problems.Add($"anonymity{where}: {problem}");
            anonymity = rule is null ? new RefusingAnonymity(new EngineText("error.anonymity-unavailable",
                    $"Posting is unavailable: this site's anonymity policy '{a.Rule}' is not working. An administrator has been told.", a.Rule))
                : containment.Contain(rule, tenant.Id);
        }
        return (new RuleSet(Features.For(tenant, challengeSlug), voting, moderation, anonymity), problems);
    }

    // The engine's own refusals and holds, keyed in its catalogues so that each reader reads them in their language.
    private sealed class RefusingVoting(EngineText reason) : IVotingRule
    {
        public VoteDecision Decide(VoteRequest request) => new VoteDecision.Refuse(reason.English) { Text = reason };
        public bool UsesMemberVotes => false;
        public double TopScore(IdeaTally idea) => BuiltInVoting.Instance.TopScore(idea);
        public double TrendingScore(IdeaTally idea, DateTimeOffset now) => BuiltInVoting.Instance.TrendingScore(idea, now);
    }

    private sealed class HoldingModeration(EngineText reason) : IModerationRule
    {
        public ModerationDecision Check(Contribution contribution) => new ModerationDecision.Hold(reason.English) { Text = reason };
    }

    private sealed class RefusingAnonymity(EngineText reason) : IAnonymityPolicy
    {
        public AnonymityDecision Decide(AnonymityRequest request) => new AnonymityDecision.Refuse(reason.English) { Text = reason };
    }
}
