using Engine.Core.Common;
using Engine.Core.Ideas;

namespace Engine.Core.IdeaForms;

/// <summary>
/// Which of a challenge's ideas a list shows: by status, category, answers to the form's listed fields, and whether the team
/// has given an official response. Empty: all of them.
/// </summary>
public sealed record IdeaFilter(IdeaStatus? Status, string? Category, IReadOnlyList<KeyValuePair<string, string>> Fields, bool? Responded)
{
    public static IdeaFilter None { get; } = new(null, null, [], null);

    public bool IsEmpty => Status is null && Category is null && Fields.Count == 0 && Responded is null;

    /// <summary>The same filter always gives the same text: it keys cached pages and is the query string pages link with.</summary>
    public string Query => string.Join("&", Parts().Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));

    /// <summary>Its parts as query parameters (status, category, fields.role, responded), in a fixed order.</summary>
    public IEnumerable<KeyValuePair<string, string>> Parts()
    {
        if (Status is { } s) yield return new("status", s.Key());
        if (Category is { } c) yield return new("category", c);
        foreach (var (key, value) in Fields.OrderBy(f => f.Key, StringComparer.Ordinal)) yield return new($"fields.{key}", value);
        if (Responded is { } r) yield return new("responded", r ? "true" : "false");
    }

    /// <summary>
    /// Reads a filter from a query string (<c>status</c>, <c>category</c>, <c>fields.&lt;key&gt;</c>, <c>responded</c>); empty values
    /// mean "any", as a form without script sends them. The error names the parameter at fault.
    /// </summary>
    public static Outcome<IdeaFilter> Parse(IdeaForm form, IEnumerable<KeyValuePair<string, string?>> query)
    {
        var given = query.Where(q => !string.IsNullOrWhiteSpace(q.Value)).ToList();
        IdeaStatus? status = null;
        if (Value(given, "status") is { } statusText)
        {
            if (!IdeaStatuses.TryParse(statusText, out var parsed))
                return Error.Invalid("status", $"Unknown status '{statusText}'. Use one of: {string.Join(", ", IdeaStatuses.Keys)}.")
                    .Keyed("error.unknown-status", statusText, string.Join(", ", IdeaStatuses.Keys));
            status = parsed;
        }
        var category = Value(given, "category");
        if (category is not null && !form.Categories.Contains(category))
            return Error.Invalid("category", $"'{category}' is not one of this challenge's categories.").Keyed("error.not-a-category", category);
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var (name, value) in given.Where(q => q.Key.StartsWith("fields.", StringComparison.Ordinal)))
        {
            var key = name["fields.".Length..];
            if (form.Field(key) is not { Groups: true } field)
                return Error.Invalid(name, $"'{key}' is not a field of this challenge's ideas that can be filtered on.").Keyed("error.not-a-filter-field", key);
            if (!field.Choices.Contains(value!.Trim()))
                return Error.Invalid(name, $"'{field.Label}' has no answer '{value}'.").Keyed("error.no-such-answer", field.Label, value!);
            if (fields.Any(f => f.Key == key))
                return Error.Invalid(name, $"Filter on one answer of '{field.Label}' at a time.").Keyed("error.one-answer-at-a-time", field.Label);
            fields.Add(new(key, value.Trim()));
        }
        var respondedText = Value(given, "responded");
        if (respondedText is not null and not "true" and not "false")
            return Error.Invalid("responded", $"responded must be true (ideas with an official response) or false (those without), not '{respondedText}'.")
                .Keyed("error.responded-not-boolean", respondedText);
        return new IdeaFilter(status, category, fields, respondedText is null ? null : respondedText == "true");
    }

    /// <summary>
    /// The ideas it lets through, in the order given; null when it filters on answers and the ideas it finds are by fewer than
    /// <see cref="SmallGroups.MinimumPeople"/> people: listing them would tell which few people gave that answer (an
    /// anonymous author among them), so nothing is listed.
    /// </summary>
    public IReadOnlyList<IdeaFacets>? Apply(IReadOnlyList<IdeaFacets> ideas)
    {
        var found = ideas.Where(Admits).ToList();
        return Fields.Count > 0 && SmallGroups.TooFew(found.Select(i => i.Person)) ? null : found;
    }

    private bool Admits(IdeaFacets i) =>
        (Status is null || i.Status == Status)
        && (Category is null || i.Answers.Category == Category)
        && (Responded is null || i.Responded == Responded)
        && Fields.All(f => i.Answers.Values.GetValueOrDefault(f.Key) == f.Value);

    private static string? Value(List<KeyValuePair<string, string?>> given, string name) =>
        given.LastOrDefault(q => q.Key == name).Value?.Trim();
}
