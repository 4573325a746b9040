using System.Globalization;
using Engine.Sdk;

namespace Engine.Core.Rules;

/// <summary>
/// Words a rule's text (a label, an allowance) in a reader's language. The host knows the plugins' catalogues; Core only
/// asks, so a label is worded before it is cut to fit a card.
/// </summary>
public interface IRuleWords
{
    /// <summary>The text in <paramref name="culture"/>, else English, else as the rule wrote it.</summary>
    string In(PluginText text, CultureInfo culture);

    /// <summary>
    /// A rule's keyed hold reason as it is stored, naming the catalogues that word it; null for a reason written as a
    /// sentence (a plugin without catalogues, or built against an SDK before 1.5), which is stored and shown as written.
    /// </summary>
    Moderation.HoldText? Kept(PluginText text) => null;
}
