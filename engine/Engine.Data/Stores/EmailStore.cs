using System.Data.Common;
using Dapper;
using Engine.Core.Email;

namespace Engine.Data.Stores;

/// <summary>The outbox, members' email preferences and what goes into digests.</summary>
public sealed class EmailStore(Database db) : IEmailStore
{
    private const string Open = "sent_at IS NULL AND failed_at IS NULL AND withdrawn_at IS NULL";

    public Task EnqueueAsync(string tenantId, Sender sender, IReadOnlyList<OutgoingEmail> emails, DateTimeOffset now, CancellationToken ct = default) =>
        db.WriteAsync(tenantId, (c, tx) =>
        {
            foreach (var e in emails) Insert(c, tx, tenantId, sender, e, now);
            return 0;
        }, ct);

    public Task DigestDoneAsync(string tenantId, long memberId, Sender sender, OutgoingEmail? digest, DateTimeOffset now, CancellationToken ct = default) =>
        db.WriteAsync(tenantId, (c, tx) =>
        {
            if (digest is not null) Insert(c, tx, tenantId, sender, digest, now);
            // A member who never chose keeps the defaults, with the digest clock started.
            var d = EmailPreferences.Default;
            c.Execute("""
                INSERT INTO email_preferences (tenant_id, member_id, replies, status_changes, official_responses, admin_updates, digest, last_digest_at, updated_at)
                VALUES (@tenantId, @memberId, @Replies, @StatusChanges, @OfficialResponses, @AdminUpdates, @digest, @now, @now)
                ON CONFLICT (tenant_id, member_id) DO UPDATE SET last_digest_at = @now
                """, new { tenantId, memberId, d.Replies, d.StatusChanges, d.OfficialResponses, d.AdminUpdates, digest = d.Digest.Key(), now = now.ToUnixMs() }, tx);
            return 0;
        }, ct);

    /// <summary>Queues one email inside another store's transaction, so it goes if and only if that change is kept.</summary>
    internal static void Insert(DbConnection c, DbTransaction tx, string tenantId, Sender sender, OutgoingEmail e, DateTimeOffset now)
    {
        var id = Sequences.Next(c, tx, tenantId, "email");
        c.Execute("""
            INSERT INTO email_outbox (tenant_id, id, kind, member_id, from_address, reply_to, to_address, to_name, subject, body, html_body, unsubscribe_url,
                                      created_at, next_attempt_at)
            VALUES (@tenantId, @id, @kind, @MemberId, @from, @replyTo, @To, @ToName, @Subject, @Body, @Html, @UnsubscribeUrl, @now, @now)
            """, new { tenantId, id, kind = e.Kind.Key(), e.MemberId, from = sender.From, replyTo = sender.ReplyTo, e.To, e.ToName, e.Subject, e.Body,
                e.Html, e.UnsubscribeUrl, now = now.ToUnixMs() }, tx);
    }

    public async Task<IReadOnlyList<QueuedEmail>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int limit, CancellationToken ct = default)
    {
        List<(string TenantId, long Id)> due;
        await using (var c = db.OpenReader())
            due = (await c.QueryAsync<(string, long)>($"""
                SELECT tenant_id, id FROM email_outbox
                WHERE {Open} AND next_attempt_at <= @now AND (claimed_until IS NULL OR claimed_until <= @now)
                ORDER BY next_attempt_at, tenant_id, id LIMIT @limit
                """, new { now = now.ToUnixMs(), limit })).ToList();
        var claimed = new List<QueuedEmail>();
        // One write per tenant, so only that tenant's cached pages are dropped. The claim re-checks the row:
        // another node may have claimed it since it was read, and then this one gets nothing.
        foreach (var tenant in due.GroupBy(d => d.TenantId))
        {
            var ids = tenant.Select(t => t.Id).ToArray();
            var rows = await db.WriteAsync(tenant.Key, (c, tx) => c.Query<Row>($"""
                UPDATE email_outbox SET claimed_until = @until
                WHERE tenant_id = @tenantId AND {db.IsIn("id", "ids")} AND {Open} AND (claimed_until IS NULL OR claimed_until <= @now)
                RETURNING tenant_id, id, kind, member_id, from_address, reply_to, to_address, to_name, subject, body, html_body, unsubscribe_url, attempts, created_at
                """, new { tenantId = tenant.Key, ids, now = now.ToUnixMs(), until = (now + lease).ToUnixMs() }, tx).ToList(), ct);
            claimed.AddRange(rows.Select(r => r.ToEmail()));
        }
        return claimed;
    }

    public Task MarkSentAsync(QueuedEmail email, DateTimeOffset now, CancellationToken ct = default) =>
        db.WriteAsync(email.TenantId, (c, tx) => c.Execute($"""
            UPDATE email_outbox SET sent_at = @now, attempts = attempts + 1, claimed_until = NULL, last_error = NULL
            WHERE tenant_id = @TenantId AND id = @Id AND {Open}
            """, new { email.TenantId, email.Id, now = now.ToUnixMs() }, tx), ct);

    public Task MarkFailedAsync(QueuedEmail email, string error, DateTimeOffset? retryAt, DateTimeOffset now, CancellationToken ct = default) =>
        db.WriteAsync(email.TenantId, (c, tx) => c.Execute($"""
            UPDATE email_outbox SET attempts = attempts + 1, claimed_until = NULL, last_error = @error,
                   next_attempt_at = COALESCE(@retryAt, next_attempt_at), failed_at = CASE WHEN @retryAt IS NULL THEN @now ELSE NULL END
            WHERE tenant_id = @TenantId AND id = @Id AND {Open}
            """, new { email.TenantId, email.Id, error = error.Length > 1000 ? error[..1000] : error, retryAt = retryAt?.ToUnixMs(), now = now.ToUnixMs() }, tx), ct);

    public Task ReleaseAsync(QueuedEmail email, CancellationToken ct = default) =>
        db.WriteAsync(email.TenantId, (c, tx) => c.Execute($"UPDATE email_outbox SET claimed_until = NULL WHERE tenant_id = @TenantId AND id = @Id AND {Open}",
            new { email.TenantId, email.Id }, tx), ct);

    public Task MarkWithdrawnAsync(QueuedEmail email, DateTimeOffset now, CancellationToken ct = default) =>
        db.WriteAsync(email.TenantId, (c, tx) => c.Execute($"""
            UPDATE email_outbox SET withdrawn_at = @now, claimed_until = NULL WHERE tenant_id = @TenantId AND id = @Id AND {Open}
            """, new { email.TenantId, email.Id, now = now.ToUnixMs() }, tx), ct);

    public async Task<int> PendingCountAsync(string tenantId, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        return (int)await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM email_outbox WHERE tenant_id = @tenantId AND {Open}", new { tenantId });
    }

    public async Task<EmailPreferences> PreferencesAsync(string tenantId, long memberId, CancellationToken ct = default) =>
        (await RecipientsAsync(tenantId, [memberId], ct)).SingleOrDefault()?.Preferences ?? EmailPreferences.Default;

    public Task SavePreferencesAsync(string tenantId, long memberId, EmailPreferences p, DateTimeOffset now, CancellationToken ct = default) =>
        db.WriteAsync(tenantId, (c, tx) => c.Execute("""
            INSERT INTO email_preferences (tenant_id, member_id, replies, status_changes, official_responses, admin_updates, digest, updated_at)
            VALUES (@tenantId, @memberId, @Replies, @StatusChanges, @OfficialResponses, @AdminUpdates, @digest, @now)
            ON CONFLICT (tenant_id, member_id) DO UPDATE SET replies = @Replies, status_changes = @StatusChanges,
                official_responses = @OfficialResponses, admin_updates = @AdminUpdates, digest = @digest, updated_at = @now
            """, new { tenantId, memberId, p.Replies, p.StatusChanges, p.OfficialResponses, p.AdminUpdates, digest = p.Digest.Key(), now = now.ToUnixMs() }, tx), ct);

    private const string SelectRecipients = """
        SELECT m.id, m.email, m.display_name, m.email_confirmed, m.blocked,
               p.replies, p.status_changes, p.official_responses, p.admin_updates, p.digest, m.language
        FROM members m LEFT JOIN email_preferences p ON p.tenant_id = m.tenant_id AND p.member_id = m.id
        WHERE m.tenant_id = @tenantId
        """;

    public async Task<IReadOnlyList<Recipient>> RecipientsAsync(string tenantId, IReadOnlyCollection<long> memberIds, CancellationToken ct = default)
    {
        if (memberIds.Count == 0) return [];
        await using var c = db.OpenReader();
        var rows = new List<RecipientRow>();
        // Chunked: a status change on a popular idea can have thousands of followers, more than one statement's parameters.
        foreach (var chunk in memberIds.Chunk(500))
            rows.AddRange(await c.QueryAsync<RecipientRow>($"{SelectRecipients} AND {db.IsIn("m.id", "ids")} ORDER BY m.id", new { tenantId, ids = chunk }));
        return rows.Select(r => r.ToRecipient()).ToList();
    }

    public async Task<IReadOnlyList<Recipient>> MembersAsync(string tenantId, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        return (await c.QueryAsync<RecipientRow>($"{SelectRecipients} AND m.blocked = 0 ORDER BY m.id", new { tenantId })).Select(r => r.ToRecipient()).ToList();
    }

    public async Task<IReadOnlyList<Recipient>> ParticipantsAsync(string tenantId, long challengeId, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        return (await c.QueryAsync<RecipientRow>($"""
            {SelectRecipients} AND m.blocked = 0 AND m.id IN (
                SELECT i.author_id FROM ideas i WHERE i.tenant_id = @tenantId AND i.challenge_id = @challengeId AND i.author_id IS NOT NULL
                UNION
                SELECT k.author_id FROM comments k JOIN ideas i ON i.tenant_id = k.tenant_id AND i.id = k.idea_id
                WHERE k.tenant_id = @tenantId AND i.challenge_id = @challengeId AND k.author_id IS NOT NULL
                UNION
                SELECT v.member_id FROM votes v JOIN ideas i ON i.tenant_id = v.tenant_id AND i.id = v.idea_id
                WHERE v.tenant_id = @tenantId AND i.challenge_id = @challengeId)
            ORDER BY m.id
            """, new { tenantId, challengeId })).Select(r => r.ToRecipient()).ToList();
    }

    public async Task<IReadOnlyList<DigestSubscriber>> DigestSubscribersAsync(string tenantId, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        var rows = await c.QueryAsync<(long MemberId, string Digest, long? LastDigestAt)>("""
            SELECT m.id, COALESCE(p.digest, @weekly), p.last_digest_at
            FROM members m LEFT JOIN email_preferences p ON p.tenant_id = m.tenant_id AND p.member_id = m.id
            WHERE m.tenant_id = @tenantId AND m.blocked = 0 AND m.email_confirmed = 1 AND COALESCE(p.digest, @weekly) <> 'none'
              AND EXISTS (SELECT 1 FROM follows f WHERE f.tenant_id = m.tenant_id AND f.member_id = m.id)
            ORDER BY m.id
            """, new { tenantId, weekly = DigestFrequency.Weekly.Key() });
        return rows.Select(r => new DigestSubscriber(r.MemberId, EmailKinds.TryParse(r.Digest, out DigestFrequency f) ? f : DigestFrequency.None,
            Time.FromUnixMs(r.LastDigestAt))).ToList();
    }

    public async Task<DigestActivity> DigestActivityAsync(string tenantId, long memberId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        var args = new { tenantId, memberId, from = from.ToUnixMs(), to = to.ToUnixMs() };
        // The author's name only for an idea posted under it: an anonymous idea reads "Anonymous" in the text.
        var ideas = await c.QueryAsync<(long Id, string Title, string ChallengeTitle, string? AuthorName, long CreatedAt, long ChallengeId)>("""
            SELECT i.id, i.title, ch.title, m.display_name, i.created_at, i.challenge_id
            FROM ideas i
            JOIN challenges ch ON ch.tenant_id = i.tenant_id AND ch.id = i.challenge_id
            LEFT JOIN members m ON m.tenant_id = i.tenant_id AND m.id = i.author_id AND i.anonymous = 0
            WHERE i.tenant_id = @tenantId AND i.moderation = 'published' AND i.merged_into IS NULL
              AND i.created_at >= @from AND i.created_at < @to
              AND i.challenge_id IN (SELECT target_id FROM follows WHERE tenant_id = @tenantId AND member_id = @memberId AND kind = 'challenge')
            ORDER BY ch.position, i.created_at, i.id
            """, args);
        var discussions = await c.QueryAsync<(long IdeaId, string Title, string ChallengeTitle, long NewComments, long ChallengeId)>("""
            SELECT i.id, i.title, ch.title, COUNT(*), i.challenge_id
            FROM comments k
            JOIN ideas i ON i.tenant_id = k.tenant_id AND i.id = k.idea_id
            JOIN challenges ch ON ch.tenant_id = i.tenant_id AND ch.id = i.challenge_id
            WHERE k.tenant_id = @tenantId AND k.moderation = 'published' AND i.moderation = 'published'
              AND k.created_at >= @from AND k.created_at < @to AND (k.author_id IS NULL OR k.author_id <> @memberId)
              AND (i.id IN (SELECT target_id FROM follows WHERE tenant_id = @tenantId AND member_id = @memberId AND kind = 'idea')
                   OR i.challenge_id IN (SELECT target_id FROM follows WHERE tenant_id = @tenantId AND member_id = @memberId AND kind = 'challenge'))
            GROUP BY i.id, i.title, ch.title, i.challenge_id
            ORDER BY COUNT(*) DESC, i.id
            """, args);
        return new DigestActivity(
            ideas.Select(i => new DigestIdea(i.Id, i.Title, i.ChallengeTitle, i.AuthorName, Time.FromUnixMs(i.CreatedAt)) { ChallengeId = i.ChallengeId }).ToList(),
            discussions.Select(d => new DigestDiscussion(d.IdeaId, d.Title, d.ChallengeTitle, (int)d.NewComments) { ChallengeId = d.ChallengeId }).ToList());
    }

    private sealed record RecipientRow(long Id, string Email, string DisplayName, long EmailConfirmed, long Blocked,
        long? Replies, long? StatusChanges, long? OfficialResponses, long? AdminUpdates, string? Digest, string? Language)
    {
        public Recipient ToRecipient() => new(Id, Email, DisplayName, EmailConfirmed != 0, Blocked != 0, Digest is null
            ? EmailPreferences.Default
            : new EmailPreferences(Replies != 0, StatusChanges != 0, OfficialResponses != 0, AdminUpdates != 0,
                EmailKinds.TryParse(Digest, out DigestFrequency f) ? f : DigestFrequency.None), Language);
    }

    private sealed record Row(string TenantId, long Id, string Kind, long MemberId, string FromAddress, string? ReplyTo, string ToAddress, string ToName,
        string Subject, string Body, string? HtmlBody, string? UnsubscribeUrl, long Attempts, long CreatedAt)
    {
        public QueuedEmail ToEmail() => new(TenantId, Id, EmailKinds.TryParse(Kind, out EmailKind k) ? k : EmailKind.AdminUpdate, MemberId, FromAddress, ReplyTo,
            ToAddress, ToName, Subject, Body, UnsubscribeUrl, (int)Attempts, Time.FromUnixMs(CreatedAt), HtmlBody);
    }
}
