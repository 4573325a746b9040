namespace Engine.Data;

public static partial class Migrations
{
    /// <summary>
    /// Step 30 (issue 22), the headline numbers from counters kept on write (Stores.StatsQuery): ideas.comment_count (the
    /// idea's published comments), idea_counts (its votes) and carried_votes (the copies a merge made, only while they stand)
    /// are now summed instead of reading every comment and vote, so they are set from the rows once, here, in case any
    /// drifted; the UPDATEs touch only rows that differ. Imported comments get an index of their own, holding only them.
    /// </summary>
    internal const string KeptNumbers = """
        CREATE INDEX comments_imported ON comments (tenant_id, source_id) WHERE source_id IS NOT NULL;
        UPDATE ideas SET comment_count = (SELECT COUNT(*) FROM comments k
                WHERE k.tenant_id = ideas.tenant_id AND k.idea_id = ideas.id AND k.moderation = 'published')
            WHERE comment_count <> (SELECT COUNT(*) FROM comments k
                WHERE k.tenant_id = ideas.tenant_id AND k.idea_id = ideas.id AND k.moderation = 'published');
        -- A carried vote counts as carried only while the vote stands (taking it back deletes both rows).
        DELETE FROM carried_votes WHERE NOT EXISTS (SELECT 1 FROM votes v
            WHERE v.tenant_id = carried_votes.tenant_id AND v.idea_id = carried_votes.idea_id AND v.member_id = carried_votes.member_id);
        UPDATE idea_counts SET up_count = 0, down_count = 0, voter_count = 0
            WHERE (up_count <> 0 OR down_count <> 0 OR voter_count <> 0)
              AND NOT EXISTS (SELECT 1 FROM votes v WHERE v.tenant_id = idea_counts.tenant_id AND v.idea_id = idea_counts.idea_id);
        INSERT INTO idea_counts (tenant_id, idea_id, up_count, down_count, voter_count)
            SELECT tenant_id, idea_id, SUM(CASE WHEN value > 0 THEN value ELSE 0 END), SUM(CASE WHEN value < 0 THEN -value ELSE 0 END), COUNT(*)
            FROM votes GROUP BY tenant_id, idea_id
            ON CONFLICT (tenant_id, idea_id) DO UPDATE SET up_count = excluded.up_count, down_count = excluded.down_count, voter_count = excluded.voter_count
            WHERE idea_counts.up_count <> excluded.up_count OR idea_counts.down_count <> excluded.down_count OR idea_counts.voter_count <> excluded.voter_count;
        """;
}
