using System.Diagnostics;
using Engine.Plugins.Loading;
using Engine.Sdk;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engine.Plugins.Tests;

/// <summary>Production's allow-list: only plugins whose SHA-256 the operator listed are loaded.</summary>
public class AllowListTests : IDisposable
{
    private readonly PluginFolders _folders = new();
    public void Dispose() => _folders.Dispose();

    [Fact]
    public void A_plugin_on_the_allow_list_loads_and_one_not_on_it_is_refused_naming_it_and_its_hash()
    {
        var thumbs = _folders.Copy("thumbs");
        var budget = _folders.Copy("budget");
        var catalog = Catalog(PluginHash.Of(thumbs)!.ToUpperInvariant());

        catalog.Refresh();

        catalog.Plugins.Should().ContainSingle().Which.Sha256.Should().Be(PluginHash.Of(thumbs));
        catalog.CreateVoting("thumbs", null).Rule!.Decide(new VoteRequest(1, 1, false, MemberVotes.None)).Should().BeOfType<VoteDecision.Accept>();
        catalog.Problems.Should().ContainSingle().Which.Message.Should().Contain("plugin 'budget'")
            .And.Contain($"SHA-256 {PluginHash.Of(budget)}").And.Contain("is not in Engine:Plugins:Allowed");
        catalog.CreateVoting("budget", null).Problem.Should().Contain("no voting rule named 'budget'");
    }

    [Fact]
    public void A_plugin_whose_dependency_was_swapped_is_refused_though_its_entry_assembly_is_unchanged()
    {
        var folder = _folders.Copy("humanized");
        var catalog = Catalog(PluginHash.Of(folder)!);
        File.AppendAllText(Path.Combine(folder, "bin", "Humanizer.dll"), "tampered");

        catalog.Refresh();

        catalog.Plugins.Should().BeEmpty();
        catalog.Problems.Should().ContainSingle().Which.Message.Should().Contain("plugin 'humanized'").And.Contain("is not in Engine:Plugins:Allowed");
    }

    [Fact]
    public void Without_an_allow_list_every_plugin_loads_with_its_hash()
    {
        var thumbs = _folders.Copy("thumbs");
        var catalog = _folders.Catalog();
        catalog.Refresh();
        catalog.Plugins.Should().ContainSingle().Which.Sha256.Should().MatchRegex("^[0-9a-f]{64}$").And.Be(PluginHash.Of(thumbs));
    }

    [Theory]
    [InlineData("humanized")]
    [InlineData("thumbs")] // with outlets/ and locales/
    public void The_hash_is_what_the_documented_shell_command_prints(string plugin)
    {
        var folder = _folders.Copy(plugin);
        var shell = Process.Start(new ProcessStartInfo("bash", ["-c", "find plugin.json bin outlets locales -type f 2>/dev/null | LC_ALL=C sort | xargs sha256sum | sha256sum"])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
        })!;
        var printed = shell.StandardOutput.ReadToEnd();
        shell.WaitForExit();

        printed.Split(' ')[0].Should().Be(PluginHash.Of(folder));
    }

    [Fact]
    public void A_changed_outlet_template_changes_the_hash()
    {
        var thumbs = _folders.Copy("thumbs");
        var before = PluginHash.Of(thumbs);
        File.AppendAllText(Path.Combine(thumbs, "outlets", "idea-sidebar.sbn-html"), "<p>added</p>");

        PluginHash.Of(thumbs).Should().NotBe(before);
    }

    private PluginCatalog Catalog(params string[] allowed) =>
        new(_folders.Root, TimeSpan.FromSeconds(5), NullLogger<PluginCatalog>.Instance, allowed);
}
