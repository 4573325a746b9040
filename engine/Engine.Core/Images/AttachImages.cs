using Engine.Core.Common;
using Engine.Core.Editing;
using Engine.Core.Ideas;
using Engine.Core.Moderation;
using Engine.Core.Rules;
using Engine.Core.Tenancy;
using Engine.Sdk;
using Microsoft.Extensions.Logging;

namespace Engine.Core.Images;

/// <summary>What became of images added to an idea: their ids, and whether the idea is on the site or held for a moderator.</summary>
public sealed record AddedImages(IReadOnlyList<long> Ids, ModerationState State);

/// <summary>
/// Authors add images to their ideas and take them off again. On the new-idea form the images come with the idea
/// itself (<see cref="PostIdea"/>), and an edit with images comes with its text (<see cref="EditContribution"/>), each in
/// one write; afterwards (the API's image upload) only while the author may still edit the idea, as for its text.
/// An image's alt text is words the public reads, so it passes the site's moderation rules as the idea's text does. A rule
/// that rejects it refuses the image, naming its alt-text field, and nothing is stored. A rule that holds it holds the
/// whole idea, as a held edit does (<see cref="EditContribution"/>): the moderator finds the idea in the queue with its
/// images, can take off the one at fault (<see cref="ModerateImages"/>) and approve the rest, and the public never sees
/// words the rules have not passed. Holding only the image instead would leave an idea up whose picture has vanished
/// with no word to its readers, and a second queue for moderators to watch.
/// </summary>
public sealed class AttachImages(IIdeaImageStore store, EditContribution editing, OpenIdea openIdea, IRuleResolver rules, ContributionGate gate,
    TimeProvider clock, ILogger<AttachImages> logger)
{
    public async Task<Outcome<AddedImages>> AddAsync(TenantDefinition tenant, long ideaId, long memberId, IReadOnlyList<NewIdeaImage> images,
        CancellationToken ct = default)
    {
        if (!await editing.MayEditAsync(tenant, ContributionKind.Idea, ideaId, memberId, ct)) return NotEditable();
        var found = await openIdea.FindAsync(tenant.Id, ideaId, ct);
        if (!found.Succeeded) return found.Error!;
        var judged = await gate.JudgeAltTextsAsync(rules.For(tenant, found.Value.Challenge.Slug), tenant.Id, memberId, images, ct);
        if (!judged.Succeeded) return judged.Error!;
        // A held alt text holds the idea in the same write as its images: never up on a published idea, even for a moment.
        var held = judged.Value.State == ModerationState.Held ? judged.Value.Reason ?? "" : null;
        var added = await StoreAsync(tenant.Id, ideaId, images, ct, held, judged.Value.Text);
        if (!added.Succeeded) return added.Error!;
        if (held is not null)
            logger.LogInformation("Idea {IdeaId} of {TenantId} held: the alt text of an image added to it was held by the moderation rules", ideaId, tenant.Id);
        return new AddedImages(added.Value!, judged.Value.State);
    }

    /// <summary>Stores images already judged, within the limit (decided inside the write, so uploads at once cannot pass it together).</summary>
    private async Task<Outcome<IReadOnlyList<long>>> StoreAsync(string tenantId, long ideaId, IReadOnlyList<NewIdeaImage> images, CancellationToken ct,
        string? holdReason, HoldText? holdText)
    {
        if (images.Count == 0) return Outcome<IReadOnlyList<long>>.From([]);
        var added = await store.AddAsync(tenantId, ideaId, images, ImageRules.MaxPerIdea, clock.GetUtcNow(), ct, holdReason, holdText);
        if (added is null) return AltTexts.TooMany();
        // Ids only: never the author, who may have posted anonymously.
        logger.LogInformation("{Count} image(s) added to idea {IdeaId} of {TenantId}", added.Count, ideaId, tenantId);
        return Outcome<IReadOnlyList<long>>.From(added);
    }

    public async Task<Outcome<bool>> RemoveAsync(TenantDefinition tenant, long ideaId, long imageId, long memberId, CancellationToken ct = default)
    {
        if (!await editing.MayEditAsync(tenant, ContributionKind.Idea, ideaId, memberId, ct)) return NotEditable();
        if (!await store.RemoveAsync(tenant.Id, ideaId, imageId, ct)) return Error.NotFound("Image");
        logger.LogInformation("Image {ImageId} taken off idea {IdeaId} of {TenantId} by its author", imageId, ideaId, tenant.Id);
        return true;
    }

    private static Error NotEditable() =>
        Error.Forbidden("Images can be added or taken off only by the idea's author, while they may still edit it.", "images")
            .Keyed("error.image-not-editable");
}
