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
}
