using System.Globalization;
using Engine.Core.IdeaForms;
using Engine.Core.Ideas;
using Engine.Themes.Pages;
using IdeaForm = Engine.Core.IdeaForms.IdeaForm;

namespace Engine.Web.Site;

/// <summary>A challenge's idea form, its filters and an idea's answers, as the theme pages show them.</summary>
public static class IdeaFormViews
{
    /// <summary>The category and extra-field answers a form post sent ("category", "fields.role").</summary>
    public static IReadOnlyDictionary<string, string?> Posted(IFormCollection form) =>
        form.Where(f => f.Key.StartsWith("fields.", StringComparison.Ordinal)).ToDictionary(f => f.Key["fields.".Length..], f => (string?)f.Value.ToString());

    /// <summary>The form's category and fields as inputs, filled with what was sent, the refused one carrying its error.</summary>
    public static IReadOnlyList<FieldInputView> Inputs(IdeaForm form, string? category, IReadOnlyDictionary<string, string?> sent, ErrorView? error,
        CultureInfo culture)
    {
        string? ErrorOf(string name) => error?.Field == name ? error.Message : null;
        var inputs = new List<FieldInputView>();
        if (form.Categories.Count > 0)
            inputs.Add(new FieldInputView("category", Languages.EngineWords.Text(culture, "field.category"), false, Choices(form.Categories, category),
                null, ErrorOf("category")));
        foreach (var field in form.Fields)
        {
            var value = sent.GetValueOrDefault(field.Key);
            inputs.Add(new FieldInputView($"fields.{field.Key}", field.Label, field.Required, field.Groups ? Choices(field.Choices, value) : new List<ChoiceView>(),
                field.Groups ? null : Views.Text(value), ErrorOf($"fields.{field.Key}")));
        }
        return inputs;
    }

    /// <summary>The filters over a challenge's ideas, set as <paramref name="filter"/> is.</summary>
    public static FilterView Filters(IdeaForm form, IdeaFilter filter, string url, string sort, bool withheld, CultureInfo culture)
    {
        var statuses = Enum.GetValues<IdeaStatus>().Select(s => new ChoiceView(s.Key(), Languages.EngineWords.Text(culture, "status." + s.Key()), s == filter.Status));
        var selects = new List<FieldInputView> { new("status", Languages.EngineWords.Text(culture, "field.status"), false, statuses.ToList(), null, null) };
        if (form.Categories.Count > 0)
            selects.Add(new FieldInputView("category", Languages.EngineWords.Text(culture, "field.category"), false, Choices(form.Categories, filter.Category), null, null));
        foreach (var field in form.Fields.Where(f => f.Groups))
            selects.Add(new FieldInputView($"fields.{field.Key}", field.Label, false,
                Choices(field.Choices, filter.Fields.FirstOrDefault(f => f.Key == field.Key).Value), null, null));
        return new FilterView(url, sort, selects, filter.Responded == true, filter.IsEmpty ? null : $"{url}?sort={sort}", withheld);
    }

    /// <summary>An idea's category and answers, labelled by its challenge's form (answers to a field since removed are left out).</summary>
    public static IReadOnlyList<AnswerView> Answers(IdeaForm form, Idea idea, CultureInfo culture)
    {
        var shown = idea.Answers.Shown(idea.Anonymous);
        var answers = new List<AnswerView>();
        if (shown.Category is { } category) answers.Add(new AnswerView(Languages.EngineWords.Text(culture, "field.category"), category));
        foreach (var field in form.Fields)
            if (shown.Values.GetValueOrDefault(field.Key) is { } value) answers.Add(new AnswerView(field.Label, value));
        return answers;
    }

    /// <summary>A challenge's ideas broken down by category and each listed field, under the small-group rule; none without a form.</summary>
    /// <param name="other">What the answers too few people gave are called together ("Other").</param>
    public static async Task<IReadOnlyList<BreakdownView>> BreakdownsAsync(Core.Tenancy.TenantDefinition tenant, Core.Challenges.Challenge challenge,
        IIdeaFacetStore facets, CultureInfo culture, string other, CancellationToken ct)
    {
        var form = IdeaForm.For(tenant, challenge.Slug);
        if (form.IsEmpty) return [];
        var ideas = await facets.ForChallengeAsync(tenant.Id, challenge.Id, ct);
        return SmallGroups.Breakdowns(form, ideas, Languages.EngineWords.Text(culture, "field.category")).Select(b => new BreakdownView(challenge.Title, b.Label,
            b.Answers.Select(a => new BreakdownRow(a.Answer, a.Ideas, a.People))
                .Concat(b.Other is { } o ? [new BreakdownRow(other, o.Ideas, o.People)] : []).ToList(), b.OtherWithheld)).ToList();
    }

    private static IReadOnlyList<ChoiceView> Choices(IReadOnlyList<string> choices, string? selected) =>
        choices.Select(c => new ChoiceView(c, c, c == selected?.Trim())).ToList();
}
