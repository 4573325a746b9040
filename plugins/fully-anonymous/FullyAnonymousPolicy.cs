using Engine.Sdk;

namespace Engine.Plugins.FullyAnonymous;

/// <summary>
/// Authors who ask are not linked to their contribution at all, so nobody, moderators included,
/// can find out who wrote it: for staff who would not speak up otherwise.
/// </summary>
public sealed class FullyAnonymousPolicy : IAnonymityPolicy
{
    public AnonymityDecision Decide(AnonymityRequest request) => request switch
    {
        { AuthorAskedForAnonymity: false } => AnonymityDecision.StoreAs(AuthorStorage.Named),
        { TenantAllowsAnonymity: true } => AnonymityDecision.StoreAs(AuthorStorage.FullyAnonymous),
        _ => AnonymityDecision.Refused(new PluginText("not-allowed")),
    };
}
