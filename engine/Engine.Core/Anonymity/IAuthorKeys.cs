namespace Engine.Core.Anonymity;

/// <summary>
/// The keyed hash that stands in for the author of a fully anonymous contribution: the same member
/// always gets the same key on a tenant (so their history and one-vote rules still work), but
/// nobody without the engine's secret can turn a key back into a member.
/// </summary>
public interface IAuthorKeys
{
    string KeyFor(string tenantId, long memberId);
}
