namespace Engine.Core.IdeaForms;

/// <summary>How many ideas and people gave one answer.</summary>
public sealed record AnswerCount(string Answer, int Ideas, int People);

/// <summary>
/// One field's answers counted. <see cref="Other"/> gathers the answers too few people gave to show on their own; when even
/// together they are too few, it is null and <see cref="OtherWithheld"/> says some answers were left out.
/// </summary>
public sealed record FieldBreakdown(string Key, string Label, IReadOnlyList<AnswerCount> Answers, AnswerCount? Other, bool OtherWithheld);

/// <summary>
/// The small-group rule: no count, list or filter ever shows a group of fewer than <see cref="MinimumPeople"/> people, so an
/// answer cannot point at the one person who gave it (an anonymous author who is the only carer, or the only one from a trust).
/// </summary>
public static class SmallGroups
{
    public const int MinimumPeople = 5;

    /// <summary>Whether these people (one key per person, repeats allowed) are too few to show as a group.</summary>
    public static bool TooFew(IEnumerable<string> people) => people.Distinct().Take(MinimumPeople).Count() < MinimumPeople;

    /// <summary>
    /// Counts each answer by ideas and people; answers fewer than <see cref="MinimumPeople"/> people gave are merged into "other",
    /// which is itself withheld when it too is smaller than that.
    /// </summary>
    /// <param name="answers">Each idea's answer with the key of the person who gave it.</param>
    public static FieldBreakdown Breakdown(IdeaField field, IEnumerable<(string Answer, string Person)> answers)
    {
        var groups = answers.GroupBy(a => a.Answer).Select(g => (Answer: g.Key, Ideas: g.Count(), People: g.Select(a => a.Person).ToHashSet())).ToList();
        var shown = groups.Where(g => g.People.Count >= MinimumPeople)
            // In the form's order, so every chart of this field reads the same way.
            .OrderBy(g => IndexOf(field, g.Answer))
            .Select(g => new AnswerCount(g.Answer, g.Ideas, g.People.Count)).ToList();
        var small = groups.Where(g => g.People.Count < MinimumPeople).ToList();
        if (small.Count == 0) return new FieldBreakdown(field.Key, field.Label, shown, null, false);
        var otherPeople = small.SelectMany(g => g.People).ToHashSet();
        return otherPeople.Count >= MinimumPeople
            ? new FieldBreakdown(field.Key, field.Label, shown, new AnswerCount("", small.Sum(g => g.Ideas), otherPeople.Count), false)
            : new FieldBreakdown(field.Key, field.Label, shown, null, true);
    }

    /// <summary>
    /// A challenge's ideas broken down by category and by each field answered from a list (short text never: each answer could
    /// be its own person), every one under the rule above.
    /// </summary>
    /// <param name="categoryLabel">What the category is called on the page reading it.</param>
    public static IReadOnlyList<FieldBreakdown> Breakdowns(IdeaForm form, IReadOnlyList<IdeaFacets> ideas, string categoryLabel)
    {
        var breakdowns = new List<FieldBreakdown>();
        if (form.Categories.Count > 0)
            breakdowns.Add(Breakdown(new IdeaField { Key = "category", Label = categoryLabel, Choices = form.Categories },
                ideas.Where(i => i.Answers.Category is not null).Select(i => (i.Answers.Category!, i.Person))));
        foreach (var field in form.Fields.Where(f => f.Groups))
            breakdowns.Add(Breakdown(field, ideas.Where(i => i.Answers.Values.ContainsKey(field.Key)).Select(i => (i.Answers.Values[field.Key], i.Person))));
        return breakdowns;
    }

    private static int IndexOf(IdeaField field, string answer)
    {
        var i = field.Choices.ToList().IndexOf(answer);
        return i < 0 ? int.MaxValue : i;
    }
}
