namespace Engine.Data;

public static partial class Migrations
{
    /// <summary>Step 24 (issue 21): theme suggestions from a challenge's text, and how the latest were computed.</summary>
    internal const string ThemeSuggestions = """
        -- One row per challenge: its latest run (a new run replaces it and the suggestions). silhouette is in
        -- thousandths, null when k was not chosen by it.
        CREATE TABLE theme_suggestion_runs (
            tenant_id TEXT NOT NULL, challenge_id INTEGER NOT NULL, seed INTEGER NOT NULL, k INTEGER NOT NULL,
            silhouette INTEGER, texts INTEGER NOT NULL, vocabulary INTEGER NOT NULL, started_by INTEGER NOT NULL, finished_at INTEGER NOT NULL,
            PRIMARY KEY (tenant_id, challenge_id),
            FOREIGN KEY (tenant_id, challenge_id) REFERENCES challenges (tenant_id, id));
        -- top_terms: words separated by spaces (a word holds letters and digits only); idea_ids: ids separated by
        -- spaces, the most typical first. state: open, accepted (theme_id is the theme it became) or rejected.
        CREATE TABLE theme_suggestions (
            tenant_id TEXT NOT NULL, id INTEGER NOT NULL, challenge_id INTEGER NOT NULL, position INTEGER NOT NULL,
            title TEXT NOT NULL, top_terms TEXT NOT NULL, idea_ids TEXT NOT NULL, state TEXT NOT NULL DEFAULT 'open', theme_id INTEGER,
            PRIMARY KEY (tenant_id, id),
            FOREIGN KEY (tenant_id, challenge_id) REFERENCES challenges (tenant_id, id));
        CREATE INDEX theme_suggestions_by_challenge ON theme_suggestions (tenant_id, challenge_id, position);
        """;
}
