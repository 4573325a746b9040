using Engine.Core.Email;
using Engine.Core.Tenancy;

namespace Engine.Core.DataRights;

/// <summary>
/// The retention rule (UK GDPR, storage limitation): on a site whose tenant.json sets
/// <c>accounts.deleteInactiveAfterMonths</c>, a member account nobody has used for that long is warned by email, and deleted
/// <c>accounts.inactiveWarningDays</c> later unless its owner signs in meanwhile. Deleting keeps what they posted under
/// "Former member", as the account page's "keep" choice does: the public conversation keeps its shape, and nobody is named.
/// Staff accounts are never deleted by the rule (a site must not lose its last admin to a holiday), nor blocked ones (their
/// posts stay hidden while the block stands): an admin decides about those.
/// </summary>
public sealed class AccountRetention(IRetentionStore store, DeleteMyAccount deletion, Notifications notifications, IEmailLinks links, TimeProvider clock)
{
    /// <summary>How many accounts one sweep handles per step and site, so that a sweep never holds the database for long.</summary>
    public const int Batch = 200;

    public sealed record Sweep(int Warned, int Deleted);

    /// <summary>Warns and deletes what is due on <paramref name="tenant"/> now; nothing when the site has no retention rule.</summary>
    public async Task<Sweep> SweepAsync(TenantDefinition tenant, CancellationToken ct = default)
    {
        if (tenant.Accounts.DeleteInactiveAfterMonths is not { } months) return new(0, 0);
        var now = clock.GetUtcNow();
        var days = tenant.Accounts.InactiveWarningDays;
        var inactiveSince = now.AddMonths(-months);
        var warned = 0;
        foreach (var member in await store.DueForWarningAsync(tenant.Id, inactiveSince, Batch, ct))
        {
            var email = notifications.Compose(tenant, EmailKind.InactiveAccount, member,
                EmailContents.InactiveAccount(member.DisplayName, months, days, $"{links.Site(tenant)}/account/signin"));
            if (await store.WarnAsync(tenant.Id, member.Id, inactiveSince, links.SenderOf(tenant), email, now, ct)) warned++;
        }
        var deleted = 0;
        var warnedBy = now.AddDays(-days);
        foreach (var id in await store.DueForDeletionAsync(tenant.Id, warnedBy, Batch, ct))
            if (await deletion.DeleteInactiveAsync(tenant.Id, id, warnedBy, ct)) deleted++;
        return new(warned, deleted);
    }
}
