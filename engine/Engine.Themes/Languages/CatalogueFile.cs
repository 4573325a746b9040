using System.Text.Json;

namespace Engine.Themes.Languages;

/// <summary>One entry of a catalogue: a text, or a text per CLDR plural category; where it is written.</summary>
public sealed record CatalogueEntry(string? Text, IReadOnlyDictionary<string, string>? Plural, string File, int Line, int Column);

/// <summary>
/// One <c>locales/&lt;culture&gt;.json</c>: an object of keys, each a text (<c>"nav.search": "Search ideas"</c>) or
/// an object of plural forms (<c>"idea.count": { "one": "{0} idea", "other": "{0} ideas" }</c>).
/// <c>"$partial": "why"</c> marks a language worded only in part (Urdu's public pages): its other keys are read in
/// English, and the checker does not ask it for every English key.
/// </summary>
public sealed record CatalogueFile(string Culture, string Path, IReadOnlyDictionary<string, CatalogueEntry> Entries, string? Partial = null)
{
    public const string PartialKey = "$partial";

    private static readonly JsonReaderOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>The file's entries, or null with the reason in <paramref name="issues"/> (file, line and column).</summary>
    public static CatalogueFile? Read(string path, ICollection<ThemeIssue> issues) => Read(path, null, issues);

    /// <param name="content">The file's bytes when they are not on disk (a catalogue embedded in an assembly), else null.</param>
    public static CatalogueFile? Read(string path, byte[]? content, ICollection<ThemeIssue> issues)
    {
        var culture = System.IO.Path.GetFileNameWithoutExtension(path);
        try { System.Globalization.CultureInfo.GetCultureInfo(culture, predefinedOnly: true); }
        catch (System.Globalization.CultureNotFoundException)
        {
            issues.Add(new ThemeIssue(ThemeRules.Catalogue, path, $"'{culture}' is not a known culture: name a catalogue like en.json, cy.json or cy-GB.json."));
            return null;
        }
        var bytes = content ?? File.ReadAllBytes(path);
        var lineStarts = new List<int> { 0 };
        for (var i = 0; i < bytes.Length; i++) if (bytes[i] == '\n') lineStarts.Add(i + 1);
        (int Line, int Column) At(long offset)
        {
            var line = lineStarts.BinarySearch((int)offset);
            if (line < 0) line = ~line - 1;
            return (line + 1, (int)offset - lineStarts[line] + 1);
        }
        var count = issues.Count;
        void Problem(long offset, string message)
        {
            var (line, column) = At(offset);
            issues.Add(new ThemeIssue(ThemeRules.Catalogue, path, message, line, column));
        }

        var entries = new Dictionary<string, CatalogueEntry>(StringComparer.Ordinal);
        string? partial = null;
        var reader = new Utf8JsonReader(bytes, Options);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                Problem(reader.TokenStartIndex, "a catalogue is one JSON object of keys and texts: { \"nav.search\": \"Search ideas\" }.");
                return null;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = reader.GetString()!;
                var (line, column) = At(reader.TokenStartIndex);
                var keyOffset = reader.TokenStartIndex;
                reader.Read();
                if (entries.ContainsKey(key)) Problem(keyOffset, $"the key '{key}' is written twice.");
                if (key == PartialKey)
                {
                    if (reader.TokenType == JsonTokenType.String && reader.GetString() is { Length: > 0 } why) partial = why;
                    else
                    {
                        Problem(reader.TokenStartIndex, $"'{PartialKey}' is a text saying what the catalogue words, such as \"The public pages; the rest is read in English.\"");
                        reader.Skip();
                    }
                }
                else if (reader.TokenType == JsonTokenType.String)
                    entries[key] = new CatalogueEntry(reader.GetString()!, null, path, line, column);
                else if (reader.TokenType == JsonTokenType.StartObject)
                {
                    var forms = new Dictionary<string, string>(StringComparer.Ordinal);
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        var category = reader.GetString()!;
                        var categoryOffset = reader.TokenStartIndex;
                        reader.Read();
                        if (!PluralRules.Categories.Contains(category))
                            Problem(categoryOffset, $"'{key}': '{category}' is not a plural category; use zero, one, two, few, many or other.");
                        if (reader.TokenType != JsonTokenType.String)
                        {
                            Problem(reader.TokenStartIndex, $"'{key}.{category}': a plural form is a text in quotes.");
                            reader.Skip();
                        }
                        else forms[category] = reader.GetString()!;
                    }
                    if (!forms.ContainsKey(PluralRules.Other)) Problem(keyOffset, $"'{key}': plural forms must include 'other'.");
                    entries[key] = new CatalogueEntry(null, forms, path, line, column);
                }
                else
                {
                    Problem(reader.TokenStartIndex, $"'{key}': a value is a text in quotes, or an object of plural forms such as {{ \"one\": \"{{0}} idea\", \"other\": \"{{0}} ideas\" }}.");
                    reader.Skip();
                }
            }
        }
        catch (JsonException e)
        {
            issues.Add(new ThemeIssue(ThemeRules.Catalogue, path, e.Message.Split(" LineNumber:")[0], (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1));
        }
        return issues.Count == count ? new CatalogueFile(culture, path, entries, partial) : null;
    }
}
