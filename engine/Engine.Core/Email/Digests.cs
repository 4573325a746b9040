using Engine.Core.Tenancy;

namespace Engine.Core.Email;

/// <summary>
/// The daily or weekly digest of what happened in the challenges and ideas a member follows. A digest with
/// nothing in it is not sent, but still counts as done, so the next one starts from here.
/// </summary>
public sealed class Digests(IEmailStore store, Notifications notifications, IEmailLinks links, TimeProvider clock,
    Challenges.IChallengeStore challenges, Challenges.IViewers viewers)
{
    /// <summary>Queues every digest now due on this site; returns how many were queued.</summary>
    public async Task<int> SendDueAsync(TenantDefinition tenant, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var queued = 0;
        var privateOnes = (await challenges.ListAsync(tenant.Id, ct)).Where(c => !c.Audience.IsEveryone).ToList();
        foreach (var subscriber in await store.DigestSubscribersAsync(tenant.Id, ct))
        {
            if (subscriber.LastDigestAt is null)
            {
                await store.DigestDoneAsync(tenant.Id, subscriber.MemberId, links.SenderOf(tenant), null, now, ct); // starts their clock
                continue;
            }
            if (!DigestSchedule.IsDue(subscriber.Frequency, subscriber.LastDigestAt, now)) continue;
            var recipient = (await store.RecipientsAsync(tenant.Id, [subscriber.MemberId], ct)).SingleOrDefault();
            OutgoingEmail? digest = null;
            if (recipient is not null && recipient.Wants(EmailKind.Digest))
            {
                var (from, to) = DigestSchedule.Window(subscriber.LastDigestAt.Value, now);
                var activity = await store.DigestActivityAsync(tenant.Id, subscriber.MemberId, from, to, ct);
                // A follow outlives a place in a private challenge's audience: what happens there is told only to who may see it now.
                if (privateOnes.Count > 0)
                {
                    var viewer = await viewers.OfMemberAsync(tenant.Id, subscriber.MemberId, ct);
                    activity = activity.Without(privateOnes.Where(c => !viewer.Sees(c)).Select(c => c.Id).ToHashSet());
                }
                if (!activity.IsEmpty)
                    digest = notifications.Compose(tenant, EmailKind.Digest, recipient,
                        EmailContents.Digest(recipient.DisplayName, subscriber.Frequency, activity, links.Site(tenant)));
            }
            await store.DigestDoneAsync(tenant.Id, subscriber.MemberId, links.SenderOf(tenant), digest, now, ct);
            if (digest is not null) queued++;
        }
        return queued;
    }
}
