using System.Reflection;

namespace Engine.Plugins.Rules.Tests.Manifests;

/// <summary>
/// Checks every plugins/*/plugin.json against the plugin it describes, so a manifest and its code
/// cannot drift apart unnoticed. A new plugin is picked up here once this project references it.
/// </summary>
public class PluginManifestTests
{
    private static readonly string[] Kinds = ["voting", "moderation", "anonymity", "events"];
    private static readonly string[] SettingTypes = ["bool", "int", "string", "enum", "list"];

    public static TheoryData<string> Plugins => new(RepoRoot.PluginFolders().Select(Path.GetFileName).Select(id => id!));

    private static PluginManifest Manifest(string id) => PluginManifest.Read(Path.Combine(RepoRoot.Plugins, id));

    [Fact]
    public void There_are_plugins_and_every_plugin_project_has_a_manifest()
    {
        RepoRoot.PluginFolders().Should().NotBeEmpty();
        foreach (var project in Directory.GetFiles(RepoRoot.Plugins, "*.csproj", SearchOption.AllDirectories))
            File.Exists(Path.Combine(Path.GetDirectoryName(project)!, "plugin.json")).Should().BeTrue($"{project} needs a plugin.json beside it");
    }

    [Theory]
    [MemberData(nameof(Plugins))]
    public void The_manifest_id_is_the_folder_name_and_its_fields_are_filled_in(string id)
    {
        var manifest = Manifest(id);
        manifest.Id.Should().Be(id);
        manifest.Name.Should().NotBeNullOrWhiteSpace();
        manifest.Description.Should().NotBeNullOrWhiteSpace();
        manifest.Version.Should().MatchRegex(@"^\d+\.\d+\.\d+$");
        // Written against SDK 1.x: "^1.0", or a later 1.x that a plugin using its additions (RankKey, 1.3; PluginText, 1.4) needs, never a later one than this.
        manifest.Engine.Should().MatchRegex(@"^\^1\.\d+$", "the plugins are written against SDK 1.x");
        int.Parse(manifest.Engine[3..]).Should().BeLessThanOrEqualTo(SdkVersion.Current.Minor, "a shipped plugin must load in this engine");
        manifest.EntryAssembly.Should().MatchRegex(@"^Engine\.Plugins\.[A-Za-z]+\.dll$");
        manifest.Rules.Should().NotBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Plugins))]
    public void The_entry_assembly_is_built_into_the_plugin_bin_folder_without_a_copy_of_the_sdk(string id)
    {
        var bin = Path.Combine(RepoRoot.Plugins, id, "bin");
        File.Exists(Path.Combine(bin, Manifest(id).EntryAssembly)).Should().BeTrue($"the engine loads it from {bin}");
        File.Exists(Path.Combine(bin, "Engine.Sdk.dll")).Should().BeFalse("a plugin's own Engine.Sdk would make its IPlugin a different type from the host's");
    }

    [Theory]
    [MemberData(nameof(Plugins))]
    public void The_plugin_registers_exactly_the_rules_its_manifest_names_with_the_same_kinds(string id)
    {
        var manifest = Manifest(id);
        Register(manifest).Rules.Select(rule => (rule.Kind, rule.Name))
            .Should().BeEquivalentTo(manifest.Rules.Select(rule => (rule.Kind, rule.Name)));
    }

    [Theory]
    [MemberData(nameof(Plugins))]
    public void Every_rule_has_a_known_kind_and_a_description(string id)
    {
        foreach (var rule in Manifest(id).Rules)
        {
            rule.Kind.Should().BeOneOf(Kinds);
            rule.Name.Should().MatchRegex("^[a-z][a-z0-9-]*$");
            rule.Description.Should().NotBeNullOrWhiteSpace();
        }
    }

    [Theory]
    [MemberData(nameof(Plugins))]
    public void Every_setting_default_is_of_its_declared_type_and_within_its_limits(string id)
    {
        foreach (var rule in Manifest(id).Rules)
        foreach (var (name, setting) in rule.Settings)
        {
            var because = $"{id}/{rule.Name}.{name}";
            setting.Type.Should().BeOneOf(SettingTypes, because);
            setting.Description.Should().NotBeNullOrWhiteSpace(because);
            var value = setting.TypedDefault();
            value.Should().NotBeNull($"{because} declares type {setting.Type} but its default is {setting.Default}");

            if (value is int number)
            {
                setting.Min.Should().NotBeNull(because);
                setting.Max.Should().NotBeNull(because);
                number.Should().BeInRange(setting.Min!.Value, setting.Max!.Value, because);
            }
            else
            {
                (setting.Min, setting.Max).Should().Be(((int?)null, (int?)null), $"{because}: only int settings have limits");
            }

            if (setting.Type == "enum")
                setting.Choices.Should().NotBeNullOrEmpty(because).And.Contain((string)value!, because);
            else
                setting.Choices.Should().BeNull($"{because}: only enum settings have choices");
        }
    }

    [Theory]
    [MemberData(nameof(Plugins))]
    public void Each_rule_can_be_created_from_its_default_settings_and_used(string id)
    {
        var manifest = Manifest(id);
        var registered = Register(manifest).Rules;
        foreach (var rule in manifest.Rules)
        {
            var defaults = new RuleSettings(rule.Settings.ToDictionary(setting => setting.Key, setting => setting.Value.TypedDefault()!));
            var created = registered.Single(r => r.Name == rule.Name).Create(defaults);

            // One harmless call each, so a rule that reads a setting the manifest does not declare fails here.
            switch (created)
            {
                case IVotingRule voting: voting.Decide(Given.Vote(1, 1)).Should().NotBeNull(); break;
                case IModerationRule moderation: moderation.Check(Given.Comment("Hello")).Should().NotBeNull(); break;
                case IAnonymityPolicy anonymity: anonymity.Decide(new AnonymityRequest(ContributionKind.Idea, false, true)).Should().NotBeNull(); break;
                case IEventHandler handler:
                    handler.Handle(new SiteEvent { Kind = EventKinds.IdeaPosted, TenantId = "t1", Stream = "idea/1", Sequence = 1, At = DateTimeOffset.UnixEpoch, IdeaId = 1 });
                    break;
                default: throw new InvalidOperationException($"{rule.Name} created a {created.GetType()}");
            }
        }
    }

    [Fact]
    public void Rule_names_are_unique_across_plugins()
    {
        var names = RepoRoot.PluginFolders().SelectMany(folder => PluginManifest.Read(folder).Rules.Select(rule => rule.Name));
        names.Should().OnlyHaveUniqueItems();
    }

    /// <summary>Finds the plugin's one public IPlugin, as the engine will, and records what it registers.</summary>
    private static RecordingRegistrar Register(PluginManifest manifest)
    {
        var assemblyName = Path.GetFileNameWithoutExtension(manifest.EntryAssembly);
        var assembly = Assembly.Load(new AssemblyName(assemblyName));
        var entryPoints = assembly.GetExportedTypes()
            .Where(type => typeof(IPlugin).IsAssignableFrom(type) && type is { IsClass: true, IsAbstract: false })
            .ToList();
        entryPoints.Should().ContainSingle($"{manifest.EntryAssembly} must have exactly one public IPlugin");
        var plugin = (IPlugin)Activator.CreateInstance(entryPoints[0])!; // needs a public parameterless constructor

        var registrar = new RecordingRegistrar();
        plugin.Register(registrar);
        return registrar;
    }
}
