namespace Engine.Core.Ideas;

/// <summary>
/// The trending score: net votes and comments, decayed by age, so a fresh idea with a burst of
/// support outranks an old one that stopped moving (Hacker News' gravity model).
/// </summary>
public static class Trending
{
    public const double Gravity = 1.5;

    public static double Score(int up, int down, int comments, DateTimeOffset createdAt, DateTimeOffset now)
    {
        var hours = Math.Max(0, (now - createdAt).TotalHours);
        var points = up - down + comments;
        return points / Math.Pow(hours + 2, Gravity);
    }
}
