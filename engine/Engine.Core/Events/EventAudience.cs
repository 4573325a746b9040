using Engine.Core.Challenges;
using Engine.Core.Ideas;
using Engine.Sdk;

namespace Engine.Core.Events;

/// <summary>
/// Which events plugins may be told: none about a challenge that not everyone may see. A plugin is in no private challenge's
/// audience (what it is told may go anywhere: a webhook's receiver, a chat channel), so it never learns a private challenge's
/// ideas, titles or counts. Asked when an event is delivered, not when it was recorded, so a challenge made private in
/// between is kept private too; an event whose idea or challenge is gone is not told either.
/// </summary>
public sealed class EventAudience(IChallengeStore challenges, IIdeaStore ideas)
{
    public async Task<bool> MayTellAsync(SiteEvent e, CancellationToken ct = default)
    {
        var challengeId = e.ChallengeId;
        if (challengeId is null && e.IdeaId is { } ideaId)
            challengeId = (await ideas.FindAsync(e.TenantId, ideaId, ct))?.ChallengeId;
        if (challengeId is not { } id) return e.IdeaId is null;
        return await challenges.FindByIdAsync(e.TenantId, id, ct) is { Audience.IsEveryone: true };
    }
}
