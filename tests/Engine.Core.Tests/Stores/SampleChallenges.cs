using Engine.Core.Challenges;

namespace Engine.Core.Tests.Stores;

/// <summary>Tenant "alpha"'s challenges in each state a challenge can be in at <see cref="Now"/>.</summary>
public static class SampleChallenges
{
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    public static readonly Challenge Running = Make(1, "running", ChallengeState.Open, Now.AddDays(-7), Now.AddDays(7));
    public static readonly Challenge PastClosing = Make(2, "past-closing", ChallengeState.Open, Now.AddDays(-30), Now.AddDays(-1));
    public static readonly Challenge ClosedByHand = Make(3, "closed-by-hand", ChallengeState.Closed, Now.AddDays(-7), Now.AddDays(7));
    public static readonly Challenge NotYetOpen = Make(4, "not-yet-open", ChallengeState.Open, Now.AddDays(1), Now.AddDays(30));
    public static readonly Challenge Draft = Make(5, "draft", ChallengeState.Draft, null, null);
    public static readonly Challenge Archived = Make(6, "archived", ChallengeState.Archived, Now.AddDays(-60), Now.AddDays(-30));
    /// <summary>Open, with no opening or closing time: open now.</summary>
    public static readonly Challenge Unscheduled = Make(7, "unscheduled", ChallengeState.Open, null, null);

    /// <summary>Its title is its slug, and it comes in the site's order by its id.</summary>
    public static Challenge Make(long id, string slug, ChallengeState state, DateTimeOffset? opens, DateTimeOffset? closes) =>
        new("alpha", id, slug, slug, "", opens, closes, state, (int)id, 0);
}
