namespace Engine.Core.Events;

/// <summary>
/// Whether any plugin on a site wants to be told what happens there. The stores write an event into the outbox, in the
/// transaction of the change, only for such a site: a site without event handlers pays nothing for them.
/// </summary>
public interface IEventSubscribers
{
    bool Any(string tenantId);
}
