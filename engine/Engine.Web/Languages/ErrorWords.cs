using System.Globalization;
using Engine.Core.Common;

namespace Engine.Web.Languages;

/// <summary>
/// A refusal as a page words it, in the page's language: a keyed error (<see cref="Error.Key"/>) from the engine's
/// catalogues, its field named in that language (<c>field.&lt;name&gt;</c>, else the field's own name); a plugin's keyed
/// refusal from the plugin's own catalogues (<see cref="Plugin"/>, which the API words too); any other (a plugin's literal
/// reason, a key no catalogue has) as its message was written. The API keeps the engine's English messages.
/// </summary>
public static class ErrorWords
{
    public static string Text(CultureInfo culture, Error error)
    {
        if (Plugin(culture, error) is { } plugins) return plugins;
        if (error.Key is null) return error.Message;
        object?[] values = [FieldName(culture, error.Field), .. error.Values];
        return EngineWords.Catalogues.Translate(culture.Name, error.Key, values, value => Convert.ToString(value, culture) ?? "") ?? error.Message;
    }

    /// <summary>
    /// A plugin's refusal given by key (SDK 1.4), or the engine's own when a plugin's rule could not decide, in
    /// <paramref name="culture"/> (else English); null for any other error.
    /// </summary>
    public static string? Plugin(CultureInfo culture, Error error) => error.Text switch
    {
        Engine.Plugins.Loading.WordedText worded => worded.In(culture),
        Engine.Plugins.Loading.EngineText engine => EngineWords.Text(culture, engine.Key, [FieldName(culture, error.Field), .. engine.Values]),
        _ => null,
    };

    /// <summary>"Title" in English, "Teitl" in Welsh: as the field's label reads; "" for an error about no one field.</summary>
    public static string FieldName(CultureInfo culture, string? field) =>
        field is null or "" ? ""
            : EngineWords.Catalogues.Translate(culture.Name, "field." + field, [], _ => "") ?? char.ToUpperInvariant(field[0]) + field[1..];
}
