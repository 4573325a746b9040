using Dapper;

namespace Engine.Data;

/// <summary>
/// Versioned schema changes, applied in order at start-up, the same steps on SQLite and PostgreSQL
/// (see <see cref="MigrationStep"/> for how a step is written once for both). Never edit a released
/// step: add a new one. Every table carries tenant_id, and every key and unique constraint starts with it.
/// </summary>
public static partial class Migrations
{
    private static readonly MigrationStep[] Steps =
    [
        new("""
        CREATE TABLE sequences (
            tenant_id TEXT NOT NULL, name TEXT NOT NULL, value INTEGER NOT NULL,
            PRIMARY KEY (tenant_id, name)) WITHOUT ROWID;

        CREATE TABLE members (
            tenant_id TEXT NOT NULL, id INTEGER NOT NULL,
            email TEXT NOT NULL, normalized_email TEXT NOT NULL, display_name TEXT NOT NULL,
            password_hash TEXT, security_stamp TEXT NOT NULL, role TEXT NOT NULL,
            lockout_end INTEGER, access_failed_count INTEGER NOT NULL DEFAULT 0, blocked INTEGER NOT NULL DEFAULT 0,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (tenant_id, id),
            UNIQUE (tenant_id, normalized_email));

        CREATE TABLE member_tokens (
            tenant_id TEXT NOT NULL, token_hash TEXT NOT NULL, member_id INTEGER NOT NULL, created_at INTEGER NOT NULL,
            PRIMARY KEY (tenant_id, token_hash),
            FOREIGN KEY (tenant_id, member_id) REFERENCES members (tenant_id, id)) WITHOUT ROWID;

        CREATE TABLE challenges (
            tenant_id TEXT NOT NULL, id INTEGER NOT NULL, slug TEXT NOT NULL, title TEXT NOT NULL,
            description TEXT NOT NULL, opens_at INTEGER, closes_at INTEGER, state TEXT NOT NULL, position INTEGER NOT NULL,
            -- Set once an admin edits the challenge: tenant.json no longer overwrites it (admin changes win).
            edited_by_admin INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (tenant_id, id),
            UNIQUE (tenant_id, slug));

        -- author_id is null for a fully anonymous idea, which keeps only author_key (a keyed hash).
        -- moderation: published, or held for a moderator (never public).
        CREATE TABLE ideas (
            tenant_id TEXT NOT NULL, id INTEGER NOT NULL, challenge_id INTEGER NOT NULL, author_id INTEGER, author_key TEXT,
            anonymous INTEGER NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL, status TEXT NOT NULL,
            moderation TEXT NOT NULL DEFAULT 'published', moderation_reason TEXT,
            status_note TEXT, status_changed_at INTEGER, assigned_to INTEGER,
            up_count INTEGER NOT NULL DEFAULT 0, down_count INTEGER NOT NULL DEFAULT 0, voter_count INTEGER NOT NULL DEFAULT 0,
            comment_count INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL,
            PRIMARY KEY (tenant_id, id),
            CHECK (author_id IS NOT NULL OR author_key IS NOT NULL),
            FOREIGN KEY (tenant_id, challenge_id) REFERENCES challenges (tenant_id, id),
            FOREIGN KEY (tenant_id, author_id) REFERENCES members (tenant_id, id));
        CREATE INDEX ideas_by_challenge ON ideas (tenant_id, challenge_id, created_at);

        CREATE TABLE comments (
            tenant_id TEXT NOT NULL, id INTEGER NOT NULL, idea_id INTEGER NOT NULL, parent_id INTEGER,
            author_id INTEGER, author_key TEXT, anonymous INTEGER NOT NULL, body TEXT NOT NULL,
            moderation TEXT NOT NULL DEFAULT 'published', moderation_reason TEXT, created_at INTEGER NOT NULL,
            official INTEGER NOT NULL DEFAULT 0, assigned_to INTEGER,
            PRIMARY KEY (tenant_id, id),
            CHECK (author_id IS NOT NULL OR author_key IS NOT NULL),
            FOREIGN KEY (tenant_id, idea_id) REFERENCES ideas (tenant_id, id),
            FOREIGN KEY (tenant_id, author_id) REFERENCES members (tenant_id, id));
        CREATE INDEX comments_by_idea ON comments (tenant_id, idea_id, id);

        CREATE TABLE votes (
            tenant_id TEXT NOT NULL, idea_id INTEGER NOT NULL, member_id INTEGER NOT NULL,
            value INTEGER NOT NULL CHECK (value <> 0 AND value BETWEEN -1000 AND 1000), created_at INTEGER NOT NULL,
            PRIMARY KEY (tenant_id, idea_id, member_id),
            FOREIGN KEY (tenant_id, idea_id) REFERENCES ideas (tenant_id, id),
            FOREIGN KEY (tenant_id, member_id) REFERENCES members (tenant_id, id)) WITHOUT ROWID;
        CREATE INDEX votes_by_member ON votes (tenant_id, member_id);

        -- Switches an admin changed at run time, layered on tenant.json; null means "as tenant.json says".
        CREATE TABLE tenant_settings (
            tenant_id TEXT NOT NULL, anonymous_posting INTEGER, down_votes INTEGER, updated_at INTEGER NOT NULL, updated_by INTEGER NOT NULL,
            PRIMARY KEY (tenant_id));

        -- One report per member per contribution; kind is 'idea' or 'comment'.
        CREATE TABLE reports (
            tenant_id TEXT NOT NULL, kind TEXT NOT NULL, content_id INTEGER NOT NULL, member_id INTEGER NOT NULL,
            reason TEXT NOT NULL, created_at INTEGER NOT NULL,
            PRIMARY KEY (tenant_id, kind, content_id, member_id),
            FOREIGN KEY (tenant_id, member_id) REFERENCES members (tenant_id, id)) WITHOUT ROWID;

        -- Append-only: the engine never updates or deletes a row here.
        CREATE TABLE audit_log (
            tenant_id TEXT NOT NULL, id INTEGER NOT NULL, at INTEGER NOT NULL, actor_id INTEGER NOT NULL,
            action TEXT NOT NULL, subject TEXT NOT NULL, detail TEXT NOT NULL,
            PRIMARY KEY (tenant_id, id));
        """)
        {
            SqliteOnly = """
                CREATE TRIGGER audit_log_is_append_only_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                CREATE TRIGGER audit_log_is_append_only_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                """,
            PostgresOnly = """
                CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$;
                CREATE TRIGGER audit_log_is_append_only BEFORE UPDATE OR DELETE ON audit_log
                    FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
                """,
        },
        // Step 2, site settings: rules, brand and per-challenge overrides chosen by an admin.
        """
        -- Rules and brand an admin chose at run time, as JSON; null means "as tenant.json says".
        ALTER TABLE tenant_settings ADD COLUMN rules TEXT;
        ALTER TABLE tenant_settings ADD COLUMN branding TEXT;

        -- One challenge's own switches and rules set by an admin; null means "as the site".
        CREATE TABLE challenge_settings (
            tenant_id TEXT NOT NULL, challenge_slug TEXT NOT NULL, anonymous_posting INTEGER, down_votes INTEGER, rules TEXT,
            updated_at INTEGER NOT NULL, updated_by INTEGER NOT NULL,
            PRIMARY KEY (tenant_id, challenge_slug)) WITHOUT ROWID;
        """,
        // Moderation: what a block hid (so unblocking restores exactly that), and reports a moderator has dealt with.
        """
        -- The state and reason content had before its author was blocked; null unless the block hid it.
        -- Unblocking restores these; a moderator's own decision on the content clears them.
        ALTER TABLE ideas ADD COLUMN before_block TEXT;
        ALTER TABLE ideas ADD COLUMN before_block_reason TEXT;
        ALTER TABLE comments ADD COLUMN before_block TEXT;
        ALTER TABLE comments ADD COLUMN before_block_reason TEXT;
        -- Set when a moderator decides about the content (approves, rejects, hides, or judges it fine):
        -- the report leaves the queue and no longer counts towards a report threshold.
        ALTER TABLE reports ADD COLUMN dealt_with_at INTEGER;
        ALTER TABLE reports ADD COLUMN dealt_with_by INTEGER;
        """,
        // Theming: merging duplicates, themes and big ideas.
        """
        -- Merging duplicates (theming, issue #4). A merged idea keeps every row it had; merged_into
        -- only hides it from lists and points its page at the idea it was merged into.
        ALTER TABLE ideas ADD COLUMN merged_into INTEGER;
        ALTER TABLE ideas ADD COLUMN merged_at INTEGER;
        ALTER TABLE ideas ADD COLUMN merged_by INTEGER;
        CREATE INDEX ideas_by_merged_into ON ideas (tenant_id, merged_into);

        -- A vote copied onto the kept idea from a merged one, for a member who had not voted on the kept
        -- idea: undoing the merge deletes exactly these, unless the member has since voted again themselves.
        CREATE TABLE carried_votes (
            tenant_id TEXT NOT NULL, idea_id INTEGER NOT NULL, member_id INTEGER NOT NULL, from_idea_id INTEGER NOT NULL,
            PRIMARY KEY (tenant_id, idea_id, member_id),
            FOREIGN KEY (tenant_id, idea_id) REFERENCES ideas (tenant_id, id),
            FOREIGN KEY (tenant_id, from_idea_id) REFERENCES ideas (tenant_id, id)) WITHOUT ROWID;
        CREATE INDEX carried_votes_by_source ON carried_votes (tenant_id, from_idea_id);

        -- After a challenge closes, its ideas are grouped into themes, and themes into big ideas.
        CREATE TABLE big_ideas (
            tenant_id TEXT NOT NULL, id INTEGER NOT NULL, challenge_id INTEGER NOT NULL,
            title TEXT NOT NULL, summary TEXT NOT NULL, description TEXT NOT NULL,
            created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
            PRIMARY KEY (tenant_id, id),
            FOREIGN KEY (tenant_id, challenge_id) REFERENCES challenges (tenant_id, id));

        CREATE TABLE idea_themes (
            tenant_id TEXT NOT NULL, id INTEGER NOT NULL, challenge_id INTEGER NOT NULL,
            title TEXT NOT NULL, summary TEXT NOT NULL, big_idea_id INTEGER,
            created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
            PRIMARY KEY (tenant_id, id),
            FOREIGN KEY (tenant_id, challenge_id) REFERENCES challenges (tenant_id, id),
            FOREIGN KEY (tenant_id, big_idea_id) REFERENCES big_ideas (tenant_id, id));
        CREATE INDEX idea_themes_by_big_idea ON idea_themes (tenant_id, big_idea_id);

        CREATE TABLE idea_theme_ideas (
            tenant_id TEXT NOT NULL, theme_id INTEGER NOT NULL, idea_id INTEGER NOT NULL, added_at INTEGER NOT NULL,
            PRIMARY KEY (tenant_id, theme_id, idea_id),
            FOREIGN KEY (tenant_id, theme_id) REFERENCES idea_themes (tenant_id, id),
            FOREIGN KEY (tenant_id, idea_id) REFERENCES ideas (tenant_id, id)) WITHOUT ROWID;
        CREATE INDEX idea_theme_ideas_by_idea ON idea_theme_ideas (tenant_id, idea_id);
        """,
        // A challenge's idea count (read on every challenge page and every vote) counts published, unmerged
        // ideas: without both columns in an index it visited each idea's row, ~900 row reads for a large challenge.
        """
        CREATE INDEX ideas_published_by_challenge ON ideas (tenant_id, challenge_id, moderation, merged_into);
        """,
        // Email, following and notifications (issue #5).
        """
        -- Set once the member opens the link sent to their address; only confirmed addresses get more than account emails.
        ALTER TABLE members ADD COLUMN email_confirmed INTEGER NOT NULL DEFAULT 0;

        -- Members following ideas and challenges (kind 'idea' or 'challenge'); authors follow their own ideas.
        CREATE TABLE follows (
            tenant_id TEXT NOT NULL, kind TEXT NOT NULL, target_id INTEGER NOT NULL, member_id INTEGER NOT NULL, created_at INTEGER NOT NULL,
            PRIMARY KEY (tenant_id, kind, target_id, member_id),
            FOREIGN KEY (tenant_id, member_id) REFERENCES members (tenant_id, id));
        CREATE INDEX follows_by_member ON follows (tenant_id, member_id);

        -- Which emails a member wants; no row means the defaults. digest is none, daily or weekly;
        -- last_digest_at is the end of the last digest's window, so nothing is reported twice.
        CREATE TABLE email_preferences (
            tenant_id TEXT NOT NULL, member_id INTEGER NOT NULL,
            replies INTEGER NOT NULL, status_changes INTEGER NOT NULL, official_responses INTEGER NOT NULL, admin_updates INTEGER NOT NULL,
            digest TEXT NOT NULL, last_digest_at INTEGER, updated_at INTEGER NOT NULL,
            PRIMARY KEY (tenant_id, member_id),
            FOREIGN KEY (tenant_id, member_id) REFERENCES members (tenant_id, id));

        -- Outgoing email, composed when queued. A sender claims a row (claimed_until) before sending, then sets
        -- sent_at; a failure sets next_attempt_at further off, and after the last attempt failed_at.
        -- withdrawn_at: the member turned that kind off before it went.
        CREATE TABLE email_outbox (
            tenant_id TEXT NOT NULL, id INTEGER NOT NULL, kind TEXT NOT NULL, member_id INTEGER NOT NULL,
            from_address TEXT NOT NULL, reply_to TEXT, to_address TEXT NOT NULL, to_name TEXT NOT NULL,
            subject TEXT NOT NULL, body TEXT NOT NULL, unsubscribe_url TEXT,
            created_at INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER NOT NULL,
            claimed_until INTEGER, sent_at INTEGER, failed_at INTEGER, withdrawn_at INTEGER, last_error TEXT,
            PRIMARY KEY (tenant_id, id));
        CREATE INDEX email_outbox_due ON email_outbox (sent_at, failed_at, withdrawn_at, next_attempt_at);
        """,
        // Import of ideas and comments gathered offline (video calls, tweet chats), issue #5.
        """
        -- One row per imported file: the source the site shows in place of an author. file_hash (SHA-256 of the
        -- file) is unique, so importing the same file twice adds nothing.
        CREATE TABLE import_sources (
            tenant_id TEXT NOT NULL, id INTEGER NOT NULL, name TEXT NOT NULL, held_on TEXT NOT NULL, facilitator TEXT,
            file_name TEXT NOT NULL, file_hash TEXT NOT NULL, idea_count INTEGER NOT NULL, comment_count INTEGER NOT NULL,
            imported_at INTEGER NOT NULL, imported_by INTEGER NOT NULL,
            PRIMARY KEY (tenant_id, id),
            UNIQUE (tenant_id, file_hash));

        -- Every imported row by its stable key (a hash of its source and contents): a longer version of a file
        -- adds only the rows not imported before. kind is 'idea' or 'comment'; content_id is that idea's or comment's id.
        CREATE TABLE imported_rows (
            tenant_id TEXT NOT NULL, row_key TEXT NOT NULL, source_id INTEGER NOT NULL, kind TEXT NOT NULL, content_id INTEGER NOT NULL,
            PRIMARY KEY (tenant_id, row_key),
            FOREIGN KEY (tenant_id, source_id) REFERENCES import_sources (tenant_id, id));

        -- Set on imported ideas and comments (which have author_key 'source:<id>' and no author); null for posted ones.
        ALTER TABLE ideas ADD COLUMN source_id INTEGER;
        ALTER TABLE comments ADD COLUMN source_id INTEGER;

        -- A file uploaded on the admin page between its preview and the admin's confirmation; removed when imported,
        -- or a day later. content is the file's bytes in base64 (TEXT on both databases), so its hash stays the file's.
        CREATE TABLE import_uploads (
            tenant_id TEXT NOT NULL, id INTEGER NOT NULL, file_name TEXT NOT NULL, content TEXT NOT NULL,
            uploaded_by INTEGER NOT NULL, uploaded_at INTEGER NOT NULL,
            PRIMARY KEY (tenant_id, id));
        """,
        // Numbers, search, news and roadmap (issue #5): portable tables first, then each database's full-text index.
        new MigrationStep(NewsAndRoadmap) { SqliteOnly = SqliteIdeaSearch, PostgresOnly = PostgresIdeaSearch },
        // Step 9, the vote counters in a table of their own (issue #7).
        """
        -- The counters votes move, in a narrow table of their own: a group of votes rewrites a few small pages of it,
        -- where in the ideas table each vote rewrote its idea's row, body and all, on a page of its own (a third of the
        -- pages a vote storm logged on SQLite; on PostgreSQL a new version of the whole row per vote). An idea with no
        -- row here has no votes: readers join it with LEFT JOIN and count a missing row as zeros.
        CREATE TABLE idea_counts (
            tenant_id TEXT NOT NULL, idea_id INTEGER NOT NULL,
            up_count INTEGER NOT NULL DEFAULT 0, down_count INTEGER NOT NULL DEFAULT 0, voter_count INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (tenant_id, idea_id),
            FOREIGN KEY (tenant_id, idea_id) REFERENCES ideas (tenant_id, id)) WITHOUT ROWID;
        INSERT INTO idea_counts (tenant_id, idea_id, up_count, down_count, voter_count)
            SELECT tenant_id, id, up_count, down_count, voter_count FROM ideas WHERE up_count <> 0 OR down_count <> 0 OR voter_count <> 0;
        ALTER TABLE ideas DROP COLUMN up_count;
        ALTER TABLE ideas DROP COLUMN down_count;
        ALTER TABLE ideas DROP COLUMN voter_count;
        """,
        // Step 10, sessions and tokens that can be ended (issue #16).
        """
        -- A personal token gets an id (per tenant, for the member's list and revoking), a name, when it was last used,
        -- when it expires, and the member's security stamp when it was made: a password change, a sign-out everywhere, a block
        -- or a role change changes the stamp and so ends the token. Tokens were always stored as SHA-256 hashes only; those
        -- made before this step get 90 days from when they were made and the member's stamp of now.
        ALTER TABLE member_tokens ADD COLUMN id INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE member_tokens ADD COLUMN name TEXT NOT NULL DEFAULT 'Token made before tokens had names';
        ALTER TABLE member_tokens ADD COLUMN last_used_at INTEGER;
        ALTER TABLE member_tokens ADD COLUMN expires_at INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE member_tokens ADD COLUMN security_stamp TEXT NOT NULL DEFAULT '';
        UPDATE member_tokens SET
            id = (SELECT COUNT(*) FROM member_tokens t WHERE t.tenant_id = member_tokens.tenant_id AND t.token_hash <= member_tokens.token_hash),
            expires_at = created_at + 7776000000,
            security_stamp = (SELECT m.security_stamp FROM members m WHERE m.tenant_id = member_tokens.tenant_id AND m.id = member_tokens.member_id);
        INSERT INTO sequences (tenant_id, name, value) SELECT tenant_id, 'token', COUNT(*) FROM member_tokens GROUP BY tenant_id;
        CREATE UNIQUE INDEX member_tokens_by_id ON member_tokens (tenant_id, id);
        CREATE INDEX member_tokens_by_member ON member_tokens (tenant_id, member_id);

        -- Sessions (sign-in cookies) a member signed out of: a copy of such a cookie is nobody. Kept past the cookie's
        -- 14 days at most; one row per sign-out.
        CREATE TABLE ended_sessions (
            tenant_id TEXT NOT NULL, session_id TEXT NOT NULL, member_id INTEGER NOT NULL, ended_at INTEGER NOT NULL,
            PRIMARY KEY (tenant_id, session_id)) WITHOUT ROWID;
        """,
        // Step 11, emails worded by the site's theme (issue 17).
        """
        -- The HTML part of an email, beside its plain text (body), both composed when queued. Null for emails queued
        -- before this step: they go as plain text only.
        ALTER TABLE email_outbox ADD COLUMN html_body TEXT;
        """,
        // Step 12, every word in the member's language (issue 20).
        """
        -- The language a member chose among the site's (a culture such as cy-GB); null until they choose one.
        ALTER TABLE members ADD COLUMN language TEXT;
        """,
        // Step 13, data rights (issue 19): a deleted account.
        """
        -- When the member deleted their account. The row stays as an empty tombstone (no name, no email, no password), so
        -- that ids in the audit log and contributions kept under "Former member" still point at a member.
        ALTER TABLE members ADD COLUMN deleted_at INTEGER;
        """,
        // Step 14, members edit and withdraw their own contributions (issue 19).
        """
        -- Every text an edited idea or comment has had, for moderators: version 1 is the text as posted, the highest the
        -- text it has now. kind is 'idea' or 'comment'; title is null for a comment. Who edited is not stored: only the
        -- author can, and an anonymous author must stay so.
        CREATE TABLE contribution_versions (
            tenant_id TEXT NOT NULL, kind TEXT NOT NULL, content_id INTEGER NOT NULL, version INTEGER NOT NULL,
            title TEXT, body TEXT NOT NULL, created_at INTEGER NOT NULL,
            PRIMARY KEY (tenant_id, kind, content_id, version)) WITHOUT ROWID;
        -- When its author last edited it (or withdrew it, for an idea, whose moderation is then 'withdrawn'); null if never.
        ALTER TABLE ideas ADD COLUMN edited_at INTEGER;
        ALTER TABLE comments ADD COLUMN edited_at INTEGER;
        -- The edit window an admin chose, as JSON in tenant.json's "editing" shape; null means "as tenant.json says".
        ALTER TABLE tenant_settings ADD COLUMN editing TEXT;
        """,
        // Step 15, plugins told what happened (events, from an outbox) and keeping their own state (issue 18).
        """
        -- Where each stream of events (idea/12, challenge/3) has got to: taking the next number locks the stream's row until
        -- the commit, so a stream's numbers follow the order its changes were committed in, on every node.
        CREATE TABLE event_streams (
            tenant_id TEXT NOT NULL, stream TEXT NOT NULL, last_seq INTEGER NOT NULL,
            PRIMARY KEY (tenant_id, stream)) WITHOUT ROWID;

        -- The outbox: what happened, written in the transaction of the change, delivered to the site's event handlers after
        -- the commit. payload is the event as JSON (no more about an author than the public sees). done_at is set once every
        -- handler has it (outcome 'delivered'), or once the engine gave up on it (outcome 'gave-up', the dead letters).
        -- claimed_until: a node delivering it holds it until then (another node takes it over afterwards).
        CREATE TABLE event_outbox (
            tenant_id TEXT NOT NULL, stream TEXT NOT NULL, seq INTEGER NOT NULL, kind TEXT NOT NULL, payload TEXT NOT NULL,
            created_at INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER NOT NULL,
            claimed_until INTEGER NOT NULL DEFAULT 0, last_error TEXT, done_at INTEGER, outcome TEXT,
            PRIMARY KEY (tenant_id, stream, seq));
        CREATE INDEX event_outbox_waiting ON event_outbox (next_attempt_at) WHERE done_at IS NULL;

        -- Which handler (plugin and rule) has had which event: a retry calls only those that have not.
        CREATE TABLE event_deliveries (
            tenant_id TEXT NOT NULL, stream TEXT NOT NULL, seq INTEGER NOT NULL, handler TEXT NOT NULL, delivered_at INTEGER NOT NULL,
            PRIMARY KEY (tenant_id, stream, seq, handler)) WITHOUT ROWID;

        -- A challenge's opening or closing told once (moment is 'opened' or 'closed'), however many nodes notice it.
        CREATE TABLE challenge_moments (
            tenant_id TEXT NOT NULL, challenge_id INTEGER NOT NULL, moment TEXT NOT NULL, told_at INTEGER NOT NULL,
            PRIMARY KEY (tenant_id, challenge_id, moment)) WITHOUT ROWID;

        -- Each plugin's own key/value store on a site: value is JSON, size its length in UTF-8 bytes (limits add them up).
        CREATE TABLE plugin_state (
            tenant_id TEXT NOT NULL, plugin_id TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, size INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (tenant_id, plugin_id, key)) WITHOUT ROWID;
        """,
        // Step 16, sign-in with the accounts people already have (issue 19): OpenID Connect providers per tenant.
        """
        -- Which member a provider's account is: provider is the id tenant.json gives it, subject the provider's "sub" claim
        -- for that person. One provider account is one member; a member may have several (and a password too).
        CREATE TABLE external_logins (
            tenant_id TEXT NOT NULL, provider TEXT NOT NULL, subject TEXT NOT NULL, member_id INTEGER NOT NULL, created_at INTEGER NOT NULL,
            PRIMARY KEY (tenant_id, provider, subject),
            FOREIGN KEY (tenant_id, member_id) REFERENCES members (tenant_id, id)) WITHOUT ROWID;
        CREATE INDEX external_logins_by_member ON external_logins (tenant_id, member_id);
        -- Password accounts switched on (1) or off (0) by an admin; null means "as tenant.json's signIn.passwords says".
        ALTER TABLE tenant_settings ADD COLUMN passwords INTEGER;
        """,
        // Step 17, secrets and tenants at rest (issue 24): a tenant's own anonymity key, and deleting a whole tenant.
        new MigrationStep("""
        -- A tenant's own anonymity key (for a tenant moved here from another deployment), wrapped by this deployment's
        -- anonymity.key, which the database never holds. Not carried in a tenant's export: the key travels sealed for the
        -- target instead. A tenant with no row here hashes its fully anonymous authors with anonymity.key, as before.
        CREATE TABLE tenant_keys (
            tenant_id TEXT NOT NULL, anonymity_key TEXT NOT NULL,
            PRIMARY KEY (tenant_id)) WITHOUT ROWID;
        -- A tenant being deleted (tenant delete): only inside that transaction is there a row here, and only then may its
        -- audit log rows go (archived first). Otherwise the audit log stays append-only.
        CREATE TABLE tenant_deletions (
            tenant_id TEXT NOT NULL,
            PRIMARY KEY (tenant_id)) WITHOUT ROWID;
        """)
        {
            SqliteOnly = """
                DROP TRIGGER audit_log_is_append_only_delete;
                CREATE TRIGGER audit_log_is_append_only_delete BEFORE DELETE ON audit_log
                    WHEN NOT EXISTS (SELECT 1 FROM tenant_deletions d WHERE d.tenant_id = old.tenant_id)
                    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                """,
            PostgresOnly = """
                CREATE OR REPLACE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'DELETE' AND EXISTS (SELECT 1 FROM tenant_deletions d WHERE d.tenant_id = OLD.tenant_id) THEN RETURN OLD; END IF;
                    RAISE EXCEPTION 'the audit log is append-only';
                END $$;
                """,
        },
        // Step 18, the retention rule (issue 19): accounts nobody has used for the months a tenant sets are warned, then deleted.
        new MigrationStep("""
            -- When the member last used the site signed in (at most once a day is recorded), and when they were warned that
            -- their account would be deleted (null once they come back). Accounts made before this step count as used on the
            -- day it ran, so switching the rule on never deletes anyone without their full notice.
            ALTER TABLE members ADD COLUMN last_active_at INTEGER;
            ALTER TABLE members ADD COLUMN retention_warned_at INTEGER;
            CREATE INDEX members_by_last_active ON members (tenant_id, last_active_at);
            """)
        {
            SqliteOnly = "UPDATE members SET last_active_at = CAST(strftime('%s', 'now') AS INTEGER) * 1000;",
            PostgresOnly = "UPDATE members SET last_active_at = (EXTRACT(EPOCH FROM now()) * 1000)::bigint;",
        },
        // Step 19, private challenges and groups (issue 19).
        """
        -- Who may see a challenge: 'everyone', 'members', 'groups:<slug>,<slug>' or 'invited' (Core's Audience).
        ALTER TABLE challenges ADD COLUMN audience TEXT NOT NULL DEFAULT 'everyone';

        -- Groups of members an admin makes (a trust, a team); a private challenge names the groups that may see it.
        CREATE TABLE member_groups (
            tenant_id TEXT NOT NULL, slug TEXT NOT NULL, name TEXT NOT NULL, created_at INTEGER NOT NULL,
            PRIMARY KEY (tenant_id, slug)) WITHOUT ROWID;
        -- How each member joined: 'admin', 'invite' or 'sign-in' (a provider's claim, which each sign-in checks again).
        CREATE TABLE group_members (
            tenant_id TEXT NOT NULL, group_slug TEXT NOT NULL, member_id INTEGER NOT NULL, joined_by TEXT NOT NULL, joined_at INTEGER NOT NULL,
            PRIMARY KEY (tenant_id, group_slug, member_id)) WITHOUT ROWID;
        CREATE INDEX group_members_by_member ON group_members (tenant_id, member_id);
        -- Invite links: only a hash of the link's secret is kept. A link works until it expires or an admin revokes it.
        CREATE TABLE group_invites (
            tenant_id TEXT NOT NULL, id INTEGER NOT NULL, token_hash TEXT NOT NULL, group_slug TEXT NOT NULL,
            expires_at INTEGER NOT NULL, revoked_at INTEGER, created_by INTEGER NOT NULL, created_at INTEGER NOT NULL,
            PRIMARY KEY (tenant_id, id),
            UNIQUE (tenant_id, token_hash));
        """,
        // Step 20, two factors and sessions (issue 19).
        """
        -- A member's authenticator app: the shared key (Identity's TOTP, RFC 6238) and whether codes are asked for at sign-in.
        ALTER TABLE members ADD COLUMN authenticator_key TEXT;
        ALTER TABLE members ADD COLUMN two_factor_enabled INTEGER NOT NULL DEFAULT 0;
        -- Recovery codes, as SHA-256 hashes only: each is deleted when used, so it works once.
        CREATE TABLE recovery_codes (
            tenant_id TEXT NOT NULL, member_id INTEGER NOT NULL, code_hash TEXT NOT NULL,
            PRIMARY KEY (tenant_id, member_id, code_hash)) WITHOUT ROWID;
        -- Every sign-in (one cookie) a member has made, so they can see them and end one; ended ones are in ended_sessions.
        CREATE TABLE member_sessions (
            tenant_id TEXT NOT NULL, session_id TEXT NOT NULL, member_id INTEGER NOT NULL, started_at INTEGER NOT NULL,
            how TEXT NOT NULL, device TEXT NOT NULL,
            PRIMARY KEY (tenant_id, session_id)) WITHOUT ROWID;
        CREATE INDEX member_sessions_by_member ON member_sessions (tenant_id, member_id);
        """,
        // Step 21, content in more than one language (issue 20): Migrations.ContentLanguage.cs.
        new MigrationStep(ContentLanguage) { SqliteOnly = SqliteContentLanguageSearch, PostgresOnly = PostgresContentLanguageSearch },
        // Step 22, idea forms (issue 21): Migrations.IdeaForms.cs.
        IdeaForms,
        // Step 23, coding while a challenge is open (issue 21): Migrations.Coding.cs.
        Coding,
        // Step 24, theme suggestions from the text (issue 21): Migrations.ThemeSuggestions.cs.
        ThemeSuggestions,
        // Step 25, images on ideas (issue 21): Migrations.Images.cs.
        IdeaImages,
        // Step 26, passkeys and the staff two-factor switch (issue 19): a member's WebAuthn credentials. The credential id is unique on the site, since signing
        // in with a passkey starts from it; data is the public key, counter and flags as the sign-in code keeps them (JSON).
        """
        CREATE TABLE member_passkeys (
            tenant_id TEXT NOT NULL, credential_id TEXT NOT NULL, member_id INTEGER NOT NULL, name TEXT NOT NULL,
            created_at INTEGER NOT NULL, data TEXT NOT NULL,
            PRIMARY KEY (tenant_id, credential_id)) WITHOUT ROWID;
        CREATE INDEX member_passkeys_by_member ON member_passkeys (tenant_id, member_id);
        -- "Staff must use two factors" switched on (1) or off (0) by an admin; null means "as tenant.json's signIn.staffTwoFactor says".
        ALTER TABLE tenant_settings ADD COLUMN staff_two_factor INTEGER;
        """,
        // Step 27, authenticator codes work once (issue 19): the time step of the last code a member used (RFC 6238, 5.2); a
        // code from that step or an earlier one is refused. Null: no code used since the member's key was made.
        "ALTER TABLE members ADD COLUMN authenticator_step INTEGER;",
        // Step 28, search at national scale (issue 22): SQLite's index matches the site and challenge itself. Migrations.SearchScope.cs.
        new MigrationStep(SearchScope) { SqliteOnly = SqliteSearchScope },
        // Step 29, every word in the member's language (issue 20): why a rule held an idea or comment, as a key, its values and
        // the plugin whose catalogues word it (JSON, Core's HoldText), beside moderation_reason's English, so each moderator
        // reads it in their language. Null: the reason is a sentence, shown as written (a rule without keys, or held before this step).
        """
        ALTER TABLE ideas ADD COLUMN hold_text TEXT;
        ALTER TABLE comments ADD COLUMN hold_text TEXT;
        """,
        // Step 30, the numbers from counters kept on write (issue 22): Migrations.Numbers.cs.
        KeptNumbers,
        // Step 31, search at national scale (issue 22): SQLite's challenges as rowid ranges, PostgreSQL's stored search words. Migrations.SearchRanges.cs.
        new MigrationStep("-- Each store's own index (Migrations.SearchRanges.cs).") { SqliteOnly = SqliteSearchRanges, PostgresOnly = PostgresSearchWords },
        // Step 32, the people in the numbers kept on write (issue 22): Migrations.Participants.cs.
        Participants,
        // Step 33, a tenant's participants counted once at the end of a bulk write (issue 22): Migrations.ParticipantsDeferred.cs.
        ParticipantsDeferred,
    ];

    /// <summary>The portable part of the numbers/search/news/roadmap step.</summary>
    internal const string NewsAndRoadmap = """
        -- News updates an admin writes (Markdown). published is 0/1; published_at is the first time it went
        -- out, kept when it is unpublished and published again, so feed readers see the same entry.
        CREATE TABLE news (
            tenant_id TEXT NOT NULL, id INTEGER NOT NULL, title TEXT NOT NULL, summary TEXT NOT NULL, body TEXT NOT NULL,
            published INTEGER NOT NULL DEFAULT 0, published_at INTEGER,
            created_at INTEGER NOT NULL, created_by INTEGER NOT NULL, updated_at INTEGER NOT NULL, updated_by INTEGER NOT NULL,
            PRIMARY KEY (tenant_id, id));
        CREATE INDEX news_by_published ON news (tenant_id, published, published_at);

        -- Where a big idea is on the roadmap: an idea status key, from shortlisted (a big idea) to scale-and-spread.
        ALTER TABLE big_ideas ADD COLUMN stage TEXT NOT NULL DEFAULT 'shortlisted';
        ALTER TABLE big_ideas ADD COLUMN stage_changed_at INTEGER;

        -- The numbers' daily series read votes and comments by time.
        CREATE INDEX votes_by_time ON votes (tenant_id, created_at);
        CREATE INDEX comments_by_time ON comments (tenant_id, created_at);
        """;

    /// <summary>
    /// SQLite only: the FTS5 index that idea search reads (IdeaSearch branches on the dialect). It holds exactly
    /// the findable ideas (published and not merged), kept in step by triggers, so every way an idea changes
    /// (posted, edited, merged or unmerged, held, hidden, approved) updates it in the same transaction. Votes
    /// update only the counters, which the triggers do not watch. PostgreSQL has <see cref="PostgresIdeaSearch"/> instead.
    /// The unindexed columns are what a hit is joined back to the ideas by.
    /// </summary>
    internal const string SqliteIdeaSearch = """
        CREATE VIRTUAL TABLE idea_search USING fts5 (
            title, body, tenant_id UNINDEXED, idea_id UNINDEXED, challenge_id UNINDEXED,
            tokenize = 'porter unicode61 remove_diacritics 2');
        INSERT INTO idea_search (title, body, tenant_id, idea_id, challenge_id)
            SELECT title, body, tenant_id, id, challenge_id FROM ideas WHERE moderation = 'published' AND merged_into IS NULL;
        CREATE TRIGGER idea_search_on_insert AFTER INSERT ON ideas WHEN new.moderation = 'published' AND new.merged_into IS NULL BEGIN
            INSERT INTO idea_search (title, body, tenant_id, idea_id, challenge_id) VALUES (new.title, new.body, new.tenant_id, new.id, new.challenge_id);
        END;
        CREATE TRIGGER idea_search_on_update AFTER UPDATE OF title, body, moderation, merged_into, challenge_id ON ideas BEGIN
            DELETE FROM idea_search WHERE tenant_id = old.tenant_id AND idea_id = old.id;
            INSERT INTO idea_search (title, body, tenant_id, idea_id, challenge_id)
                SELECT new.title, new.body, new.tenant_id, new.id, new.challenge_id WHERE new.moderation = 'published' AND new.merged_into IS NULL;
        END;
        CREATE TRIGGER idea_search_on_delete AFTER DELETE ON ideas BEGIN
            DELETE FROM idea_search WHERE tenant_id = old.tenant_id AND idea_id = old.id;
        END;
        """;

    /// <summary>
    /// PostgreSQL only: what idea search matches on, as a GIN expression index over the findable ideas (the same two
    /// conditions as the FTS5 table's). It follows the rows by itself, so needs no triggers. IdeaSearch's WHERE clause
    /// must use exactly this expression and these conditions for PostgreSQL to use it.
    /// </summary>
    internal const string PostgresIdeaSearch = """
        CREATE INDEX ideas_full_text ON ideas USING GIN (to_tsvector('english', title || ' ' || body))
            WHERE moderation = 'published' AND merged_into IS NULL;
        """;

    public static int Latest => Steps.Length;
}
