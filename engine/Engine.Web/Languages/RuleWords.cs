using System.Globalization;
using Engine.Core.Moderation;
using Engine.Core.Rules;
using Engine.Plugins.Loading;
using Engine.Sdk;

namespace Engine.Web.Languages;

/// <summary>
/// A voting rule's label or allowance in the reader's language: a plugin's keyed text from its own catalogues (else
/// English), any other (a built-in rule's, a plugin's built against SDK 1.3) as the rule wrote it.
/// </summary>
public sealed class RuleWords : IRuleWords
{
    public string In(PluginText text, CultureInfo culture) => Of(text, culture)!;

    // The engine wraps a keyed text in the catalogues that word it (or gives its own, when a rule could not decide).
    public HoldText? Kept(PluginText text) => text switch
    {
        WordedText worded => new HoldText(worded.Words.PluginId, worded.Key, worded.Values),
        EngineText engine => HoldText.Engine(engine.Key, engine.Values),
        _ => null,
    };

    public static string? Of(PluginText? text, CultureInfo culture) => text switch
    {
        null => null,
        WordedText worded => worded.In(culture),
        _ => text.Key,
    };
}
