namespace Engine.Themes.Pages;

/// <summary>tokens: "Sign-ins and tokens": the member's API tokens, made, listed and revoked here.</summary>
/// <param name="NewToken">A token just made, shown this once; else null.</param>
public sealed record TokensPage(PageFrame Frame, IReadOnlyList<TokenView> Tokens, string? NewToken, TokenForm Form, FieldErrors Errors) : IPage;

/// <param name="CreatedAt">Days in words, in the site's time zone ("6 December 2026").</param>
/// <param name="LastUsedAt">Null if never used.</param>
public sealed record TokenView(long Id, string Name, string CreatedAt, string ExpiresAt, string? LastUsedAt);

/// <param name="Days">The suggested lifetime; <paramref name="MaxDays"/> the longest the site allows.</param>
public sealed record TokenForm(string? Name, int Days, int MaxDays);
