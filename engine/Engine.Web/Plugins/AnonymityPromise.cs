using Engine.Core.Anonymity;
using Engine.Core.Moderation;
using Engine.Core.Rules;
using Engine.Sdk;
using Engine.Web.Tenancy;

namespace Engine.Web.Plugins;

/// <summary>
/// Asks the anonymity policy in force for the challenge (tenant.json with the admins' changes) whether an anonymous
/// author's member link may be kept. Only a policy that answers "anonymous to the public" keeps it; anything else (fully
/// anonymous, a tenant that is not loaded, a policy that failed safe and refuses) stores the keyed hash instead, as a
/// fully anonymous post would be stored: a link once written cannot be taken back from the backups.
/// </summary>
public sealed class AnonymityPromise(TenantRegistry registry, SiteSettingsLayer settings, IRuleResolver rules, IAuthorKeys keys) : IAnonymityPromise
{
    public Authorship Keep(string tenantId, string? challengeSlug, ContributionKind kind, Authorship author)
    {
        if (!author.Anonymous || author.MemberId is not { } memberId) return author;
        var keepsLink = registry.Current.Find(tenantId) is { } fromFile
            && rules.For(settings.Effective(fromFile), challengeSlug) is var ruleSet
            && ruleSet.Anonymity.Decide(new AnonymityRequest(kind, AuthorAskedForAnonymity: true, ruleSet.Features.AnonymousPosting))
                is AnonymityDecision.Store { As: AuthorStorage.AnonymousToPublic };
        return keepsLink ? author : new Authorship(null, keys.KeyFor(tenantId, memberId), Anonymous: true);
    }
}
