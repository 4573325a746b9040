namespace Engine.Data;

public static partial class Migrations
{
    /// <summary>
    /// Step 25 (issue 21): images on ideas. Kept in the database rather than in files under data/: several engine nodes
    /// share one PostgreSQL and see the same images, and a tenant's export, import, backup and deletion carry them with
    /// its other rows. The copies are base64 text because a tenant's export carries integers, text and nulls only; each
    /// is a re-encoded copy of at most 1200 pixels a side, tens of kilobytes, and an idea has at most three.
    /// </summary>
    internal const string IdeaImages = """
        -- The engine's own WebP copies of an image (never the bytes uploaded): display for the idea's page, thumbnail for
        -- lists. width and height are the display copy's, so a page can keep its space before the image loads.
        CREATE TABLE idea_images (
            tenant_id TEXT NOT NULL, id INTEGER NOT NULL, idea_id INTEGER NOT NULL,
            alt_text TEXT NOT NULL, width INTEGER NOT NULL, height INTEGER NOT NULL,
            display TEXT NOT NULL, thumbnail TEXT NOT NULL, created_at INTEGER NOT NULL,
            PRIMARY KEY (tenant_id, id),
            FOREIGN KEY (tenant_id, idea_id) REFERENCES ideas (tenant_id, id));
        CREATE INDEX idea_images_by_idea ON idea_images (tenant_id, idea_id, id);
        """;
}
