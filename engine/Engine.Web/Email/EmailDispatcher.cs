using Engine.Core.Email;
using Engine.Core.Tenancy;
using Engine.Data;
using Engine.Web.Hosting;
using Engine.Web.Tenancy;
using Microsoft.Extensions.Options;

namespace Engine.Web.Email;

/// <summary>
/// Drains the outbox in the background, and queues digests when they are due.
/// Each email is claimed (a lease), sent, then marked sent. An email the relay refused is tried again later, each
/// wait twice the last, until <see cref="EmailOptions.MaxAttempts"/>. A restart loses nothing: unsent rows stay
/// in the database, and a claim left by a process that died runs out and the row is taken again. The one window
/// for a second copy is a crash after the relay accepted a message and before the outbox recorded it; the
/// message keeps its Message-ID, so mail systems can tell the copies apart.
/// </summary>
public sealed class EmailDispatcher(IEmailStore store, IEmailTransport transport, TenantRegistry tenants, Digests digests,
    IOptionsMonitor<EmailOptions> options, TimeProvider clock, StorageHealth storage, ILogger<EmailDispatcher> logger) : BackgroundService
{
    private const int Batch = 50;

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        await Task.Yield();
        var nextDigestCheck = DateTimeOffset.MinValue;
        while (!stopping.IsCancellationRequested)
        {
            var o = options.CurrentValue;
            var busy = false;
            try
            {
                if (o.Send)
                {
                    if (clock.GetUtcNow() >= nextDigestCheck)
                    {
                        await QueueDigestsAsync(stopping);
                        nextDigestCheck = clock.GetUtcNow() + o.DigestCheckInterval;
                    }
                    busy = await DrainOnceAsync(stopping) == Batch;
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested) { break; }
            catch (Exception e) when (DbErrors.IsStorageUnavailable(e))
            {
                // The outbox cannot be written (a read-only disk, PostgreSQL away): reported once per outage, not every poll.
                storage.CouldNotStore(e, "sending queued email");
            }
            catch (Exception e)
            {
                logger.LogError(e, "The email sender failed; it tries again in {Interval}", o.PollInterval);
            }
            if (!busy)
            {
                try { await Task.Delay(o.PollInterval, stopping); }
                catch (OperationCanceledException) { break; }
            }
        }
    }

    public async Task QueueDigestsAsync(CancellationToken ct)
    {
        foreach (var tenant in tenants.Current.Tenants.Where(t => t.State == TenantState.Active))
        {
            var queued = await digests.SendDueAsync(tenant, ct);
            if (queued > 0) logger.LogInformation("Queued {Count} digests for {TenantId}", queued, tenant.Id);
        }
    }

    /// <summary>Sends what is due now; returns how many emails it took from the outbox.</summary>
    public async Task<int> DrainOnceAsync(CancellationToken ct)
    {
        var o = options.CurrentValue;
        var claimed = await store.ClaimDueAsync(clock.GetUtcNow(), o.ClaimLease, Batch, ct);
        foreach (var email in claimed)
        {
            if (ct.IsCancellationRequested)
            {
                await store.ReleaseAsync(email, CancellationToken.None);
                continue;
            }
            // The member may have turned this kind off since it was queued: then it does not go.
            if (!email.Kind.IsAccount())
            {
                var recipient = (await store.RecipientsAsync(email.TenantId, [email.MemberId], ct)).SingleOrDefault();
                if (recipient is null || !recipient.Wants(email.Kind))
                {
                    await store.MarkWithdrawnAsync(email, clock.GetUtcNow(), ct);
                    continue;
                }
            }
            try
            {
                await transport.SendAsync(email, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                await store.ReleaseAsync(email, CancellationToken.None);
                continue;
            }
            catch (Exception e)
            {
                var attempts = email.Attempts + 1;
                var delay = o.RetryDelay(attempts);
                await store.MarkFailedAsync(email, e.Message, delay is { } d ? clock.GetUtcNow() + d : null, clock.GetUtcNow(), CancellationToken.None);
                // Ids and kinds only: addresses and names are personal data.
                if (delay is null)
                    logger.LogError(e, "Email {EmailId} ({Kind}) of {TenantId} failed {Attempts} times; giving up", email.Id, email.Kind.Key(), email.TenantId, attempts);
                else
                    logger.LogWarning(e, "Email {EmailId} ({Kind}) of {TenantId} was not accepted (attempt {Attempts}); trying again in {Delay}",
                        email.Id, email.Kind.Key(), email.TenantId, attempts, delay);
                continue;
            }
            // Not cancelled by shutdown: the message has gone, so this must be recorded.
            await store.MarkSentAsync(email, clock.GetUtcNow(), CancellationToken.None);
            logger.LogInformation("Email {EmailId} ({Kind}) of {TenantId} sent", email.Id, email.Kind.Key(), email.TenantId);
        }
        return claimed.Count;
    }
}
