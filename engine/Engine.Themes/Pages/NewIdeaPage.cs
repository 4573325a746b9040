namespace Engine.Themes.Pages;

/// <summary>new-idea: the form to post an idea to a challenge.</summary>
/// <param name="SimilarUrl">The JSON API that finds similar ideas as the title is typed (for a script).</param>
/// <param name="Languages">The languages the idea may be written in, the one it will be recorded in selected; empty on a site in one language.</param>
/// <param name="Fields">The challenge's category and extra fields, as answered so far; empty when its form has none.</param>
public sealed record NewIdeaPage(PageFrame Frame, ChallengeView Challenge, IdeaForm Form, string SimilarUrl, FieldErrors Errors,
    IReadOnlyList<LanguageOption> Languages, IReadOnlyList<FieldInputView> Fields) : IPage;

/// <summary>What was typed, shown again when the form is refused; <paramref name="Language"/> is the language chosen, if any.</summary>
public sealed record IdeaForm(string? Title, string? Body, bool Anonymous, string? Language = null);

/// <summary>One of the site's languages, as a choice on a form.</summary>
/// <param name="Code">The language, as <c>lang</c> takes it and the form sends it ("cy").</param>
/// <param name="Name">The language's name in itself ("Cymraeg").</param>
public sealed record LanguageOption(string Code, string Name, bool Selected);
