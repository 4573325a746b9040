using Engine.Core.Moderation;
using Engine.Sdk;

namespace Engine.Core.Anonymity;

/// <summary>
/// The stores' own check of the anonymity promise: whoever writes a contribution (a use case, the demo seeder, a feature
/// yet to come), a fully anonymous one is never stored with a link to its author. The use cases decide authorship through
/// <see cref="ContributionGate"/>; this is the last word, kept where the row is written.
/// </summary>
public interface IAnonymityPromise
{
    /// <summary>
    /// The authorship to store for a contribution to the challenge: as given, unless it is anonymous with a member link
    /// that the policy in force does not keep; then the author's keyed hash stands in for the link.
    /// </summary>
    Authorship Keep(string tenantId, string? challengeSlug, ContributionKind kind, Authorship author);
}
