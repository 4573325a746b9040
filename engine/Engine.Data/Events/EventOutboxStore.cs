using System.Text.Json;
using Dapper;
using Engine.Core.Common;
using Engine.Sdk;

namespace Engine.Data.Events;

/// <summary>An event taken from the outbox to deliver, and how many times it has been taken (this time included).</summary>
public sealed record OutboxEvent(SiteEvent Event, int Attempts);

/// <summary>An event as the delivery log shows it: where it has got to, and what went wrong last.</summary>
public sealed record OutboxEntry(string Stream, long Seq, string Kind, DateTimeOffset At, int Attempts, string? LastError,
    DateTimeOffset? DoneAt, string? Outcome, DateTimeOffset NextAttemptAt);

/// <summary>
/// The outbox as its deliverers use it. Events are taken (claimed for a lease) only at the head of their stream, the
/// lowest number not yet done, so a stream is delivered in order; while its head waits for a retry, the stream waits with
/// it. On PostgreSQL the claim skips rows another node is claiming (FOR UPDATE SKIP LOCKED) and checks the row again once
/// locked, so in the normal case each event is taken by one node; a node that stops mid-delivery lets its lease run out,
/// and another takes the event over (at least once).
/// </summary>
public sealed class EventOutboxStore(Database db)
{
    /// <summary>
    /// Takes up to <paramref name="max"/> of a site's events that are due, each the head of its stream, for <paramref name="lease"/>.
    /// One site at a time: a write for a site that changes only records no cache keeps moves no cache's version anywhere.
    /// </summary>
    public async Task<IReadOnlyList<OutboxEvent>> ClaimAsync(string tenantId, DateTimeOffset now, TimeSpan lease, int max, CancellationToken ct = default)
    {
        var sql = $"""
            UPDATE event_outbox SET claimed_until = @until, attempts = attempts + 1
            WHERE (tenant_id, stream, seq) IN (
                SELECT e.tenant_id, e.stream, e.seq FROM event_outbox e
                WHERE e.tenant_id = @tenantId AND e.done_at IS NULL AND e.next_attempt_at <= @now AND e.claimed_until <= @now
                  AND NOT EXISTS (SELECT 1 FROM event_outbox p
                                  WHERE p.tenant_id = e.tenant_id AND p.stream = e.stream AND p.seq < e.seq AND p.done_at IS NULL)
                ORDER BY e.next_attempt_at LIMIT @max{(db.Dialect == SqlDialect.Postgres ? " FOR UPDATE SKIP LOCKED" : "")})
              AND done_at IS NULL AND claimed_until <= @now
            RETURNING tenant_id, stream, seq, kind, payload, created_at, attempts
            """;
        var rows = await db.WriteAsync(tenantId, WriteScope.Records, (c, tx) =>
            c.Query<(string TenantId, string Stream, long Seq, string Kind, string Payload, long CreatedAt, long Attempts)>(sql,
                new { tenantId, now = now.ToUnixMs(), until = (now + lease).ToUnixMs(), max }, tx).ToList(), ct);
        return rows.Select(r => new OutboxEvent(ToEvent(r.TenantId, r.Stream, r.Seq, r.Kind, r.Payload, r.CreatedAt), (int)r.Attempts)).ToList();
    }

    private static SiteEvent ToEvent(string tenantId, string stream, long seq, string kind, string payload, long createdAt)
    {
        var facts = JsonSerializer.Deserialize<EventFacts>(payload, EventFacts.Json)!;
        return new SiteEvent
        {
            Kind = kind, TenantId = tenantId, Stream = stream, Sequence = seq, At = Time.FromUnixMs(createdAt),
            ChallengeId = facts.ChallengeId, IdeaId = facts.IdeaId, CommentId = facts.CommentId, Title = facts.Title, Author = facts.Author,
            Value = facts.Value, Up = facts.Up, Down = facts.Down, Status = facts.Status, Note = facts.Note,
        };
    }

    /// <summary>Events not yet delivered nor given up on, all sites together: the outbox depth operators watch.</summary>
    public long Waiting()
    {
        using var c = db.OpenReader();
        return c.ExecuteScalar<long>("SELECT COUNT(*) FROM event_outbox WHERE done_at IS NULL");
    }

    /// <summary>The handlers that already have the event (from an earlier attempt).</summary>
    public async Task<IReadOnlySet<string>> DeliveredToAsync(SiteEvent e, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        var handlers = await c.QueryAsync<string>(
            "SELECT handler FROM event_deliveries WHERE tenant_id = @TenantId AND stream = @Stream AND seq = @Sequence", e);
        return handlers.ToHashSet(StringComparer.Ordinal);
    }

    public Task RecordDeliveryAsync(SiteEvent e, string handler, DateTimeOffset now, CancellationToken ct = default) =>
        db.WriteAsync(e.TenantId, WriteScope.Records, (c, tx) => c.Execute("""
            INSERT INTO event_deliveries (tenant_id, stream, seq, handler, delivered_at) VALUES (@TenantId, @Stream, @Sequence, @handler, @now)
            ON CONFLICT (tenant_id, stream, seq, handler) DO NOTHING
            """, new { e.TenantId, e.Stream, e.Sequence, handler, now = now.ToUnixMs() }, tx), ct);

    /// <summary>Every handler has it (outcome "delivered"), or the engine gave up on it ("gave-up": a dead letter); the stream moves on.</summary>
    public Task DoneAsync(SiteEvent e, string outcome, string? error, DateTimeOffset now, CancellationToken ct = default) =>
        db.WriteAsync(e.TenantId, WriteScope.Records, (c, tx) => c.Execute("""
            UPDATE event_outbox SET done_at = @now, outcome = @outcome, last_error = COALESCE(@error, last_error), claimed_until = 0
            WHERE tenant_id = @TenantId AND stream = @Stream AND seq = @Sequence
            """, new { e.TenantId, e.Stream, e.Sequence, outcome, error, now = now.ToUnixMs() }, tx), ct);

    /// <summary>Some handler failed: the event (and its stream) waits until <paramref name="next"/>.</summary>
    public Task RetryAsync(SiteEvent e, string error, DateTimeOffset next, CancellationToken ct = default) =>
        db.WriteAsync(e.TenantId, WriteScope.Records, (c, tx) => c.Execute("""
            UPDATE event_outbox SET next_attempt_at = @next, last_error = @error, claimed_until = 0
            WHERE tenant_id = @TenantId AND stream = @Stream AND seq = @Sequence
            """, new { e.TenantId, e.Stream, e.Sequence, error, next = next.ToUnixMs() }, tx), ct);

    /// <summary>
    /// Tells, once, of each challenge of these sites that opened or closed (by its schedule) within <paramref name="within"/>
    /// before now: older moments are history, not news (a site that just chose an event handler is not told of last
    /// year's challenges). The moment's row makes it once across nodes: the second to insert it inserts nothing.
    /// </summary>
    public async Task TellChallengeMomentsAsync(IReadOnlyCollection<string> tenantIds, DateTimeOffset now, TimeSpan within, CancellationToken ct = default)
    {
        if (tenantIds.Count == 0) return;
        var args = new { tenantIds = tenantIds.ToArray(), now = now.ToUnixMs(), since = (now - within).ToUnixMs() };
        List<(string TenantId, long Id, string Title, string Moment)> due;
        await using (var c = db.OpenReader())
        {
            due = (await c.QueryAsync<(string, long, string, string)>($"""
                SELECT h.tenant_id, h.id, h.title, m.moment FROM challenges h
                JOIN (SELECT 'opened' AS moment UNION ALL SELECT 'closed') m ON 1 = 1
                WHERE {db.IsIn("h.tenant_id", "tenantIds")} AND h.state <> 'draft'
                  AND (CASE m.moment WHEN 'opened' THEN h.opens_at ELSE h.closes_at END) BETWEEN @since AND @now
                  AND NOT EXISTS (SELECT 1 FROM challenge_moments t WHERE t.tenant_id = h.tenant_id AND t.challenge_id = h.id AND t.moment = m.moment)
                """, args)).ToList();
        }
        foreach (var (tenantId, id, title, moment) in due)
            await db.WriteAsync(tenantId, WriteScope.Records, (c, tx) =>
            {
                var first = c.Execute("""
                    INSERT INTO challenge_moments (tenant_id, challenge_id, moment, told_at) VALUES (@tenantId, @id, @moment, @now)
                    ON CONFLICT (tenant_id, challenge_id, moment) DO NOTHING
                    """, new { tenantId, id, moment, now = now.ToUnixMs() }, tx) == 1;
                if (first)
                    Outbox.Record(c, tx, tenantId, Outbox.ChallengeStream(id), moment == "opened" ? EventKinds.ChallengeOpened : EventKinds.ChallengeClosed,
                        new EventFacts { ChallengeId = id, Title = title }, now);
                return first;
            }, ct);
    }

    /// <summary>A site's events, newest first, for its delivery log; only those given up on (the dead letters) when asked.</summary>
    public async Task<IReadOnlyList<OutboxEntry>> ListAsync(string tenantId, bool gaveUpOnly, int max, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        var rows = await c.QueryAsync<(string Stream, long Seq, string Kind, long CreatedAt, long Attempts, string? LastError, long? DoneAt, string? Outcome, long NextAttemptAt)>($"""
            SELECT stream, seq, kind, created_at, attempts, last_error, done_at, outcome, next_attempt_at FROM event_outbox
            WHERE tenant_id = @tenantId {(gaveUpOnly ? "AND outcome = 'gave-up'" : "")}
            ORDER BY created_at DESC, stream, seq DESC LIMIT @max
            """, new { tenantId, max });
        return rows.Select(r => new OutboxEntry(r.Stream, r.Seq, r.Kind, Time.FromUnixMs(r.CreatedAt), (int)r.Attempts, r.LastError,
            r.DoneAt is { } d ? Time.FromUnixMs(d) : null, r.Outcome, Time.FromUnixMs(r.NextAttemptAt))).ToList();
    }
}
