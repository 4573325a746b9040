using System.Data.Common;
using Dapper;
using Engine.Core.Images;
using Engine.Core.Moderation;

namespace Engine.Data.Stores;

/// <summary>
/// Images on ideas, kept in the database beside the idea (Migrations.Images.cs says why), as base64 text of the copies
/// the engine made. Every query names the tenant and the idea, so an image is never found through another's id.
/// </summary>
public sealed class IdeaImageStore(Database db) : IIdeaImageStore
{
    public Task<IReadOnlyList<long>?> AddAsync(string tenantId, long ideaId, IReadOnlyList<NewIdeaImage> images, int max, DateTimeOffset now,
        CancellationToken ct = default, string? holdReason = null, HoldText? holdText = null) =>
        db.WriteAsync(tenantId, (c, tx) =>
        {
            // The idea's row is locked first on PostgreSQL, so two uploads at once count one after the other (SQLite has one writer).
            c.Execute($"SELECT id FROM ideas WHERE tenant_id = @tenantId AND id = @ideaId{db.ForUpdate}", new { tenantId, ideaId }, tx);
            if (Count(c, tx, tenantId, ideaId) + images.Count > max) return null;
            var ids = Insert(c, tx, tenantId, ideaId, images, now);
            if (holdReason is not null)
                c.Execute("""
                    UPDATE ideas SET moderation = 'held', moderation_reason = @holdReason, hold_text = @holdText
                    WHERE tenant_id = @tenantId AND id = @ideaId AND moderation = 'published'
                    """, new { tenantId, ideaId, holdReason, holdText = holdText?.ToJson() }, tx);
            return ids;
        }, ct);

    /// <summary>How many images the idea has, inside a write (the caller has locked the idea's row).</summary>
    internal static long Count(DbConnection c, DbTransaction tx, string tenantId, long ideaId) =>
        c.ExecuteScalar<long>("SELECT COUNT(*) FROM idea_images WHERE tenant_id = @tenantId AND idea_id = @ideaId", new { tenantId, ideaId }, tx);

    /// <summary>Writes the images' rows, in order, inside the caller's transaction (a new idea's, an edit's, an upload's), so they stand or fall with it.</summary>
    internal static IReadOnlyList<long> Insert(DbConnection c, DbTransaction tx, string tenantId, long ideaId, IReadOnlyList<NewIdeaImage> images, DateTimeOffset now)
    {
        var ids = new List<long>();
        foreach (var image in images)
        {
            var id = Sequences.Next(c, tx, tenantId, "idea_image");
            c.Execute("""
                INSERT INTO idea_images (tenant_id, id, idea_id, alt_text, width, height, display, thumbnail, created_at)
                VALUES (@tenantId, @id, @ideaId, @AltText, @width, @height, @display, @thumbnail, @createdAt)
                """, new
            {
                tenantId, id, ideaId, image.AltText, width = image.Display.Width, height = image.Display.Height,
                display = Convert.ToBase64String(image.Display.Bytes), thumbnail = Convert.ToBase64String(image.Thumbnail.Bytes),
                createdAt = now.ToUnixMs(),
            }, tx);
            ids.Add(id);
        }
        return ids;
    }

    public async Task<IReadOnlyList<IdeaImage>> ListAsync(string tenantId, long ideaId, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        return (await c.QueryAsync<(long Id, string AltText, long Width, long Height)>(
            "SELECT id, alt_text, width, height FROM idea_images WHERE tenant_id = @tenantId AND idea_id = @ideaId ORDER BY id",
            new { tenantId, ideaId })).Select(r => new IdeaImage(r.Id, ideaId, r.AltText, (int)r.Width, (int)r.Height)).ToList();
    }

    public async Task<byte[]?> ReadAsync(string tenantId, long ideaId, long imageId, ImageSize size, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        var column = size == ImageSize.Thumbnail ? "thumbnail" : "display";
        var text = await c.ExecuteScalarAsync<string?>(
            $"SELECT {column} FROM idea_images WHERE tenant_id = @tenantId AND idea_id = @ideaId AND id = @imageId", new { tenantId, ideaId, imageId });
        return text is null ? null : Convert.FromBase64String(text);
    }

    public Task<bool> RemoveAsync(string tenantId, long ideaId, long imageId, CancellationToken ct = default) =>
        db.WriteAsync(tenantId, (c, tx) => c.Execute(
            "DELETE FROM idea_images WHERE tenant_id = @tenantId AND idea_id = @ideaId AND id = @imageId", new { tenantId, ideaId, imageId }, tx) == 1, ct);
}
