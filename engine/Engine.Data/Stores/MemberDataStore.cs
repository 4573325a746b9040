using System.Data.Common;
using System.Net;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Dapper;
using Engine.Core.DataRights;
using Engine.Core.Email;

namespace Engine.Data.Stores;

/// <summary>One member's data, read for "Download my data" and erased for "Delete my account".</summary>
public sealed class MemberDataStore(Database db) : IMemberDataStore
{
    public async Task<MemberData?> CollectAsync(string tenantId, long memberId, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        var args = new { tenantId, memberId };
        var account = await c.QuerySingleOrDefaultAsync<AccountRow>("""
            SELECT id, display_name, email, email_confirmed, role, blocked, language, created_at, two_factor_enabled FROM members
            WHERE tenant_id = @tenantId AND id = @memberId AND deleted_at IS NULL
            """, args);
        if (account is null) return null;
        // author_id is set only where the anonymity policy keeps the link: a fully anonymous post has a keyed hash instead.
        var ideas = await c.QueryAsync<ContributionRow>("""
            SELECT i.id, i.id AS idea_id, ch.slug AS challenge, i.title, i.body, i.anonymous, i.moderation, i.moderation_reason, i.created_at
            FROM ideas i JOIN challenges ch ON ch.tenant_id = i.tenant_id AND ch.id = i.challenge_id
            WHERE i.tenant_id = @tenantId AND i.author_id = @memberId ORDER BY i.id
            """, args);
        // The images on the ideas above (the same ideas, so never one whose policy keeps no link to the member).
        var images = await c.QueryAsync<(long Id, long IdeaId, string AltText, long Width, long Height, long CreatedAt)>("""
            SELECT m.id, m.idea_id, m.alt_text, m.width, m.height, m.created_at
            FROM idea_images m JOIN ideas i ON i.tenant_id = m.tenant_id AND i.id = m.idea_id
            WHERE m.tenant_id = @tenantId AND i.author_id = @memberId ORDER BY m.id
            """, args);
        var comments = await c.QueryAsync<ContributionRow>("""
            SELECT k.id, k.idea_id, ch.slug AS challenge, i.title, k.body, k.anonymous, k.moderation, k.moderation_reason, k.created_at
            FROM comments k JOIN ideas i ON i.tenant_id = k.tenant_id AND i.id = k.idea_id
            JOIN challenges ch ON ch.tenant_id = i.tenant_id AND ch.id = i.challenge_id
            WHERE k.tenant_id = @tenantId AND k.author_id = @memberId ORDER BY k.id
            """, args);
        var votes = await c.QueryAsync<VoteRow>("""
            SELECT v.idea_id, i.title AS idea_title, ch.slug AS challenge, v.value, v.created_at
            FROM votes v JOIN ideas i ON i.tenant_id = v.tenant_id AND i.id = v.idea_id
            JOIN challenges ch ON ch.tenant_id = i.tenant_id AND ch.id = i.challenge_id
            WHERE v.tenant_id = @tenantId AND v.member_id = @memberId ORDER BY v.idea_id
            """, args);
        var follows = await c.QueryAsync<FollowRow>("""
            SELECT f.kind, f.target_id, COALESCE(i.title, ch.title, '') AS title, f.created_at
            FROM follows f
            LEFT JOIN ideas i ON f.kind = 'idea' AND i.tenant_id = f.tenant_id AND i.id = f.target_id
            LEFT JOIN challenges ch ON f.kind = 'challenge' AND ch.tenant_id = f.tenant_id AND ch.id = f.target_id
            WHERE f.tenant_id = @tenantId AND f.member_id = @memberId ORDER BY f.kind, f.target_id
            """, args);
        var tokens = await c.QueryAsync<TokenRow>("""
            SELECT id, name, created_at, last_used_at, expires_at FROM member_tokens
            WHERE tenant_id = @tenantId AND member_id = @memberId ORDER BY id
            """, args);
        var sessions = await c.QueryAsync<long>(
            "SELECT ended_at FROM ended_sessions WHERE tenant_id = @tenantId AND member_id = @memberId ORDER BY ended_at", args);
        var links = await c.QueryAsync<(string Provider, string Subject, long CreatedAt)>(
            "SELECT provider, subject, created_at FROM external_logins WHERE tenant_id = @tenantId AND member_id = @memberId ORDER BY created_at, provider", args);
        var recoveryCodes = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM recovery_codes WHERE tenant_id = @tenantId AND member_id = @memberId", args);
        var open = await c.QueryAsync<(long StartedAt, string How, string Device)>("""
            SELECT s.started_at, s.how, s.device FROM member_sessions s
            WHERE s.tenant_id = @tenantId AND s.member_id = @memberId
              AND NOT EXISTS (SELECT 1 FROM ended_sessions e WHERE e.tenant_id = s.tenant_id AND e.session_id = s.session_id)
            ORDER BY s.started_at
            """, args);
        return new MemberData(
            new AccountRecord(account.Id, account.DisplayName, account.Email, account.EmailConfirmed != 0, account.Role, account.Blocked != 0,
                account.Language, Time.FromUnixMs(account.CreatedAt)),
            ideas.Select(r => r.ToRecord()).ToList(),
            comments.Select(r => r.ToRecord()).ToList(),
            votes.Select(v => new VoteRecord(v.IdeaId, v.IdeaTitle, v.Challenge, (int)v.Value, Time.FromUnixMs(v.CreatedAt))).ToList(),
            follows.Select(f => new FollowRecord(f.Kind, f.TargetId, f.Title, Time.FromUnixMs(f.CreatedAt))).ToList(),
            EmailPreferences.Default,
            tokens.Select(t => new TokenRecord(t.Id, t.Name, Time.FromUnixMs(t.CreatedAt), Time.FromUnixMs(t.LastUsedAt), Time.FromUnixMs(t.ExpiresAt))).ToList(),
            sessions.Select(s => new EndedSessionRecord(Time.FromUnixMs(s))).ToList())
        {
            ProviderLinks = links.Select(l => new ProviderLinkRecord(l.Provider, l.Subject, Time.FromUnixMs(l.CreatedAt))).ToList(),
            TwoFactor = new TwoFactorRecord(account.TwoFactorEnabled != 0, (int)recoveryCodes),
            Sessions = open.Select(o => new SessionRecord(Time.FromUnixMs(o.StartedAt), o.How, o.Device)).ToList(),
            Images = images.Select(m => new ImageRecord(m.Id, m.IdeaId, m.AltText, (int)m.Width, (int)m.Height, Time.FromUnixMs(m.CreatedAt))).ToList(),
        };
    }

    public Task<bool> DeleteAsync(string tenantId, long memberId, string authorKey, bool deleteContributions, string formerMember, DateTimeOffset now,
        CancellationToken ct = default, DateTimeOffset? onlyIfWarnedBy = null) =>
        db.WriteAsync(tenantId, (c, tx) =>
        {
            var args = new { tenantId, memberId, authorKey, warnedBy = onlyIfWarnedBy?.ToUnixMs() };
            // FOR UPDATE: on PostgreSQL a member signing in now waits for this to commit (and then finds no account), or
            // withdrew the warning first (and then keeps it). SQLite has one writer at a time already.
            var warned = onlyIfWarnedBy is null ? "" : "AND retention_warned_at IS NOT NULL AND retention_warned_at <= @warnedBy";
            var member = c.QuerySingleOrDefault<(string DisplayName, string Email)>(
                $"SELECT display_name, email FROM members WHERE tenant_id = @tenantId AND id = @memberId AND deleted_at IS NULL {warned}{db.ForUpdate}",
                args, tx);
            if (member == default) return false;
            TakeBackVotes(c, tx, tenantId, memberId);
            if (deleteContributions) DeleteContributions(c, tx, tenantId, memberId, authorKey);
            foreach (var table in (string[])["follows", "email_preferences", "member_tokens", "ended_sessions", "member_sessions", "external_logins",
                         "recovery_codes", "member_passkeys", "group_members", "reports", "email_outbox"])
                c.Execute($"DELETE FROM {table} WHERE tenant_id = @tenantId AND member_id = @memberId", args, tx);
            ForgetInOthersEmails(c, tx, tenantId, member.DisplayName, member.Email, formerMember);
            // A tombstone: ids elsewhere (the audit log, kept contributions) still point at a member, who is nobody. The
            // normalized email is in lower case, which no address is normalized to, so nobody can sign in as it or register it.
            c.Execute("""
                UPDATE members SET email = '', normalized_email = 'deleted:' || CAST(id AS TEXT), display_name = @formerMember,
                       password_hash = NULL, security_stamp = @stamp, role = 'member', lockout_end = NULL, access_failed_count = 0,
                       blocked = 0, email_confirmed = 0, language = NULL, authenticator_key = NULL, two_factor_enabled = 0, deleted_at = @now
                WHERE tenant_id = @tenantId AND id = @memberId
                """, new { tenantId, memberId, formerMember, stamp = Guid.NewGuid().ToString("N"), now = now.ToUnixMs() }, tx);
            return true;
        }, ct);

    /// <summary>Each vote goes, and the counters it moved move back, as taking the vote back would (see VoteStore).</summary>
    private static void TakeBackVotes(DbConnection c, DbTransaction tx, string tenantId, long memberId)
    {
        var args = new { tenantId, memberId };
        c.Execute("""
            UPDATE idea_counts SET
                up_count = up_count - (SELECT CASE WHEN v.value > 0 THEN v.value ELSE 0 END FROM votes v
                    WHERE v.tenant_id = idea_counts.tenant_id AND v.idea_id = idea_counts.idea_id AND v.member_id = @memberId),
                down_count = down_count - (SELECT CASE WHEN v.value < 0 THEN -v.value ELSE 0 END FROM votes v
                    WHERE v.tenant_id = idea_counts.tenant_id AND v.idea_id = idea_counts.idea_id AND v.member_id = @memberId),
                voter_count = voter_count - 1
            WHERE tenant_id = @tenantId
              AND idea_id IN (SELECT idea_id FROM votes WHERE tenant_id = @tenantId AND member_id = @memberId)
            """, args, tx);
        c.Execute("DELETE FROM carried_votes WHERE tenant_id = @tenantId AND member_id = @memberId", args, tx);
        c.Execute("DELETE FROM votes WHERE tenant_id = @tenantId AND member_id = @memberId", args, tx);
    }

    /// <summary>
    /// The member's ideas and comments, fully anonymous ones included (found by their author key). An idea goes with
    /// everything that hangs on it (its comments, votes, follows, reports, theme places); a duplicate merged into it is
    /// put back in the lists. A reply to a deleted comment stays, as a comment on the idea.
    /// </summary>
    private void DeleteContributions(DbConnection c, DbTransaction tx, string tenantId, long memberId, string authorKey)
    {
        var args = new { tenantId, memberId, authorKey };
        const string Mine = "tenant_id = @tenantId AND (author_id = @memberId OR author_key = @authorKey)";
        var ideas = c.Query<long>($"SELECT id FROM ideas WHERE {Mine}", args, tx).ToArray();
        var comments = c.Query<(long Id, long IdeaId, string Moderation)>($"SELECT id, idea_id, moderation FROM comments WHERE {Mine}", args, tx).ToList();
        // Comments on the member's own ideas go with the ideas.
        var onIdeas = ideas.Length == 0 ? [] : c.Query<long>($"SELECT id FROM comments WHERE tenant_id = @tenantId AND {db.IsIn("idea_id", "ideas")}",
            new { tenantId, ideas }, tx).ToArray();
        var allComments = comments.Select(k => k.Id).Union(onIdeas).ToArray();
        if (allComments.Length > 0)
        {
            var list = new { tenantId, ids = allComments };
            c.Execute($"DELETE FROM reports WHERE tenant_id = @tenantId AND kind = 'comment' AND {db.IsIn("content_id", "ids")}", list, tx);
            c.Execute($"UPDATE comments SET parent_id = NULL WHERE tenant_id = @tenantId AND {db.IsIn("parent_id", "ids")}", list, tx);
            // Every earlier text of a deleted comment goes with it (moderators kept them; the member's words are gone).
            c.Execute($"DELETE FROM contribution_versions WHERE tenant_id = @tenantId AND kind = 'comment' AND {db.IsIn("content_id", "ids")}", list, tx);
            // Only published comments are counted on their idea.
            foreach (var k in comments.Where(k => k.Moderation == "published" && !ideas.Contains(k.IdeaId)))
                c.Execute("UPDATE ideas SET comment_count = comment_count - 1 WHERE tenant_id = @tenantId AND id = @IdeaId", new { tenantId, k.IdeaId }, tx);
            c.Execute($"DELETE FROM comments WHERE tenant_id = @tenantId AND {db.IsIn("id", "ids")}", list, tx);
        }
        if (ideas.Length == 0) return;
        var these = new { tenantId, ideas };
        c.Execute($"DELETE FROM reports WHERE tenant_id = @tenantId AND kind = 'idea' AND {db.IsIn("content_id", "ideas")}", these, tx);
        c.Execute($"DELETE FROM contribution_versions WHERE tenant_id = @tenantId AND kind = 'idea' AND {db.IsIn("content_id", "ideas")}", these, tx);
        c.Execute($"DELETE FROM follows WHERE tenant_id = @tenantId AND kind = 'idea' AND {db.IsIn("target_id", "ideas")}", these, tx);
        c.Execute($"DELETE FROM carried_votes WHERE tenant_id = @tenantId AND ({db.IsIn("idea_id", "ideas")} OR {db.IsIn("from_idea_id", "ideas")})", these, tx);
        c.Execute($"DELETE FROM votes WHERE tenant_id = @tenantId AND {db.IsIn("idea_id", "ideas")}", these, tx);
        c.Execute($"DELETE FROM idea_counts WHERE tenant_id = @tenantId AND {db.IsIn("idea_id", "ideas")}", these, tx);
        c.Execute($"DELETE FROM idea_theme_ideas WHERE tenant_id = @tenantId AND {db.IsIn("idea_id", "ideas")}", these, tx);
        c.Execute($"DELETE FROM idea_images WHERE tenant_id = @tenantId AND {db.IsIn("idea_id", "ideas")}", these, tx);
        c.Execute($"""
            UPDATE ideas SET merged_into = NULL, merged_at = NULL, merged_by = NULL
            WHERE tenant_id = @tenantId AND {db.IsIn("merged_into", "ideas")}
            """, these, tx);
        c.Execute($"DELETE FROM ideas WHERE tenant_id = @tenantId AND {db.IsIn("id", "ideas")}", these, tx);
        // FTS5 marks a deleted row's words as deleted and keeps them in its segments until they are merged: merging every
        // segment now (the whole index, but deleting an account is rare) leaves no word of the deleted ideas in it.
        if (db.Dialect == SqlDialect.Sqlite) c.Execute("INSERT INTO idea_search (idea_search) VALUES ('optimize')", transaction: tx);
    }

    /// <summary>
    /// Emails to other members are composed when queued, so one about the member's reply names them: their name and
    /// address become "Former member" in every email kept, as written and as the HTML part encodes them. Whole words
    /// only, so that a short name does not change other words.
    /// </summary>
    private static void ForgetInOthersEmails(DbConnection c, DbTransaction tx, string tenantId, string name, string email, string formerMember)
    {
        var forms = new[] { name, email, HtmlEncoder.Default.Encode(name), WebUtility.HtmlEncode(name), HtmlEncoder.Default.Encode(email) }
            .Where(f => f.Length > 0).Distinct().ToList();
        var pattern = new Regex(@"(?<![\p{L}\p{N}])(" + string.Join('|', forms.Select(Regex.Escape)) + @")(?![\p{L}\p{N}])");
        string? Forget(string? text) => text is null ? null : pattern.Replace(text, formerMember);
        foreach (var form in forms)
        {
            var like = "%" + form.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_") + "%";
            var rows = c.Query<(long Id, string Subject, string Body, string? HtmlBody, string ToName)>(@"
                SELECT id, subject, body, html_body, to_name FROM email_outbox
                WHERE tenant_id = @tenantId AND (subject LIKE @like ESCAPE '\' OR body LIKE @like ESCAPE '\' OR html_body LIKE @like ESCAPE '\'
                                                 OR to_name LIKE @like ESCAPE '\')", new { tenantId, like }, tx).ToList();
            foreach (var r in rows)
                c.Execute("""
                    UPDATE email_outbox SET subject = @subject, body = @body, html_body = @htmlBody, to_name = @toName
                    WHERE tenant_id = @tenantId AND id = @Id
                    """, new { tenantId, r.Id, subject = Forget(r.Subject), body = Forget(r.Body), htmlBody = Forget(r.HtmlBody), toName = Forget(r.ToName) }, tx);
        }
    }

    private sealed record AccountRow(long Id, string DisplayName, string Email, long EmailConfirmed, string Role, long Blocked, string? Language, long CreatedAt,
        long TwoFactorEnabled);

    private sealed record ContributionRow(long Id, long IdeaId, string Challenge, string Title, string Body, long Anonymous, string Moderation,
        string? ModerationReason, long CreatedAt)
    {
        public ContributionRecord ToRecord() =>
            new(Id, IdeaId, Challenge, Title, Body, Anonymous != 0, Moderation, ModerationReason, Time.FromUnixMs(CreatedAt));
    }

    private sealed record VoteRow(long IdeaId, string IdeaTitle, string Challenge, long Value, long CreatedAt);
    private sealed class FollowRow
    {
        public string Kind { get; set; } = "";
        public long TargetId { get; set; }
        public string Title { get; set; } = "";
        public long CreatedAt { get; set; }
    }
    private sealed record TokenRow(long Id, string Name, long CreatedAt, long? LastUsedAt, long ExpiresAt);
}
