using Engine.Sdk;

namespace Engine.Plugins.Named;

/// <summary>Every contribution shows its author's name, whatever the site's anonymity switch says.</summary>
public sealed class NamedPolicy : IAnonymityPolicy
{
    public AnonymityDecision Decide(AnonymityRequest request) => request.AuthorAskedForAnonymity
        ? AnonymityDecision.Refused(new PluginText("names-shown"))
        : AnonymityDecision.StoreAs(AuthorStorage.Named);
}
