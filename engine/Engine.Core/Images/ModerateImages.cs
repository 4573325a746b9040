using Engine.Core.Common;
using Engine.Core.Moderation;
using Engine.Core.Tenancy;
using Microsoft.Extensions.Logging;

namespace Engine.Core.Images;

/// <summary>
/// A moderator takes one image off an idea (its picture or its alt text is at fault) and leaves the rest of the idea as it
/// is. The image's row goes, and with it every copy the engine kept (it never keeps the uploaded bytes). Audited, with the
/// moderator's reason; the alt text is not written into the audit log, since the words at fault may be personal data.
/// </summary>
public sealed class ModerateImages(IIdeaImageStore store, IModerationStore audit, TimeProvider clock, ILogger<ModerateImages> logger)
{
    public async Task<Outcome<bool>> RemoveAsync(TenantDefinition tenant, long actorId, long ideaId, long imageId, string? reason, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
            return Error.Invalid("reason", "Say why you are removing this image: it is kept in the audit log.").Keyed("admin.moderation.image-reason");
        if (!await store.RemoveAsync(tenant.Id, ideaId, imageId, ct)) return Error.NotFound("Image");
        await audit.AuditAsync(tenant.Id, actorId, "image.removed", $"idea {ideaId}", $"image {imageId}: {reason.Trim()}", clock.GetUtcNow(), ct);
        logger.LogInformation("Image {ImageId} taken off idea {IdeaId} of {TenantId} by a moderator", imageId, ideaId, tenant.Id);
        return true;
    }
}
