namespace Engine.Web.Tests.Durability;

/// <summary>Checks on the stored data as a whole, shared by the tests that try to break it.</summary>
public static class StoredCounters
{
    /// <summary>How many ideas have an up, down or comment counter that differs from the rows it counts (should be 0).</summary>
    public const string IdeasOutOfStep = """
        SELECT COUNT(*) FROM ideas i LEFT JOIN idea_counts n ON n.tenant_id = i.tenant_id AND n.idea_id = i.id WHERE
            COALESCE(n.up_count, 0) <> (SELECT COUNT(*) FROM votes v WHERE v.tenant_id = i.tenant_id AND v.idea_id = i.id AND v.value > 0) OR
            COALESCE(n.down_count, 0) <> (SELECT COUNT(*) FROM votes v WHERE v.tenant_id = i.tenant_id AND v.idea_id = i.id AND v.value < 0) OR
            i.comment_count <> (SELECT COUNT(*) FROM comments c WHERE c.tenant_id = i.tenant_id AND c.idea_id = i.id AND c.moderation = 'published')
        """;
}
