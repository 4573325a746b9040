using Engine.Core.Common;

namespace Engine.Core.IdeaForms;

/// <summary>What an author answered on a challenge's idea form: the category they picked and each extra field's answer, by key.</summary>
public sealed record IdeaAnswers(string? Category, IReadOnlyDictionary<string, string> Values)
{
    public static IdeaAnswers None { get; } = new(null, new Dictionary<string, string>());

    /// <summary>
    /// What anyone may be shown of an idea's answers. An anonymous author's answers describe them ("carer", their trust), so
    /// only the category (about the idea, not its author) is shown; their answers are counted only in groups of 5 or more people.
    /// </summary>
    public IdeaAnswers Shown(bool anonymous) => anonymous ? this with { Values = None.Values } : this;

    /// <summary>
    /// Checks answers against the form: required fields answered, choices from their lists, text within its length, no field the
    /// form lacks. The error names the field ("fields.role", "category"), so a page shows it there and the API says which.
    /// </summary>
    public static Outcome<IdeaAnswers> Check(IdeaForm form, string? category, IReadOnlyDictionary<string, string?> given)
    {
        if (given.Keys.FirstOrDefault(k => form.Field(k) is null) is { } unknown)
            return Error.Invalid($"fields.{unknown}", $"This challenge's idea form has no field '{unknown}'.").Keyed("error.no-such-field", unknown);
        var picked = Picked(category);
        if (picked is not null && !form.Categories.Contains(picked))
            return form.Categories.Count == 0
                ? Error.Invalid("category", "This challenge has no categories to pick from.").Keyed("error.no-categories")
                : Error.Invalid("category", $"Category must be one of: {string.Join(", ", form.Categories)}.").Keyed("error.not-a-choice", string.Join(", ", form.Categories));
        var values = new Dictionary<string, string>();
        foreach (var field in form.Fields)
        {
            var answer = Picked(given.GetValueOrDefault(field.Key));
            var name = $"fields.{field.Key}";
            if (answer is null)
            {
                if (field.Required) return Error.Invalid(name, $"'{field.Label}' is required.").Keyed("error.field-required", field.Label);
                continue;
            }
            if (field.Groups && !field.Choices.Contains(answer))
                return Error.Invalid(name, $"'{field.Label}' must be one of: {string.Join(", ", field.Choices)}.")
                    .Keyed("error.field-not-a-choice", field.Label, string.Join(", ", field.Choices));
            if (answer.Length > IdeaField.TextMax)
                return Error.Invalid(name, $"'{field.Label}' must be {IdeaField.TextMax} characters or fewer (it has {answer.Length}).")
                    .Keyed("error.field-too-long", field.Label, IdeaField.TextMax, answer.Length);
            values[field.Key] = answer;
        }
        return new IdeaAnswers(picked, values);
    }

    private static string? Picked(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
