namespace Engine.Data;

public static partial class Migrations
{
    /// <summary>Step 28 (issue 22), portable part: nothing changes on PostgreSQL, whose GIN index is filtered with the row.</summary>
    internal const string SearchScope = "-- SQLite's full-text index only (SqliteSearchScope).";

    /// <summary>
    /// SQLite: the idea index gains <c>scope</c>, an indexed column holding one token for the idea's site and challenge
    /// (<see cref="Stores.IdeaSearch.ScopeToken"/>), so a search matches its site and challenges inside FTS5 instead of
    /// reading every match's stored row to check them: at 160,000 ideas a two-word search matched 1,300 ideas and spent
    /// about 10 ms reading their rows, twice (count and page); a title's words (similar ideas) matched 14,000. The token is
    /// the tenant id in hexadecimal (a tenant id may hold hyphens, which the tokenizer splits on) and the challenge id.
    /// </summary>
    internal const string SqliteSearchScope = """
        DROP TRIGGER idea_search_on_insert;
        DROP TRIGGER idea_search_on_update;
        DROP TRIGGER idea_search_on_delete;
        DROP TABLE idea_search;
        CREATE VIRTUAL TABLE idea_search USING fts5 (
            title, body, scope, tenant_id UNINDEXED, idea_id UNINDEXED, challenge_id UNINDEXED,
            tokenize = 'porter unicode61 remove_diacritics 2');
        INSERT INTO idea_search (title, body, scope, tenant_id, idea_id, challenge_id)
            SELECT COALESCE(title_words, title), COALESCE(body_words, body), 'x' || hex(tenant_id) || 'c' || challenge_id, tenant_id, id, challenge_id
            FROM ideas WHERE moderation = 'published' AND merged_into IS NULL;
        CREATE TRIGGER idea_search_on_insert AFTER INSERT ON ideas WHEN new.moderation = 'published' AND new.merged_into IS NULL BEGIN
            INSERT INTO idea_search (title, body, scope, tenant_id, idea_id, challenge_id)
                VALUES (COALESCE(new.title_words, new.title), COALESCE(new.body_words, new.body), 'x' || hex(new.tenant_id) || 'c' || new.challenge_id,
                        new.tenant_id, new.id, new.challenge_id);
        END;
        CREATE TRIGGER idea_search_on_update AFTER UPDATE OF title, body, title_words, body_words, moderation, merged_into, challenge_id ON ideas BEGIN
            DELETE FROM idea_search WHERE tenant_id = old.tenant_id AND idea_id = old.id;
            INSERT INTO idea_search (title, body, scope, tenant_id, idea_id, challenge_id)
                SELECT COALESCE(new.title_words, new.title), COALESCE(new.body_words, new.body), 'x' || hex(new.tenant_id) || 'c' || new.challenge_id,
                       new.tenant_id, new.id, new.challenge_id
                WHERE new.moderation = 'published' AND new.merged_into IS NULL;
        END;
        CREATE TRIGGER idea_search_on_delete AFTER DELETE ON ideas BEGIN
            DELETE FROM idea_search WHERE tenant_id = old.tenant_id AND idea_id = old.id;
        END;
        """;
}
