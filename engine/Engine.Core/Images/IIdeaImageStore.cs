namespace Engine.Core.Images;

public interface IIdeaImageStore
{
    /// <summary>
    /// Adds the images to the idea, in order, unless that would take it past <paramref name="max"/>: then nothing is added
    /// and null comes back. The count is judged inside the write, so two uploads at once cannot pass the limit together.
    /// With a <paramref name="holdReason"/> (the rules held an alt text) the idea is held for a moderator in the same write, so
    /// the images are never up on a published idea; <paramref name="holdText"/> is that reason keyed, when the rule gave a key.
    /// </summary>
    Task<IReadOnlyList<long>?> AddAsync(string tenantId, long ideaId, IReadOnlyList<NewIdeaImage> images, int max, DateTimeOffset now,
        CancellationToken ct = default, string? holdReason = null, Moderation.HoldText? holdText = null);

    /// <summary>The idea's images, in the order they were added.</summary>
    Task<IReadOnlyList<IdeaImage>> ListAsync(string tenantId, long ideaId, CancellationToken ct = default);

    /// <summary>One copy of an image of this idea, or null when the idea has no such image.</summary>
    Task<byte[]?> ReadAsync(string tenantId, long ideaId, long imageId, ImageSize size, CancellationToken ct = default);

    /// <summary>Removes one image of this idea; false when it had none by that id.</summary>
    Task<bool> RemoveAsync(string tenantId, long ideaId, long imageId, CancellationToken ct = default);
}
