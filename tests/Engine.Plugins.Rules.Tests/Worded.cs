using System.Globalization;
using Engine.Plugins.Loading;
using Engine.Plugins.Manifest;

namespace Engine.Plugins.Rules.Tests;

/// <summary>A rule's keyed text as the engine words it: from the catalogues (locales/) of the rule's own plugin folder.</summary>
internal static class Worded
{
    public static string English(object rule, PluginText? text) => In("en", rule, text);

    /// <summary>A keyed hold's reason as a moderator reads it in <paramref name="culture"/>; <paramref name="rule"/> finds the plugin's folder.</summary>
    public static string Reason(this ModerationDecision.Hold hold, object rule, string culture = "en") => In(culture, rule, hold.Text);

    public static string In(string culture, object rule, PluginText? text)
    {
        text.Should().NotBeNull("the rule words its refusal by a key in its plugin's catalogues");
        var assembly = rule.GetType().Assembly.GetName().Name + ".dll";
        var (folder, manifest) = Directory.GetDirectories(Path.Combine(TestRepository.Root, "plugins"))
            .Select(d => (Folder: d, Manifest: ManifestReader.Read(d).Manifest))
            .Single(p => p.Manifest?.EntryAssembly == assembly);
        var (words, problem) = PluginWords.Load(folder, manifest!.Id);
        problem.Should().BeNull();
        var worded = words!.Find(CultureInfo.GetCultureInfo(culture), text!.Key, text.Values);
        worded.Should().NotBeNull($"plugins/{manifest.Id}/locales has the key 'plugin.{manifest.Id}.{text.Key}' in {culture} or English");
        return worded!;
    }
}
