using Engine.Core.Events;
using Engine.Data.Events;
using Engine.Plugins.Rules;
using Engine.Sdk;
using Microsoft.Extensions.Options;

namespace Engine.Web.Plugins;

/// <summary>
/// Delivers the outbox's events to the sites' event handlers, after the changes they tell of were committed. Each event
/// goes to every handler of its site that does not have it yet; when all have it, it is done, else it is tried again
/// after a wait that doubles (<see cref="EventOptions"/>), and its stream waits with it, so handlers see each idea's
/// events in order. After <see cref="EventOptions.MaxAttempts"/> it is given up on (kept, as a dead letter) and the stream
/// moves on. An event about a challenge not everyone may see goes to no handler (<see cref="EventAudience"/>): it is done,
/// "withheld". Several nodes may run this at once: each event is taken by one of them (see <see cref="EventOutboxStore"/>).
/// </summary>
public sealed class EventDelivery(EventOutboxStore outbox, PluginEvents events, EventAudience audience, IOptions<EventOptions> options,
    TimeProvider clock, ILogger<EventDelivery> logger) : BackgroundService
{
    private const int Batch = 50;

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        var o = options.Value;
        if (!o.Deliver) return;
        while (!ct.IsCancellationRequested)
        {
            var delivered = 0;
            try
            {
                // A deployment whose sites have no event handlers has no events to deliver: it pays nothing, not even a poll.
                var subscribed = events.Subscribed();
                if (subscribed.Count > 0)
                {
                    await outbox.TellChallengeMomentsAsync(subscribed, clock.GetUtcNow(), o.ChallengeMomentsWithin, ct);
                    foreach (var tenantId in subscribed) delivered += await DeliverOnceAsync(tenantId, ct);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Delivering plugin events failed; trying again in {Interval}", o.PollInterval);
            }
            // Straight on while there is work: a stream gives one event per round, so a busy idea needs many rounds.
            if (delivered == 0)
            {
                try { await Task.Delay(o.PollInterval, clock, ct); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    /// <summary>Takes a site's events at the head of their streams and delivers them; answers how many were taken.</summary>
    public async Task<int> DeliverOnceAsync(string tenantId, CancellationToken ct = default)
    {
        var o = options.Value;
        var claimed = await outbox.ClaimAsync(tenantId, clock.GetUtcNow(), o.Lease, Batch, ct);
        // Each is the head of a different stream, so they may go at once; a plugin's own calls are bounded by its containment.
        await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, (e, token) => new(DeliverAsync(e, token)));
        return claimed.Count;
    }

    private async Task DeliverAsync(OutboxEvent taken, CancellationToken ct)
    {
        var (e, attempts) = (taken.Event, taken.Attempts);
        var o = options.Value;
        if (!await audience.MayTellAsync(e, ct))
        {
            // Kept, marked, and the stream moves on: no handler is called, so no plugin learns the private challenge's ideas.
            await outbox.DoneAsync(e, "withheld", null, clock.GetUtcNow(), ct);
            return;
        }
        var already = attempts > 1 ? await outbox.DeliveredToAsync(e, ct) : new HashSet<string>();
        string? failure = null;
        foreach (var (key, handler) in events.For(e.TenantId))
        {
            if (already.Contains(key)) continue;
            // Called on a thread of its own within the budget (the circuit); the wait here is at most the budget.
            try
            {
                await Task.Run(() => handler.Handle(e), ct);
                await outbox.RecordDeliveryAsync(e, key, clock.GetUtcNow(), ct);
            }
            catch (RuleFailedException failed)
            {
                failure ??= failed.Message;
            }
        }
        var now = clock.GetUtcNow();
        if (failure is null)
            await outbox.DoneAsync(e, "delivered", null, now, ct);
        else if (attempts >= o.MaxAttempts)
        {
            logger.LogWarning("Gave up on event {Event} ({Kind}) after {Attempts} attempts: {Failure}", e.Id, e.Kind, attempts, failure);
            await outbox.DoneAsync(e, "gave-up", failure, now, ct);
        }
        else
            await outbox.RetryAsync(e, failure, now + Backoff(attempts, o), ct);
    }

    /// <summary>The wait after the n-th failed attempt: the first delay, doubled for each attempt before, at most the maximum.</summary>
    public static TimeSpan Backoff(int attempts, EventOptions o)
    {
        var doubled = o.FirstRetryDelay.Ticks * Math.Pow(2, Math.Min(attempts - 1, 30));
        return doubled >= o.MaxRetryDelay.Ticks ? o.MaxRetryDelay : TimeSpan.FromTicks((long)doubled);
    }
}
