using Engine.Core.Common;
using Engine.Core.Editing;
using Engine.Core.Tenancy;
using Engine.Sdk;
using Microsoft.Extensions.Logging;

namespace Engine.Core.Images;

/// <summary>
/// Authors add images to their ideas and take them off again. On the new-idea form the images come with the idea
/// itself; afterwards (the edit page, the API) only while the author may still edit the idea, as for its text.
/// </summary>
public sealed class AttachImages(IIdeaImageStore store, EditContribution editing, TimeProvider clock, ILogger<AttachImages> logger)
{
    /// <summary>The images chosen on the form the idea was posted with: posting it was its author's say-so.</summary>
    public Task<Outcome<IReadOnlyList<long>>> ToNewIdeaAsync(string tenantId, long ideaId, IReadOnlyList<NewIdeaImage> images, CancellationToken ct = default) =>
        AddAsync(tenantId, ideaId, images, ct);

    public async Task<Outcome<IReadOnlyList<long>>> AddAsync(TenantDefinition tenant, long ideaId, long memberId, IReadOnlyList<NewIdeaImage> images,
        CancellationToken ct = default)
    {
        if (!await editing.MayEditAsync(tenant, ContributionKind.Idea, ideaId, memberId, ct)) return NotEditable();
        return await AddAsync(tenant.Id, ideaId, images, ct);
    }

    public async Task<Outcome<bool>> RemoveAsync(TenantDefinition tenant, long ideaId, long imageId, long memberId, CancellationToken ct = default)
    {
        if (!await editing.MayEditAsync(tenant, ContributionKind.Idea, ideaId, memberId, ct)) return NotEditable();
        if (!await store.RemoveAsync(tenant.Id, ideaId, imageId, ct)) return Error.NotFound("Image");
        logger.LogInformation("Image {ImageId} taken off idea {IdeaId} of {TenantId} by its author", imageId, ideaId, tenant.Id);
        return true;
    }

    private async Task<Outcome<IReadOnlyList<long>>> AddAsync(string tenantId, long ideaId, IReadOnlyList<NewIdeaImage> images, CancellationToken ct)
    {
        if (images.Count == 0) return Outcome<IReadOnlyList<long>>.From([]);
        var added = await store.AddAsync(tenantId, ideaId, images, ImageRules.MaxPerIdea, clock.GetUtcNow(), ct);
        if (added is null)
            return Error.Invalid("images", $"An idea carries at most {ImageRules.MaxPerIdea} images: take one off before adding another.")
                .Keyed("error.image-limit", ImageRules.MaxPerIdea);
        // Ids only: never the author, who may have posted anonymously.
        logger.LogInformation("{Count} image(s) added to idea {IdeaId} of {TenantId}", added.Count, ideaId, tenantId);
        return Outcome<IReadOnlyList<long>>.From(added);
    }

    private static Error NotEditable() =>
        Error.Forbidden("Images can be added or taken off only by the idea's author, while they may still edit it.", "images")
            .Keyed("error.image-not-editable");
}
