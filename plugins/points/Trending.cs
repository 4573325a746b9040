namespace Engine.Plugins.Points;

/// <summary>
/// Hacker News "gravity": an idea's recent activity counts for more than its age, so new ideas
/// with a few votes can rise above old ones with many. Each voting plugin carries its own copy,
/// because plugins share nothing but Engine.Sdk.
/// </summary>
internal static class Trending
{
    private const double Gravity = 1.5;

    public static double Score(int up, int down, int comments, DateTimeOffset createdAt, DateTimeOffset now)
    {
        // A clock a little behind the database must not give a new idea a negative age.
        var hours = Math.Max(0, (now - createdAt).TotalHours);
        return (up - down + comments) / Math.Pow(hours + 2, Gravity);
    }
}
