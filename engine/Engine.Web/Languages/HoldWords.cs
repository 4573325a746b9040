using System.Globalization;
using Engine.Core.Moderation;
using Engine.Plugins.Loading;

namespace Engine.Web.Languages;

/// <summary>A hold reason as a reader reads it, and the language it is in (for the page's <c>lang</c> attribute).</summary>
public sealed record WordedReason(string Text, string? Language);

/// <summary>
/// Why a rule held content, in the reader's language: a keyed reason (<see cref="HoldText"/>) from its plugin's catalogues,
/// or the engine's for the engine's own; else English, marked as such. A reason stored as a sentence (a rule without keys,
/// content held before keys were stored, a plugin no longer loaded) is shown as it was stored, in English.
/// </summary>
public sealed class HoldWords(PluginCatalog plugins)
{
    /// <summary>The reason of a held item; null for one that was not held (its reason is a moderator's, in their own words).</summary>
    public WordedReason? Of(QueueItem item, CultureInfo culture)
    {
        if (item.State != ModerationState.Held || string.IsNullOrWhiteSpace(item.Reason)) return null;
        if (item.HoldText is { } text)
        {
            if (Find(text, culture, fallBack: false) is { } worded) return new(worded, null);
            if (Find(text, PluginWords.English, fallBack: true) is { } english) return new(english, "en");
        }
        return new(item.Reason, "en");
    }

    private string? Find(HoldText text, CultureInfo culture, bool fallBack) => text.PluginId is { } plugin
        ? plugins.WordsOf(plugin)?.Find(culture, text.Key, [.. text.Values], fallBack)
        : EngineWords.Catalogues.Translate(culture.Name, text.Key, [.. text.Values], value => Convert.ToString(value, culture) ?? "", fallBack);
}
