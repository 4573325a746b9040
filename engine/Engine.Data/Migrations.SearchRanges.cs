namespace Engine.Data;

public static partial class Migrations
{
    /// <summary>
    /// Step 31 (issue 22), PostgreSQL: the words an idea is found by, stored weighted (title A, body B) so a search ranks
    /// from the column instead of parsing every match's title and body again (ts_rank over to_tsvector per row), and
    /// GIN-indexed for the match; the expression index it replaces goes. Generated, so it is filled for every idea
    /// already there and kept by PostgreSQL itself; <see cref="Stores.IdeaSearch"/> reads it as <c>i.search_words</c>.
    /// Matching the two parts joined (||) finds what matching their text joined found: the queries hold no phrases, so
    /// positions do not count.
    /// </summary>
    internal const string PostgresSearchWords = """
        ALTER TABLE ideas ADD COLUMN search_words tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('english', COALESCE(title_words, title)), 'A') || setweight(to_tsvector('english', COALESCE(body_words, body)), 'B')) STORED;
        DROP INDEX ideas_full_text;
        CREATE INDEX ideas_full_text ON ideas USING GIN (search_words) WHERE moderation = 'published' AND merged_into IS NULL;
        """;

    /// <summary>
    /// Step 31 (issue 22), SQLite: a site's challenge is a range of the index's rowids instead of a token every idea carries.
    /// Step 28's scope token matched the site and challenge inside FTS5, but at 160,000 ideas in one challenge its doclist
    /// was as long as the challenge, and every search read it whole: to intersect, and again for BM25's document count
    /// (5.7 of a two-word search's 7.3 ms in sqlite3). Now each site's challenge has a number (<c>idea_search_scopes</c>,
    /// made by the insert trigger the first time the challenge gets an idea) and an idea's index rowid is that number
    /// times 2^32 plus the idea's id, so a search asks FTS5 for a rowid range, which it seeks to, and checks the number
    /// from the rowid alone. Updates and deletes find the idea's row by its rowid (they scanned the index's stored rows).
    /// The scope table is derived like the index (the <c>idea_search_</c> prefix keeps it out of tenant transfers), and a
    /// challenge's row goes with the challenge.
    /// </summary>
    internal const string SqliteSearchRanges = """
        DROP TRIGGER idea_search_on_insert;
        DROP TRIGGER idea_search_on_update;
        DROP TRIGGER idea_search_on_delete;
        DROP TABLE idea_search;
        CREATE TABLE idea_search_scopes (
            scope INTEGER PRIMARY KEY, tenant_id TEXT NOT NULL, challenge_id INTEGER NOT NULL,
            UNIQUE (tenant_id, challenge_id));
        INSERT INTO idea_search_scopes (tenant_id, challenge_id) SELECT tenant_id, id FROM challenges ORDER BY tenant_id, id;
        CREATE VIRTUAL TABLE idea_search USING fts5 (
            title, body, tenant_id UNINDEXED, idea_id UNINDEXED,
            tokenize = 'porter unicode61 remove_diacritics 2');
        INSERT INTO idea_search (rowid, title, body, tenant_id, idea_id)
            SELECT (s.scope << 32) | i.id, COALESCE(i.title_words, i.title), COALESCE(i.body_words, i.body), i.tenant_id, i.id
            FROM ideas i JOIN idea_search_scopes s ON s.tenant_id = i.tenant_id AND s.challenge_id = i.challenge_id
            WHERE i.moderation = 'published' AND i.merged_into IS NULL;
        INSERT INTO idea_search (idea_search) VALUES ('optimize');
        CREATE TRIGGER idea_search_on_insert AFTER INSERT ON ideas WHEN new.moderation = 'published' AND new.merged_into IS NULL BEGIN
            INSERT OR IGNORE INTO idea_search_scopes (tenant_id, challenge_id) VALUES (new.tenant_id, new.challenge_id);
            INSERT INTO idea_search (rowid, title, body, tenant_id, idea_id)
                SELECT (scope << 32) | new.id, COALESCE(new.title_words, new.title), COALESCE(new.body_words, new.body), new.tenant_id, new.id
                FROM idea_search_scopes WHERE tenant_id = new.tenant_id AND challenge_id = new.challenge_id;
        END;
        CREATE TRIGGER idea_search_on_update AFTER UPDATE OF title, body, title_words, body_words, moderation, merged_into, challenge_id ON ideas BEGIN
            DELETE FROM idea_search WHERE rowid =
                (SELECT (scope << 32) | old.id FROM idea_search_scopes WHERE tenant_id = old.tenant_id AND challenge_id = old.challenge_id);
            INSERT OR IGNORE INTO idea_search_scopes (tenant_id, challenge_id)
                SELECT new.tenant_id, new.challenge_id WHERE new.moderation = 'published' AND new.merged_into IS NULL;
            INSERT INTO idea_search (rowid, title, body, tenant_id, idea_id)
                SELECT (scope << 32) | new.id, COALESCE(new.title_words, new.title), COALESCE(new.body_words, new.body), new.tenant_id, new.id
                FROM idea_search_scopes WHERE tenant_id = new.tenant_id AND challenge_id = new.challenge_id
                  AND new.moderation = 'published' AND new.merged_into IS NULL;
        END;
        CREATE TRIGGER idea_search_on_delete AFTER DELETE ON ideas BEGIN
            DELETE FROM idea_search WHERE rowid =
                (SELECT (scope << 32) | old.id FROM idea_search_scopes WHERE tenant_id = old.tenant_id AND challenge_id = old.challenge_id);
        END;
        -- A challenge goes after its ideas (their foreign key), and its number with it, so a deleted site leaves nothing.
        CREATE TRIGGER idea_search_scopes_on_delete AFTER DELETE ON challenges BEGIN
            DELETE FROM idea_search_scopes WHERE tenant_id = old.tenant_id AND challenge_id = old.id;
        END;
        """;
}
