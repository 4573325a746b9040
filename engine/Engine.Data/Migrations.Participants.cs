using Dapper;

namespace Engine.Data;

public static partial class Migrations
{
    /// <summary>
    /// Step 32 (issue 22), the people in the headline numbers without reading every vote: <c>participants</c> holds, per
    /// challenge, everyone whose contributions count there (Stores.StatsQuery's "Counted" fragments: published ideas and
    /// comments not imported, votes on published ideas not carried by a merge), with how many count. challenge_id 0 is the
    /// site: everyone who takes part in a challenge everyone may see, with in how many.
    /// A row is a member (author_key '') or a fully anonymous key (member_id 0), never both: the table must never link a
    /// member to their key (CHECK below); the engine matches keys to members in memory only, when it counts.
    /// Triggers keep it, in the transaction of every write to ideas, comments, votes, carried_votes and challenges, so no
    /// write path (votes, moderation, merges, deletions, imports, tenant transfers, a challenge made private) can forget it.
    /// It is derived, like the search index: a tenant transfer does not carry it (TenantTransfer.NotCarried); since step 33
    /// the import counts it once from the imported rows, with the triggers deferred for that tenant (ParticipantsDeferred).
    /// </summary>
    // Properties, not fields: Steps (another file) reads this while the class's fields are being set, in no set order.
    internal static MigrationStep Participants => new(ParticipantsTable)
    {
        SqliteOnly = string.Concat(ParticipantTriggers.Select(t => t.Sqlite())),
        PostgresOnly = PostgresPeopleLock + string.Concat(ParticipantTriggers.Select(t => t.Postgres())),
    };

    private static string ParticipantsTable => """
        CREATE TABLE participants (
            tenant_id TEXT NOT NULL, challenge_id INTEGER NOT NULL, member_id INTEGER NOT NULL, author_key TEXT NOT NULL,
            contributions INTEGER NOT NULL,
            PRIMARY KEY (tenant_id, challenge_id, member_id, author_key),
            CHECK ((member_id = 0) <> (author_key = ''))) WITHOUT ROWID;

        """ + ParticipantsFromRows;

    /// <summary>
    /// For a bulk load that writes its rows with the participants' triggers dropped (the benchmark's generated national
    /// set: a trigger per vote made its ten million votes nine times slower): every participant counted again from the
    /// rows, as step 32 first did, before the triggers are made again.
    /// </summary>
    public static void CountParticipantsFromRows(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction? tx) =>
        c.Execute("DELETE FROM participants;\n" + ParticipantsFromRows, transaction: tx);

    private static string ParticipantsFromRows => CountedFromRows(oneTenant: false);

    // Every participant counted from the rows, or only tenant @tenantId's; for every tenant, it is step 32's text as it ran.
    private static string CountedFromRows(bool oneTenant) => $"""
        INSERT INTO participants (tenant_id, challenge_id, member_id, author_key, contributions)
            SELECT tenant_id, challenge_id, member_id, author_key, COUNT(*) FROM (
                SELECT i.tenant_id, i.challenge_id, COALESCE(i.author_id, 0) AS member_id,
                    CASE WHEN i.author_id IS NULL THEN i.author_key ELSE '' END AS author_key
                FROM ideas i WHERE i.moderation = 'published' AND i.source_id IS NULL{(oneTenant ? " AND i.tenant_id = @tenantId" : "")}
                UNION ALL SELECT i.tenant_id, i.challenge_id, COALESCE(k.author_id, 0), CASE WHEN k.author_id IS NULL THEN k.author_key ELSE '' END
                FROM ideas i JOIN comments k ON k.tenant_id = i.tenant_id AND k.idea_id = i.id
                WHERE i.moderation = 'published' AND k.moderation = 'published' AND k.source_id IS NULL{(oneTenant ? " AND i.tenant_id = @tenantId" : "")}
                UNION ALL SELECT i.tenant_id, i.challenge_id, v.member_id, ''
                FROM ideas i JOIN votes v ON v.tenant_id = i.tenant_id AND v.idea_id = i.id
                WHERE i.moderation = 'published'{(oneTenant ? " AND i.tenant_id = @tenantId" : "")}
                  AND NOT EXISTS (SELECT 1 FROM carried_votes cv WHERE cv.tenant_id = v.tenant_id AND cv.idea_id = v.idea_id AND cv.member_id = v.member_id)
            ) AS counted GROUP BY tenant_id, challenge_id, member_id, author_key;
        INSERT INTO participants (tenant_id, challenge_id, member_id, author_key, contributions)
            SELECT p.tenant_id, 0, p.member_id, p.author_key, COUNT(*) FROM participants p
            JOIN challenges ch ON ch.tenant_id = p.tenant_id AND ch.id = p.challenge_id
            WHERE ch.audience = 'everyone'{(oneTenant ? " AND p.tenant_id = @tenantId" : "")} GROUP BY p.tenant_id, p.member_id, p.author_key;
        """;

    /// <summary>
    /// PostgreSQL, where several nodes write at once: a participant's rows are moved only under a lock of theirs, taken in the
    /// order of (member, key) by the triggers that move many at once, and by a vote with its group's other locks (VoteStore):
    /// two writers then never hold rows the other waits for.
    /// </summary>
    private const string PostgresPeopleLock = """
        CREATE FUNCTION participants_lock(t text, m bigint, k text) RETURNS void LANGUAGE sql AS $$
            SELECT pg_advisory_xact_lock(hashtextextended('people/' || t || '/' || m || '/' || k, 0)) $$;
        """;

    // Who wrote an idea or comment row r, as a participant: the member, or the key when there is no member.
    private static string Member(string r) => $"COALESCE({r}.author_id, 0)";
    private static string Key(string r) => $"CASE WHEN {r}.author_id IS NULL THEN {r}.author_key ELSE '' END";

    /// <summary>
    /// The participants that <paramref name="from"/> selects (columns t, ch, m, k) count <paramref name="sign"/> times each
    /// more; a row that counts nothing any more goes. Grouped and in (member, key) order, so PostgreSQL locks in that order;
    /// constants (the site's challenge 0, a member's key '') are left out of both, where SQLite would read a number as a
    /// column's position and PostgreSQL refuses a text.
    /// </summary>
    private static string Move(string sign, string from, string t, string ch, string m, string k) => $"""
        {PostgresLocks(from, t, m, k)}INSERT INTO participants (tenant_id, challenge_id, member_id, author_key, contributions)
            SELECT {t}, {ch}, {m}, {k}, {sign} * COUNT(*) {from}
            GROUP BY {Terms(t, ch, m, k)} ORDER BY {Terms(m, k)}
            ON CONFLICT (tenant_id, challenge_id, member_id, author_key) DO UPDATE SET contributions = participants.contributions + excluded.contributions;
        DELETE FROM participants WHERE contributions = 0 AND (tenant_id, challenge_id, member_id, author_key) IN (SELECT {t}, {ch}, {m}, {k} {from});

        """;

    private static string Terms(params string[] expressions) =>
        string.Join(", ", expressions.Where(e => !long.TryParse(e, out _) && e != "''"));

    // Marked for the PostgreSQL form only (ParticipantTrigger.Postgres replaces it; SQLite's drops it): one writer needs no locks.
    private const string LockMark = "--people-lock:";

    // On one line, so the mark makes it a comment on SQLite.
    private static string PostgresLocks(string from, string t, string m, string k) =>
        $"{LockMark}PERFORM participants_lock(l.t, l.m, l.k) FROM (SELECT DISTINCT {t} AS t, {m} AS m, {k} AS k {from.ReplaceLineEndings(" ")}) AS l ORDER BY l.m, l.k;\n";

    // The author of an idea row r, when it counts.
    // No FROM: the row itself is all there is (in a delete, the idea is gone already).
    private static string IdeaAuthor(int sign, string r) => Move($"{sign}", $"WHERE {r}.moderation = 'published' AND {r}.source_id IS NULL", $"{r}.tenant_id", $"{r}.challenge_id", Member(r), Key(r));

    // Everyone else an idea row r counts for while it is published: its voters less the votes a merge carried (see
    // CarriedVoter), and its commenters.
    private static string IdeaFollowers(int sign, string r) =>
        Move($"{sign}", $"""
            FROM votes v WHERE v.tenant_id = {r}.tenant_id AND v.idea_id = {r}.id AND {r}.moderation = 'published'
            """, "v.tenant_id", $"{r}.challenge_id", "v.member_id", "''")
        + Move($"{-sign}", $"""
            FROM carried_votes cv WHERE cv.tenant_id = {r}.tenant_id AND cv.idea_id = {r}.id AND {r}.moderation = 'published'
            """, "cv.tenant_id", $"{r}.challenge_id", "cv.member_id", "''")
        + Move($"{sign}", $"""
            FROM comments c WHERE c.tenant_id = {r}.tenant_id AND c.idea_id = {r}.id AND {r}.moderation = 'published'
              AND c.moderation = 'published' AND c.source_id IS NULL
            """, "c.tenant_id", $"{r}.challenge_id", Member("c"), Key("c"));

    // A comment row r's author, when it counts (its idea published too).
    private static string Commenter(int sign, string r) => Move($"{sign}", $"""
        FROM ideas i WHERE i.tenant_id = {r}.tenant_id AND i.id = {r}.idea_id AND i.moderation = 'published'
          AND {r}.moderation = 'published' AND {r}.source_id IS NULL
        """, "i.tenant_id", "i.challenge_id", Member(r), Key(r));

    // A vote row r's member, while its idea is published.
    private static string Voter(int sign, string r) => Move($"{sign}", $"""
        FROM ideas i WHERE i.tenant_id = {r}.tenant_id AND i.id = {r}.idea_id AND i.moderation = 'published'
        """, "i.tenant_id", "i.challenge_id", $"{r}.member_id", "''");

    // A vote a merge carried is not another vote: its carried_votes row r counts against its member as the vote counts for
    // them. A carried row exists only while its vote stands (step 30; taking the vote back deletes both), so the two
    // together count it exactly, in whatever order they are written, even both in one statement, where PostgreSQL's
    // triggers see only the statement's end (a trigger asking whether the other row exists would count one twice).
    private static string CarriedVoter(int sign, string r) => Voter(sign, r);

    // A challenge's participants row r at the site (challenge 0), while the challenge is one everyone may see.
    private static string AtSite(int sign, string r) => Move($"{sign}", $"""
        FROM challenges ch WHERE ch.tenant_id = {r}.tenant_id AND ch.id = {r}.challenge_id AND ch.audience = 'everyone'
        """, $"{r}.tenant_id", "0", $"{r}.member_id", $"{r}.author_key");

    // Every participant of challenge row r at the site, when it is made public (+1) or private (-1).
    private static string ChallengeAtSite(string r) => Move($"CASE WHEN {r}.audience = 'everyone' THEN 1 ELSE -1 END", $"""
        FROM participants p WHERE p.tenant_id = {r}.tenant_id AND p.challenge_id = {r}.id
        """, "p.tenant_id", "0", "p.member_id", "p.author_key");

    private sealed record ParticipantTrigger(string Name, string Event, string? When, string Body)
    {
        // Step 32's form, kept as it ran (steps are positional); step 33 makes each trigger again with Deferrable's condition.
        public string Sqlite() => SqliteTrigger(When);

        public string Postgres() => $"""
            CREATE FUNCTION {Name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
            {Body.Replace(LockMark, "")}RETURN NULL; END $$;
            {PostgresTrigger(When)}
            """;

        public string SqliteTrigger(string? when) => $"""
            CREATE TRIGGER {Name} {Event} FOR EACH ROW{(when is null ? "" : $" WHEN {when}")} BEGIN
            {Body.Replace(LockMark, "-- ")}END;

            """;

        public string PostgresTrigger(string? when) => $"""
            CREATE TRIGGER {Name} {Event} FOR EACH ROW{(when is null ? "" : $" WHEN ({when})")} EXECUTE FUNCTION {Name}();

            """;

        public string Table => Event[(Event.LastIndexOf(" ON ", StringComparison.Ordinal) + 4)..];

        // The row whose tenant the trigger counts for: a deleted row's old, otherwise new (a tenant id never changes).
        public string Row => Event.Contains("DELETE", StringComparison.Ordinal) ? "old" : "new";
    }

    private const string IdeaPublishedOrMoved =
        "(old.moderation = 'published') <> (new.moderation = 'published') OR old.challenge_id <> new.challenge_id";

    private static ParticipantTrigger[] ParticipantTriggers =>
    [
        new("participants_idea_added", "AFTER INSERT ON ideas", null, IdeaAuthor(1, "new")),
        new("participants_idea_changed", "AFTER UPDATE OF moderation, source_id, author_id, author_key, challenge_id ON ideas",
            "(old.moderation = 'published') <> (new.moderation = 'published') OR old.challenge_id <> new.challenge_id OR old.source_id IS DISTINCT FROM new.source_id"
            + " OR old.author_id IS DISTINCT FROM new.author_id OR old.author_key IS DISTINCT FROM new.author_key",
            IdeaAuthor(-1, "old") + IdeaAuthor(1, "new")),
        new("participants_idea_followers", "AFTER UPDATE OF moderation, challenge_id ON ideas", IdeaPublishedOrMoved,
            IdeaFollowers(-1, "old") + IdeaFollowers(1, "new")),
        // An idea goes after its votes and comments (their foreign keys), whose own triggers moved them.
        new("participants_idea_deleted", "AFTER DELETE ON ideas", null, IdeaAuthor(-1, "old")),
        new("participants_comment_added", "AFTER INSERT ON comments", null, Commenter(1, "new")),
        new("participants_comment_changed", "AFTER UPDATE OF moderation, source_id, author_id, author_key, idea_id ON comments",
            "old.moderation <> new.moderation OR old.idea_id <> new.idea_id OR old.source_id IS DISTINCT FROM new.source_id"
            + " OR old.author_id IS DISTINCT FROM new.author_id OR old.author_key IS DISTINCT FROM new.author_key",
            Commenter(-1, "old") + Commenter(1, "new")),
        new("participants_comment_deleted", "AFTER DELETE ON comments", null, Commenter(-1, "old")),
        new("participants_vote_added", "AFTER INSERT ON votes", null, Voter(1, "new")),
        new("participants_vote_changed", "AFTER UPDATE OF idea_id, member_id ON votes",
            "old.idea_id <> new.idea_id OR old.member_id <> new.member_id", Voter(-1, "old") + Voter(1, "new")),
        new("participants_vote_deleted", "AFTER DELETE ON votes", null, Voter(-1, "old")),
        new("participants_vote_carried", "AFTER INSERT ON carried_votes", null, CarriedVoter(-1, "new")),
        new("participants_vote_uncarried", "AFTER DELETE ON carried_votes", null, CarriedVoter(1, "old")),
        new("participants_at_site_added", "AFTER INSERT ON participants", "new.challenge_id <> 0", AtSite(1, "new")),
        new("participants_at_site_deleted", "AFTER DELETE ON participants", "old.challenge_id <> 0", AtSite(-1, "old")),
        new("participants_challenge_audience", "AFTER UPDATE OF audience ON challenges",
            "(old.audience = 'everyone') <> (new.audience = 'everyone')", ChallengeAtSite("new")),
    ];
}
