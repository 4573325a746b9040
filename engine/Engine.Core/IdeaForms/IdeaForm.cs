using System.Text.RegularExpressions;
using Engine.Core.Tenancy;

namespace Engine.Core.IdeaForms;

/// <summary>
/// What a field asks. A choice or an organisation (or area) is picked from a list, so it can be filtered on and broken down
/// in the numbers; short text is free, so it is shown on the idea but never grouped (each answer could be its own person).
/// </summary>
public enum IdeaFieldKind { Choice, Organisation, Text }

/// <summary>One extra question a challenge asks on its idea form ("I am a": patient, carer, member of staff).</summary>
public sealed record IdeaField
{
    public const int TextMax = 120;

    /// <summary>What the form posts and the API and exports carry ("role"); lower-case letters, digits and hyphens.</summary>
    public required string Key { get; init; }
    /// <summary>The question as people read it ("I am a").</summary>
    public required string Label { get; init; }
    public IdeaFieldKind Kind { get; init; } = IdeaFieldKind.Choice;
    public bool Required { get; init; }
    /// <summary>The answers to pick from; a choice or organisation needs at least two, short text none.</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];

    /// <summary>Answers picked from a list: the ones filters and breakdowns group people by.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Groups => Kind != IdeaFieldKind.Text;
}

/// <summary>
/// A challenge's idea form beyond title and body: its extra fields and the categories authors pick from. From the challenge in
/// tenant.json ("ideaForm"), or set by an admin at run time (which wins, like the challenge's other settings).
/// </summary>
public sealed partial record IdeaForm
{
    public const int MaxFields = 10, MaxChoices = 100, ChoiceMax = 80;

    public IReadOnlyList<IdeaField> Fields { get; init; } = [];
    public IReadOnlyList<string> Categories { get; init; } = [];

    public static IdeaForm None { get; } = new();

    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsEmpty => Fields.Count == 0 && Categories.Count == 0;

    public IdeaField? Field(string key) => Fields.FirstOrDefault(f => f.Key == key);

    /// <summary>The whole form on one line, for the audit log's before and after: "categories: A, B; role "I am a" (choice, required): x, y".</summary>
    public string Describe()
    {
        if (IsEmpty) return "none";
        var parts = new List<string>();
        if (Categories.Count > 0) parts.Add("categories: " + string.Join(", ", Categories));
        foreach (var f in Fields)
            parts.Add($"{f.Key} \"{f.Label}\" ({f.Kind.ToString().ToLowerInvariant()}, {(f.Required ? "required" : "optional")})"
                + (f.Choices.Count > 0 ? ": " + string.Join(", ", f.Choices) : ""));
        return string.Join("; ", parts);
    }

    /// <summary>The form a challenge's ideas are posted with: the admin's, else tenant.json's, else none.</summary>
    public static IdeaForm For(TenantDefinition tenant, string challengeSlug) =>
        tenant.ChallengeOverrides.GetValueOrDefault(challengeSlug)?.IdeaForm
        ?? tenant.Challenges.FirstOrDefault(c => c.Slug == challengeSlug)?.IdeaForm
        ?? None;

    /// <summary>What is wrong with the form, as the path of the part at fault (under "ideaForm") and why; null when it is sound.</summary>
    public IdeaFormProblem? Check()
    {
        if (Fields.Count > MaxFields) return new("fields", $"a form has at most {MaxFields} extra fields.", "admin.idea-form.problem.too-many-fields", MaxFields);
        var keys = new HashSet<string>();
        for (var i = 0; i < Fields.Count; i++)
        {
            var f = Fields[i];
            var at = $"fields[{i}]";
            if (f.Key is null || !Key().IsMatch(f.Key))
                return new($"{at}.key", "use lower-case letters, digits and hyphens only, such as \"role\".", "admin.idea-form.problem.key-format");
            if (!keys.Add(f.Key)) return new($"{at}.key", $"'{f.Key}' is used twice.", "admin.idea-form.problem.key-twice", f.Key);
            if (string.IsNullOrWhiteSpace(f.Label)) return new($"{at}.label", "is required: it is the question people read.", "admin.idea-form.problem.label-required");
            if (f.Kind == IdeaFieldKind.Text && f.Choices.Count > 0)
                return new($"{at}.choices", "short text takes no choices: use kind \"choice\" for a list.", "admin.idea-form.problem.text-no-choices");
            if (f.Groups && f.Choices.Count < 2) return new($"{at}.choices", "list at least two answers to pick from.", "admin.idea-form.problem.groups-two");
            if (Problem($"{at}.choices", f.Choices) is { } choice) return choice;
        }
        return Problem("categories", Categories);
    }

    private static IdeaFormProblem? Problem(string path, IReadOnlyList<string> choices)
    {
        if (choices.Count > MaxChoices) return new(path, $"list at most {MaxChoices}.", "admin.idea-form.problem.too-many-choices", MaxChoices);
        if (choices.Any(c => string.IsNullOrWhiteSpace(c) || c.Length > ChoiceMax))
            return new(path, $"each must be 1 to {ChoiceMax} characters.", "admin.idea-form.problem.choice-length", ChoiceMax);
        var twice = choices.GroupBy(c => c.Trim(), StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        return twice is null ? null : new(path, $"'{twice.Key}' is listed twice.", "admin.idea-form.problem.listed-twice", twice.Key);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")] private static partial Regex Key();
}

/// <summary>
/// What is wrong with an idea form: the path of the part at fault, why in English (tenant.json's checker and the API),
/// and the same as a key of the admin catalogues (<c>{0}</c>... are <see cref="Values"/>) for the admin page.
/// </summary>
public sealed record IdeaFormProblem(string Path, string Message, string Key, params object[] Values);
