namespace Engine.Core.Exports;

/// <summary>
/// What an export holds: what the public site shows (published content only), with counts. An anonymous
/// contribution carries no identity at all (no name, email, member id, author key or anything stable that could
/// link two of them); imported ones carry their source. Votes are per-idea tallies: no voter, no per-member list.
/// </summary>
public enum ExportDataset { Ideas, Comments, Votes, Themes, BigIdeas, Codes }

public enum ExportFormat { Csv, Json }

/// <param name="Author">The author's display name for a named idea; null when anonymous or imported.</param>
/// <param name="Source">For an imported idea, the session it came from.</param>
/// <param name="Language">The language it was written in (cy-GB); null if written before languages were recorded.</param>
/// <param name="Category">The category its author picked from the challenge's, or null.</param>
/// <param name="Fields">Its author's answers to the challenge's extra fields, by key; none for an anonymous idea, whose answers describe its author.</param>
public sealed record ExportedIdea(long Id, string Challenge, string Title, string Body, string Status, string? Author, bool Anonymous,
    string? Source, DateTimeOffset CreatedAt, int Up, int Down, int Voters, int Comments, long? MergedInto, string? Language = null,
    string? Category = null, IReadOnlyDictionary<string, string>? Fields = null);

/// <param name="Language">The language it was written in (cy-GB); null if written before languages were recorded.</param>
public sealed record ExportedComment(long Id, long IdeaId, string Challenge, long? ParentId, string Body, string? Author, bool Anonymous,
    string? Source, bool Official, DateTimeOffset CreatedAt, string? Language = null);

/// <param name="Points">The sum of every vote's value (thumbs: up minus down; points voting: the points given).</param>
public sealed record ExportedVoteTally(long IdeaId, string Challenge, int Up, int Down, int Voters, int Points);

public sealed record ExportedTheme(long Id, string Challenge, string Title, string Summary, long? BigIdeaId, IReadOnlyList<long> IdeaIds);

public sealed record ExportedBigIdea(long Id, string Challenge, string Title, string Summary, string Description, IReadOnlyList<long> ThemeIds);

/// <summary>A code analysts gave an idea or comment (<see cref="Kind"/> "idea" or "comment"), and how many of them did: never which.</summary>
public sealed record ExportedCode(string Kind, long Id, long IdeaId, string Challenge, string Code, int Analysts);

/// <summary>One consistent view of a site's (or one challenge's) data: every dataset read from the same snapshot.</summary>
public interface IExportSnapshot : IAsyncDisposable
{
    IAsyncEnumerable<ExportedIdea> IdeasAsync(CancellationToken ct = default);
    IAsyncEnumerable<ExportedComment> CommentsAsync(CancellationToken ct = default);
    IAsyncEnumerable<ExportedVoteTally> VotesAsync(CancellationToken ct = default);
    IAsyncEnumerable<ExportedTheme> ThemesAsync(CancellationToken ct = default);
    IAsyncEnumerable<ExportedBigIdea> BigIdeasAsync(CancellationToken ct = default);
    IAsyncEnumerable<ExportedCode> CodesAsync(CancellationToken ct = default);
}

public interface IExportSource
{
    /// <param name="challengeId">One challenge, or null for the whole site.</param>
    Task<IExportSnapshot> OpenAsync(string tenantId, long? challengeId, CancellationToken ct = default);
}

public static class ExportNames
{
    public static string Name(this ExportDataset d) => d == ExportDataset.BigIdeas ? "big-ideas" : d.ToString().ToLowerInvariant();

    public static bool TryParse(string? name, out ExportDataset dataset)
    {
        foreach (var d in Enum.GetValues<ExportDataset>())
            if (string.Equals(d.Name(), name, StringComparison.OrdinalIgnoreCase)) { dataset = d; return true; }
        dataset = default;
        return false;
    }

    public static bool TryParse(string? name, out ExportFormat format) =>
        Enum.TryParse(name, ignoreCase: true, out format) && Enum.IsDefined(format) && !int.TryParse(name, out _);
}
