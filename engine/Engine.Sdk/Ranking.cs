namespace Engine.Sdk;

public partial interface IVotingRule
{
    /// <summary>
    /// The key that orders ideas under "top" (SDK 1.3): higher first, compared part by part (see <see cref="RankKey"/>).
    /// Implement it to rank by several things in turn, score then voters then newest, say; without it the key is
    /// <see cref="TopScore"/> alone. When two ideas' keys are equal in every part, the newer idea (the higher id) comes first.
    /// </summary>
    RankKey TopKey(IdeaTally idea) => RankKey.By(TopScore(idea));

    /// <summary>The key that orders ideas under "trending" (SDK 1.3), as <see cref="TopKey"/> does; <see cref="TrendingScore"/> alone unless implemented.</summary>
    RankKey TrendingKey(IdeaTally idea, DateTimeOffset now) => RankKey.By(TrendingScore(idea, now));
}

/// <summary>
/// A ranking key of several parts, compared in turn: the first part decides, and only where two keys are equal in it does
/// the next one count, and so on. Higher ranks first in every part (negate a part to rank it lower first). Each part is
/// compared exactly, so nothing is lost by packing several numbers into one double:
/// <c>RankKey.By(idea.Up - idea.Down).ThenBy(idea.Voters).ThenBy(idea.CreatedAt)</c> ranks by net score, then by how many
/// voted, then newest first. A key that runs out of parts ranks below a longer one it equals so far; NaN ranks below every
/// number. Where two ideas' keys are equal in every part, the engine puts the newer idea (the higher id) first, so an order
/// is the same on every page view and on every node.
/// </summary>
public sealed class RankKey : IComparable<RankKey>, IEquatable<RankKey>
{
    private readonly double[] _parts;

    private RankKey(double[] parts) => _parts = parts;

    public static RankKey By(double part) => new([part]);

    /// <summary>A moment as a part: later ranks higher. Compared to the millisecond.</summary>
    public static RankKey By(DateTimeOffset moment) => By(Milliseconds(moment));

    public RankKey ThenBy(double part) => new([.. _parts, part]);

    /// <summary>A moment as the next part: later ranks higher (newest first). Compared to the millisecond.</summary>
    public RankKey ThenBy(DateTimeOffset moment) => ThenBy(Milliseconds(moment));

    public IReadOnlyList<double> Parts => _parts;

    // Milliseconds since 1970 are whole numbers far below 2^53, so a double holds them exactly.
    private static double Milliseconds(DateTimeOffset moment) => moment.ToUnixTimeMilliseconds();

    public int CompareTo(RankKey? other)
    {
        if (other is null) return 1;
        for (var i = 0; i < Math.Min(_parts.Length, other._parts.Length); i++)
        {
            var compared = _parts[i].CompareTo(other._parts[i]);
            if (compared != 0) return compared;
        }
        return _parts.Length.CompareTo(other._parts.Length);
    }

    public bool Equals(RankKey? other) => CompareTo(other) == 0;
    public override bool Equals(object? obj) => obj is RankKey other && Equals(other);
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var part in _parts) hash.Add(part);
        return hash.ToHashCode();
    }

    public override string ToString() => $"({string.Join(", ", _parts)})";
}
