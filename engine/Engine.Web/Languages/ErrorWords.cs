using System.Globalization;
using Engine.Core.Common;

namespace Engine.Web.Languages;

/// <summary>
/// A refusal as a page words it, in the page's language: a keyed error (<see cref="Error.Key"/>) from the engine's
/// catalogues, its field named in that language (<c>field.&lt;name&gt;</c>, else the field's own name); any other
/// (a plugin's reason, a key no catalogue has) as its message was written. The API keeps the English message.
/// </summary>
public static class ErrorWords
{
    public static string Text(CultureInfo culture, Error error)
    {
        if (error.Key is null) return error.Message;
        object?[] values = [FieldName(culture, error.Field), .. error.Values];
        return EngineWords.Catalogues.Translate(culture.Name, error.Key, values, value => Convert.ToString(value, culture) ?? "") ?? error.Message;
    }

    /// <summary>"Title" in English, "Teitl" in Welsh: as the field's label reads; "" for an error about no one field.</summary>
    public static string FieldName(CultureInfo culture, string? field) =>
        field is null or "" ? ""
            : EngineWords.Catalogues.Translate(culture.Name, "field." + field, [], _ => "") ?? char.ToUpperInvariant(field[0]) + field[1..];
}
