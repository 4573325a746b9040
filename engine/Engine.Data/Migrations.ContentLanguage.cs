namespace Engine.Data;

public static partial class Migrations
{
    /// <summary>Step 21 (issue 20), portable part: the language each idea and comment was written in, and the words search indexes.</summary>
    internal const string ContentLanguage = """
        -- The language an idea or comment was written in (a culture such as cy-GB); null for those written before
        -- languages were recorded, which are read as in the site's own language.
        ALTER TABLE ideas ADD COLUMN language TEXT;
        ALTER TABLE comments ADD COLUMN language TEXT;
        -- What the full-text index holds in place of the title and body, for a language with search rules of its own
        -- (Welsh: every word with the radicals it may be a mutation of, stop words left out), written with the text;
        -- null to index the title and body as written (English, and every idea written before this step).
        ALTER TABLE ideas ADD COLUMN title_words TEXT;
        ALTER TABLE ideas ADD COLUMN body_words TEXT;
        """;

    /// <summary>SQLite: the index triggers of <see cref="SqliteIdeaSearch"/>, now indexing title_words and body_words where an idea has them.</summary>
    internal const string SqliteContentLanguageSearch = """
        DROP TRIGGER idea_search_on_insert;
        DROP TRIGGER idea_search_on_update;
        CREATE TRIGGER idea_search_on_insert AFTER INSERT ON ideas WHEN new.moderation = 'published' AND new.merged_into IS NULL BEGIN
            INSERT INTO idea_search (title, body, tenant_id, idea_id, challenge_id)
                VALUES (COALESCE(new.title_words, new.title), COALESCE(new.body_words, new.body), new.tenant_id, new.id, new.challenge_id);
        END;
        CREATE TRIGGER idea_search_on_update AFTER UPDATE OF title, body, title_words, body_words, moderation, merged_into, challenge_id ON ideas BEGIN
            DELETE FROM idea_search WHERE tenant_id = old.tenant_id AND idea_id = old.id;
            INSERT INTO idea_search (title, body, tenant_id, idea_id, challenge_id)
                SELECT COALESCE(new.title_words, new.title), COALESCE(new.body_words, new.body), new.tenant_id, new.id, new.challenge_id
                WHERE new.moderation = 'published' AND new.merged_into IS NULL;
        END;
        """;

    /// <summary>PostgreSQL: the GIN index of <see cref="PostgresIdeaSearch"/> over the same words; IdeaSearch.PgDocument must stay this expression.</summary>
    internal const string PostgresContentLanguageSearch = """
        DROP INDEX ideas_full_text;
        CREATE INDEX ideas_full_text ON ideas USING GIN (to_tsvector('english', COALESCE(title_words, title) || ' ' || COALESCE(body_words, body)))
            WHERE moderation = 'published' AND merged_into IS NULL;
        """;
}
