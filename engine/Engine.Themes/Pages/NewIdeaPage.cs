namespace Engine.Themes.Pages;

/// <summary>new-idea: the form to post an idea to a challenge.</summary>
/// <param name="SimilarUrl">The JSON API that finds similar ideas as the title is typed (for a script).</param>
public sealed record NewIdeaPage(PageFrame Frame, ChallengeView Challenge, IdeaForm Form, string SimilarUrl, FieldErrors Errors) : IPage;

/// <summary>What was typed, shown again when the form is refused.</summary>
public sealed record IdeaForm(string? Title, string? Body, bool Anonymous);
