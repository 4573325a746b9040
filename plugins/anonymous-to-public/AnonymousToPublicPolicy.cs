using Engine.Sdk;

namespace Engine.Plugins.AnonymousToPublic;

/// <summary>
/// Authors who ask are shown as "Anonymous" to the public, while the site keeps who they are so a
/// moderator can reveal it (audited) if a post raises a safeguarding concern.
/// </summary>
public sealed class AnonymousToPublicPolicy : IAnonymityPolicy
{
    public AnonymityDecision Decide(AnonymityRequest request) => request switch
    {
        { AuthorAskedForAnonymity: false } => AnonymityDecision.StoreAs(AuthorStorage.Named),
        { TenantAllowsAnonymity: true } => AnonymityDecision.StoreAs(AuthorStorage.AnonymousToPublic),
        _ => AnonymityDecision.Refused(new PluginText("not-allowed")),
    };
}
