namespace Engine.Core.BigIdeas;

/// <summary>
/// A group of a challenge's ideas that say the same kind of thing, made by the team after the challenge closes.
/// (Not the site's visual theme, which is Engine.Themes.)
/// </summary>
public sealed record IdeaTheme(long Id, long ChallengeId, string Title, string Summary, long? BigIdeaId, IReadOnlyList<long> IdeaIds);

/// <summary>
/// A big idea: themes brought together into something the programme will take forward. Its source ideas are
/// every idea of its themes. <see cref="Description"/> is Markdown, rendered with SafeMarkdown.
/// </summary>
/// <see cref="Stage"/> is where it is on the roadmap, spelt as the idea status its source ideas move to: shortlisted
/// (a big idea), prototyping, testing, scale and spread, or not taken forward.
public sealed record BigIdea(long Id, long ChallengeId, string Title, string Summary, string Description,
    IReadOnlyList<long> ThemeIds, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, Ideas.IdeaStatus Stage = Ideas.IdeaStatus.Shortlisted);

/// <summary>What an idea feeds into, for its page.</summary>
public sealed record IdeaGrouping(long ThemeId, string ThemeTitle, long? BigIdeaId, string? BigIdeaTitle);

public interface IThemingStore
{
    Task<long> AddThemeAsync(string tenantId, long challengeId, string title, string summary, DateTimeOffset now, CancellationToken ct = default);
    Task<bool> UpdateThemeAsync(string tenantId, long themeId, string title, string summary, DateTimeOffset now, CancellationToken ct = default);
    Task<IdeaTheme?> FindThemeAsync(string tenantId, long themeId, CancellationToken ct = default);
    Task<IReadOnlyList<IdeaTheme>> ThemesAsync(string tenantId, long challengeId, CancellationToken ct = default);
    /// <summary>Adds the idea to the theme and moves it to "themed" if it was only submitted or under review; false if it was already there.</summary>
    Task<(bool Added, bool StatusMoved)> AddIdeaAsync(string tenantId, long themeId, long ideaId, DateTimeOffset now, CancellationToken ct = default);
    Task<bool> RemoveIdeaAsync(string tenantId, long themeId, long ideaId, CancellationToken ct = default);
    /// <summary>Deletes the theme and its links to ideas (the ideas themselves, and their statuses, stay); false if there was none.</summary>
    Task<bool> DeleteThemeAsync(string tenantId, long themeId, CancellationToken ct = default);
    /// <summary>Deletes the big idea; its themes stay, in no big idea. False if there was none.</summary>
    Task<bool> DeleteBigIdeaAsync(string tenantId, long bigIdeaId, CancellationToken ct = default);

    Task<long> AddBigIdeaAsync(string tenantId, long challengeId, string title, string summary, string description, DateTimeOffset now, CancellationToken ct = default);
    Task<bool> UpdateBigIdeaAsync(string tenantId, long bigIdeaId, string title, string summary, string description, DateTimeOffset now, CancellationToken ct = default);
    Task<BigIdea?> FindBigIdeaAsync(string tenantId, long bigIdeaId, CancellationToken ct = default);
    Task<IReadOnlyList<BigIdea>> BigIdeasAsync(string tenantId, long challengeId, CancellationToken ct = default);
    /// <summary>
    /// Puts the theme into the big idea (or takes it out, when null). Putting it in moves its ideas that are
    /// submitted, under review or themed to "shortlisted"; returns the ids of the ideas moved.
    /// </summary>
    Task<IReadOnlyList<long>> SetBigIdeaAsync(string tenantId, long themeId, long? bigIdeaId, DateTimeOffset now, CancellationToken ct = default);

    /// <summary>
    /// Moves the big idea to <paramref name="stage"/> and, in the same transaction, each of its source ideas that is
    /// earlier on the roadmap (not one already further along or not taken forward) to the same status; returns the
    /// ids of the ideas moved, or null if there is no such big idea.
    /// </summary>
    Task<IReadOnlyList<long>?> SetStageAsync(string tenantId, long bigIdeaId, Ideas.IdeaStatus stage, DateTimeOffset now, CancellationToken ct = default);

    Task<IReadOnlyList<IdeaGrouping>> GroupingsOfIdeaAsync(string tenantId, long ideaId, CancellationToken ct = default);
}
