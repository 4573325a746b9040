using System.Text.Json;
using System.Text.RegularExpressions;
using Engine.Plugins.Manifest;

namespace Engine.Plugins.Rules.Tests.Manifests;

/// <summary>
/// Every shipped plugin speaks English and Welsh: each text its manifest declares (its name, each rule's description, each
/// setting's label, hint and choices) and each key its code words a text by has an entry in <c>locales/en.json</c> and
/// <c>locales/cy.json</c>, so a Welsh site shows none of them in English.
/// </summary>
public partial class ShippedCataloguesTests
{
    private static readonly string[] Languages = ["en", "cy"];

    public static TheoryData<string> Plugins => new(RepoRoot.PluginFolders().Select(Path.GetFileName).Select(id => id!));

    [Theory]
    [MemberData(nameof(Plugins))]
    public void Every_text_a_shipped_plugin_declares_or_words_is_in_its_english_and_welsh_catalogues(string id)
    {
        var folder = Path.Combine(RepoRoot.Plugins, id);
        var wanted = ManifestKeys(folder).Concat(CodeKeys(folder)).Select(key => $"plugin.{id}.{key}").Distinct().ToList();
        wanted.Should().Contain($"plugin.{id}.name");
        foreach (var language in Languages)
        {
            var file = Path.Combine(folder, "locales", language + ".json");
            File.Exists(file).Should().BeTrue($"plugins/{id} ships locales/{language}.json");
            var entries = Entries(file);
            wanted.Where(key => !entries.ContainsKey(key)).Should().BeEmpty($"plugins/{id}/locales/{language}.json words every text the plugin shows");
        }
    }

    [Theory]
    [MemberData(nameof(Plugins))]
    public void The_welsh_catalogue_has_every_english_key_with_the_same_values(string id)
    {
        var locales = Path.Combine(RepoRoot.Plugins, id, "locales");
        var english = Entries(Path.Combine(locales, "en.json"));
        var welsh = Entries(Path.Combine(locales, "cy.json"));
        welsh.Keys.Should().BeEquivalentTo(english.Keys, $"plugins/{id}/locales/cy.json and en.json word the same texts");
        foreach (var (key, text) in english)
            Values(welsh[key]).Should().BeEquivalentTo(Values(text), $"{key} in Welsh shows the values the English shows");
    }

    /// <summary>What the admin rules page words from a plugin's catalogues (see Engine.Web's RuleForm).</summary>
    private static IEnumerable<string> ManifestKeys(string folder)
    {
        var (manifest, problem) = ManifestReader.Read(folder);
        problem.Should().BeNull();
        yield return "name";
        foreach (var rule in manifest!.Rules)
        {
            yield return $"rule.{rule.Name}";
            foreach (var (name, setting) in rule.Settings)
            {
                yield return $"setting.{rule.Name}.{name}";
                if (!string.IsNullOrEmpty(setting.Description)) yield return $"setting.{rule.Name}.{name}.hint";
                foreach (var choice in setting.Choices ?? []) yield return $"setting.{rule.Name}.{name}.choice.{choice}";
            }
        }
    }

    /// <summary>The keys the plugin's code gives its texts by (<c>new PluginText("key", ...)</c>, <c>ModerationDecision.HeldFor("key", ...)</c>).</summary>
    private static IEnumerable<string> CodeKeys(string folder) =>
        Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => TextKey().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value));

    private static Dictionary<string, JsonElement> Entries(string file) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(File.ReadAllText(file))!;

    // A text, or each plural form of it, gives its values as {0}, {1}...
    private static HashSet<string> Values(JsonElement text) =>
        (text.ValueKind == JsonValueKind.Object ? text.EnumerateObject().Select(p => p.Value.GetString()!) : [text.GetString()!])
        .SelectMany(t => Value().Matches(t).Select(m => m.Value)).ToHashSet();

    [GeneratedRegex("(?:new PluginText|HeldFor)\\(\\s*\"([^\"]+)\"")]
    private static partial Regex TextKey();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Value();
}
