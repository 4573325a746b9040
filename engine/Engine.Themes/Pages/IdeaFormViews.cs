namespace Engine.Themes.Pages;

/// <summary>
/// One input of a challenge's own idea form or of its filters: a list to pick from (<see cref="Choices"/> not empty) or short
/// text. <see cref="Name"/> is what the form sends ("fields.role", "category") and also its id, which the error summary links to.
/// </summary>
/// <param name="Value">What was typed, for short text shown again when the form is refused.</param>
/// <param name="Error">Why this input was refused, or null.</param>
public sealed record FieldInputView(string Name, string Label, bool Required, IReadOnlyList<ChoiceView> Choices, string? Value, string? Error);

/// <param name="Value">What the form sends; <paramref name="Label"/> is how it reads (the same, except for statuses).</param>
public sealed record ChoiceView(string Value, string Label, bool Selected);

/// <summary>One answer on an idea's page ("I am a": "carer").</summary>
public sealed record AnswerView(string Label, string Value);

/// <summary>
/// The filters above a challenge's ideas: a plain GET form, so they work without script and their state is the URL.
/// </summary>
/// <param name="Sort">The sort in use, sent again so filtering keeps it.</param>
/// <param name="Selects">Status, category and each field with a list of answers.</param>
/// <param name="Responded">Whether "has an official response" is ticked.</param>
/// <param name="ClearUrl">The same list unfiltered; null when nothing is filtered.</param>
/// <param name="Withheld">The filter matched ideas by fewer than 5 people, so none are listed (the small-group rule).</param>
public sealed record FilterView(string Action, string Sort, IReadOnlyList<FieldInputView> Selects, bool Responded, string? ClearUrl, bool Withheld);
