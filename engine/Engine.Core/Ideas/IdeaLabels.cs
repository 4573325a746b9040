using System.Globalization;
using Engine.Core.Rules;
using Engine.Core.Tenancy;

namespace Engine.Core.Ideas;

/// <summary>
/// The label the challenge's voting rule gives an idea ("Shortlisted"), as every reader sees it: it comes from the idea's
/// tally alone, worded in the reader's language from the plugin's catalogues. The plugin's call is contained by its guard
/// (a failing or slow label is none); this keeps the text fit for a card.
/// </summary>
public sealed class IdeaLabels(IRuleResolver rules, IRuleWords words)
{
    /// <summary>Longer labels are cut: a label sits on a card beside the title.</summary>
    public const int MaxLength = 40;

    public string? For(TenantDefinition tenant, Idea idea, CultureInfo culture)
    {
        var text = rules.For(tenant, idea.ChallengeSlug).Voting.LabelText(idea.Tally);
        var label = text is null ? null : words.In(text, culture).Trim();
        if (string.IsNullOrEmpty(label)) return null;
        return label.Length <= MaxLength ? label : label[..(MaxLength - 1)].TrimEnd() + "…";
    }
}
