using System.Reflection;
using System.Text.RegularExpressions;
using Engine.Web.Hosting;

namespace Engine.Web.Tests.Hosting;

/// <summary>
/// docs/configuration.md lists every setting by its environment-variable name (Engine__RateLimits__Writes): every
/// property of every options class bound from configuration (a class named …Options with a Section constant, and the
/// classes its properties hold), and every Engine:… key the engine's code names; and it lists nothing else.
/// </summary>
public sealed partial class ConfigurationDocTests
{
    private static readonly string Doc = File.ReadAllText(Path.Combine(TestRepository.Root, "docs", "configuration.md"));

    [Fact]
    public void Every_options_property_is_documented_by_its_environment_variable()
    {
        var settings = Settings();
        settings.Should().Contain(["Engine__RateLimits__Writes", "Engine__System__BootstrapPassword", "Engine__TenantsPath", "Engine__Drain"]);
        settings.Where(name => !Doc.Contains($"`{name}`", StringComparison.Ordinal)).Should().BeEmpty("docs/configuration.md names each setting, in `code`");
    }

    [Fact]
    public void Every_engine_key_the_code_names_is_documented()
    {
        var keys = KeysInCode();
        keys.Should().Contain("Engine__SignIn__", "the sign-in secrets are read by a key made from the tenant and provider");
        keys.Where(key => !Doc.Contains(key, StringComparison.Ordinal)).Should().BeEmpty("docs/configuration.md names each key the code reads");
    }

    [Fact]
    public void The_doc_names_no_setting_the_engine_does_not_read()
    {
        var known = Settings();
        var prefixes = KeysInCode();
        var named = EnvironmentName().Matches(Doc).Select(m => m.Value.TrimEnd('_')).Distinct().ToList();
        named.Should().NotBeEmpty();
        named.Where(name => !known.Contains(name) && !prefixes.Any(p => (name + "__").StartsWith(p, StringComparison.Ordinal)))
            .Should().BeEmpty("a setting in docs/configuration.md that no code reads misleads whoever sets it");
    }

    [Fact]
    public void Every_options_class_says_where_it_is_bound()
    {
        var bound = Roots().SelectMany(root => Reachable(root.Type)).ToHashSet();
        OptionsClasses().Where(type => !bound.Contains(type)).Select(type => type.FullName)
            .Should().BeEmpty("an options class needs a Section constant (or to be a property of one that has), so its settings are documented");
    }

    /// <summary>Every setting as its environment variable: Engine__Section__Property, a list's items as __0.</summary>
    private static List<string> Settings() => Roots().SelectMany(root => Keys(root.Type, root.Section.Replace(":", "__"))).Distinct().ToList();

    private static IEnumerable<string> Keys(Type type, string prefix)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite || IsList(p.PropertyType)))
        {
            var key = $"{prefix}__{property.Name}";
            var value = IsList(property.PropertyType) ? property.PropertyType.GetGenericArguments()[0] : property.PropertyType;
            if (IsList(property.PropertyType)) key += "__0";
            if (IsSimple(value)) yield return key;
            else foreach (var inner in Keys(value, key)) yield return inner;
        }
    }

    private static IEnumerable<Type> Reachable(Type type) => new[] { type }.Concat(type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Select(p => IsList(p.PropertyType) ? p.PropertyType.GetGenericArguments()[0] : p.PropertyType)
        .Where(t => !IsSimple(t)).SelectMany(Reachable));

    private static bool IsList(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>);

    private static bool IsSimple(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(TimeSpan) || t == typeof(decimal) || t == typeof(DateTimeOffset) || t == typeof(Uri);
    }

    /// <summary>The options classes bound from configuration: those with a Section constant, at that section.</summary>
    private static IEnumerable<(Type Type, string Section)> Roots() => OptionsClasses()
        .Select(t => (Type: t, Field: t.GetField("Section", BindingFlags.Public | BindingFlags.Static)))
        .Where(x => x.Field is { IsLiteral: true })
        .Select(x => (x.Type, (string)x.Field!.GetRawConstantValue()!));

    /// <summary>Classes named …Options in the engine's assemblies that configuration can make (they have a constructor without parameters).</summary>
    private static IEnumerable<Type> OptionsClasses() =>
        new[] { typeof(EngineOptions).Assembly, typeof(Engine.Plugins.Loading.PluginOptions).Assembly, typeof(Engine.Core.Common.Error).Assembly,
                typeof(Engine.Data.StorageSettings).Assembly, typeof(Engine.Themes.ThemeEngine).Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => t.IsClass && !t.IsAbstract && t.Name.EndsWith("Options", StringComparison.Ordinal) && t.GetConstructor(Type.EmptyTypes) is not null
                && t.Namespace?.StartsWith("Engine.", StringComparison.Ordinal) == true);

    /// <summary>Every "Engine:…" string the engine's source names (a key, a section, or the start of a key made at run time), as an environment variable.</summary>
    private static List<string> KeysInCode() =>
        new[] { "engine", "plugins" }.SelectMany(folder => Directory.EnumerateFiles(Path.Combine(TestRepository.Root, folder), "*.cs", SearchOption.AllDirectories))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .SelectMany(file => KeyInCode().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value))
            .Select(key => "Engine__" + key.Replace(":", "__"))
            .Distinct().ToList();

    [GeneratedRegex("\"Engine:((?:[A-Za-z]+:?)+)")]
    private static partial Regex KeyInCode();

    [GeneratedRegex("Engine__[A-Za-z0-9_]+")]
    private static partial Regex EnvironmentName();
}
