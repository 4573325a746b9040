using Engine.Sdk;

namespace Engine.Plugins.Named;

/// <summary>Every contribution shows its author's name, whatever the site's anonymity switch says.</summary>
public sealed class NamedPolicy : IAnonymityPolicy
{
    public AnonymityDecision Decide(AnonymityRequest request) => request.AuthorAskedForAnonymity
        ? AnonymityDecision.Refused("This site shows every contributor's name: anonymous posting is not available.")
        : AnonymityDecision.StoreAs(AuthorStorage.Named);
}
