namespace Engine.Sdk;

/// <summary>
/// The engine's trending score, for voting rules that want it from <see cref="IVotingRule.TrendingScore"/>
/// rather than a formula of their own: net support and comments, decayed by age,
/// <c>(Up - Down + Comments) / (hours since posted + 2) ^ 1.5</c>.
/// It is Hacker News' "gravity" model: recent activity counts for more than age, so a fresh idea with a burst of
/// support rises above an old one that stopped moving, and every idea still sinks in time, so the list keeps changing
/// while a challenge runs. The built-in rules and the shipped thumbs, budget and points plugins all rank with it.
/// </summary>
public static class Trending
{
    /// <summary>How fast age pulls an idea down: above 1 a burst of votes fades within days, not weeks.</summary>
    public const double Gravity = 1.5;

    public static double Score(IdeaTally idea, DateTimeOffset now)
    {
        // A clock a little behind the database must not give a new idea a negative age. The 2 hours keep a minute-old
        // idea with one vote from outranking everything.
        var hours = Math.Max(0, (now - idea.CreatedAt).TotalHours);
        return (idea.Up - idea.Down + idea.Comments) / Math.Pow(hours + 2, Gravity);
    }
}
