using Scriban.Syntax;

namespace Engine.Themes.Languages;

/// <summary>
/// The theme checker's part for words: every catalogue reads, every key a template names in quotes
/// (<c>t "idea.vote.up"</c>) is in English, and every key in English is in each other language the chain
/// ships, in the chain as a whole and in each folder that ships that language (so a theme that rewords a
/// base text in English rewords it in Welsh too). A language a catalogue of the chain marks <c>$partial</c> is not
/// asked for every key: its missing ones are read in English.
/// </summary>
internal static class CatalogueCheck
{
    public static ThemeCatalogue Catalogue(ThemeSources sources, List<ThemeIssue> issues)
    {
        var catalogue = ThemeCatalogue.Load(sources, issues);
        var reported = new HashSet<(string Culture, string Key)>();
        void Missing(string culture, string key, CatalogueEntry english, string where)
        {
            if (reported.Add((culture, key)))
                issues.Add(new ThemeIssue(ThemeRules.Untranslated, english.File, $"'{key}' is in en.json but not in {where}.", english.Line, english.Column));
        }
        var english = catalogue.Entries(ThemeCatalogue.English);
        var partial = catalogue.Files.Where(f => f.Partial is not null).Select(f => f.Culture).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var culture in catalogue.Cultures.Where(c => c != ThemeCatalogue.English && !partial.Contains(c)).Order(StringComparer.Ordinal))
        {
            // A plugin's words are checked in the languages it ships (below), and fall back to English in the others.
            foreach (var (key, entry) in english)
                if (!key.StartsWith(ThemeOutlet.KeysPrefix, StringComparison.Ordinal) && catalogue.Find(culture, key, fallBack: false) is null)
                    Missing(culture, key, entry, $"{culture}.json in any theme of the chain");
            foreach (var file in catalogue.Files.Where(f => f.Culture == culture))
            {
                var folderEnglish = catalogue.Files.FirstOrDefault(f => f.Culture == ThemeCatalogue.English && Path.GetDirectoryName(f.Path) == Path.GetDirectoryName(file.Path));
                foreach (var (key, entry) in folderEnglish?.Entries ?? new Dictionary<string, CatalogueEntry>())
                    if (!file.Entries.ContainsKey(key)) Missing(culture, key, entry, file.Path);
            }
        }
        return catalogue;
    }

    /// <summary>A key written in quotes must be in English; a key worked out at run time is checked when pages render.</summary>
    public static void Keys(ScriptNode node, string file, ThemeCatalogue catalogue, List<ThemeIssue> issues)
    {
        var key = node switch
        {
            ScriptFunctionCall { Target: ScriptVariable { Name: TranslateFunction.Name }, Arguments: [ScriptLiteral { Value: string k }, ..] } => k,
            ScriptPipeCall { From: ScriptLiteral { Value: string k }, To: ScriptVariable { Name: TranslateFunction.Name } or ScriptFunctionCall { Target: ScriptVariable { Name: TranslateFunction.Name } } } => k,
            _ => null,
        };
        if (key is not null && catalogue.Find(ThemeCatalogue.English, key, fallBack: false) is null)
            issues.Add(new ThemeIssue(ThemeRules.UnknownKey, file, $"the key '{key}' is not in locales/en.json of the theme or the themes it builds on.",
                node.Span.Start.Line + 1, node.Span.Start.Column + 1));
        for (var i = 0; i < node.ChildrenCount; i++)
            if (node.GetChildren(i) is { } child) Keys(child, file, catalogue, issues);
    }
}
