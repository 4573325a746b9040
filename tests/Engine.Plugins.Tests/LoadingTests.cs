using System.Runtime.CompilerServices;
using System.Text.Json;
using Engine.Plugins.Manifest;
using Engine.Sdk;

namespace Engine.Plugins.Tests;

public class LoadingTests : IDisposable
{
    private readonly PluginFolders _folders = new();
    public void Dispose() => _folders.Dispose();

    [Fact]
    public void Every_shipped_plugin_loads_into_its_own_context_and_its_rules_are_the_hosts_sdk_types()
    {
        foreach (var plugin in Directory.GetDirectories(Path.Combine(TestRepository.Root, "plugins"))
                     .Where(d => Directory.GetFiles(d, "*.csproj").Length > 0).Select(Path.GetFileName))
            _folders.Copy(plugin!);
        var catalog = _folders.Catalog();
        catalog.Refresh().Should().BeTrue();
        catalog.Problems.Should().BeEmpty();
        catalog.Plugins.Select(p => p.Manifest.Id).Should().Contain(["thumbs", "budget", "points", "word-list", "personal-data", "first-posts", "report-threshold", "named", "anonymous-to-public", "fully-anonymous", "approval-quorum", "link-limit"]);
        catalog.Plugins.Select(p => p.Context).Distinct().Should().HaveCount(catalog.Plugins.Count, "one load context per plugin folder");

        var (voting, problem) = catalog.CreateVoting("thumbs", null);
        problem.Should().BeNull();
        voting.Should().BeAssignableTo<IVotingRule>();
        voting!.Decide(new VoteRequest(1, 1, false, MemberVotes.None)).Should().BeOfType<VoteDecision.Accept>(
            "the SDK records a plugin returns are the host's own types");
    }

    [Fact]
    public void A_plugin_that_ships_its_own_copy_of_the_sdk_still_gets_the_hosts()
    {
        var folder = _folders.Copy("thumbs");
        File.Copy(typeof(IPlugin).Assembly.Location, Path.Combine(folder, "bin", "Engine.Sdk.dll"));
        var catalog = _folders.Catalog();
        catalog.Refresh();
        catalog.Problems.Should().BeEmpty();
        catalog.CreateVoting("thumbs", null).Rule!.Decide(new VoteRequest(1, -1, true, MemberVotes.None)).Should().BeOfType<VoteDecision.Accept>();
        AppDomain.CurrentDomain.GetAssemblies().Count(a => a.GetName().Name == "Engine.Sdk").Should().Be(1);
    }

    [Fact]
    public void A_plugin_runs_with_the_dependency_versions_it_was_built_with_not_the_hosts()
    {
        var hosts = typeof(Humanizer.InflectorExtensions).Assembly.GetName().Version!;
        hosts.Major.Should().Be(3, "the engine itself runs Humanizer.Core 3.x");
        _folders.Copy("humanized");
        // A generous budget: the first call loads and JITs the plugin's Humanizer, slow on a busy build machine.
        var catalog = _folders.Catalog(TimeSpan.FromSeconds(30));
        catalog.Refresh();
        catalog.Problems.Should().BeEmpty();

        var allowance = catalog.CreateVoting("humanized-votes", null).Rule!.Allowance(MemberVotes.None);

        allowance.Should().Be("three votes left (Humanizer 2.14.1)", "the plugin was built against Humanizer.Core 2.14.1 and ships it in its bin/");
    }

    [Theory]
    [InlineData("\"engine\": \"^1.4\"", "\"engine\": \"^2.0\"", "needs engine SDK ^2.0")]
    [InlineData("\"engine\": \"^1.4\"", "\"engine\": \"soon\"", "not a version range")]
    [InlineData("\"entryAssembly\": \"Engine.Plugins.Thumbs.dll\"", "\"entryAssembly\": \"Missing.dll\"", "Missing.dll is missing")]
    [InlineData("\"entryAssembly\": \"Engine.Plugins.Thumbs.dll\"", "\"entryAssembly\": \"../../evil.dll\"", "must be a .dll file name")]
    [InlineData("\"id\": \"thumbs\"", "\"id\": \"thumbs\", \"colour\": \"red\"", "colour")]
    [InlineData("\"name\": \"thumbs\"", "\"name\": \"not-registered\"", "did not register it")]
    [InlineData("{", "{ ,", "line 1")]
    public void A_bad_plugin_is_refused_naming_it_and_the_reason_and_the_others_still_load(string from, string to, string reason)
    {
        _folders.Copy("thumbs");
        _folders.Copy("budget");
        _folders.EditManifest("thumbs", m => m.Replace(from, to));
        var catalog = _folders.Catalog();
        catalog.Refresh();
        catalog.Plugins.Select(p => p.Manifest.Id).Should().Equal("budget");
        catalog.Problems.Should().ContainSingle().Which.Message.Should().Contain("thumbs").And.Contain(reason);
    }

    [Fact]
    public void Two_plugins_with_one_id_the_second_is_refused()
    {
        _folders.Copy("thumbs", "a-thumbs");
        _folders.Copy("thumbs", "b-thumbs");
        var catalog = _folders.Catalog();
        catalog.Refresh();
        catalog.Plugins.Should().ContainSingle().Which.Folder.Should().EndWith("a-thumbs");
        catalog.Problems.Should().ContainSingle().Which.Message.Should().Contain("same id").And.Contain("a-thumbs");
    }

    [Fact]
    public void Settings_are_checked_against_the_schema_and_a_bad_value_names_the_rule_and_setting()
    {
        _folders.Copy("budget");
        var catalog = _folders.Catalog();
        catalog.Refresh();
        Settings("""{ "votes": 0 }""").Should().Contain("rule 'budget'").And.Contain("setting 'votes'").And.Contain("at least 1");
        Settings("""{ "votes": "five" }""").Should().Contain("setting 'votes'").And.Contain("whole number");
        Settings("""{ "vote": 3 }""").Should().Contain("setting 'vote' is not one of the rule's settings (votes)");
        catalog.CreateVoting("budget", Parse("""{ "votes": 2 }""")).Problem.Should().BeNull();
        catalog.CreateModeration("budget", null).Problem.Should().Contain("is a voting rule, not a moderation rule");
        catalog.CreateVoting("nothing", null).Problem.Should().Contain("no voting rule named 'nothing'");

        string Settings(string json) => catalog.CreateVoting("budget", Parse(json)).Problem!;
    }

    [Fact]
    public void A_replaced_plugin_is_swapped_in_and_its_old_context_really_unloads()
    {
        var folder = _folders.Copy("thumbs");
        var catalog = _folders.Catalog();
        catalog.Refresh();
        var generation = catalog.Generation;
        var oldContext = UseAndForget(catalog);

        // A new build lands: same files, new time stamps.
        foreach (var file in Directory.GetFiles(Path.Combine(folder, "bin")))
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddSeconds(5));
        catalog.HasChanges().Should().BeTrue();
        catalog.Refresh().Should().BeTrue();
        catalog.Generation.Should().BeGreaterThan(generation);
        catalog.CreateVoting("thumbs", null).Problem.Should().BeNull();

        for (var i = 0; oldContext.IsAlive && i < 20; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        oldContext.IsAlive.Should().BeFalse("nothing the host keeps may pin an unloaded plugin's context");
    }

    [Theory]
    [InlineData("a broken dll", "could not be loaded")]
    [InlineData("a bad plugin.json", "line 1")]
    public void A_bad_update_keeps_the_good_version_serving_and_says_why(string update, string reason)
    {
        var folder = _folders.Copy("thumbs");
        var catalog = _folders.Catalog();
        catalog.Refresh();

        if (update == "a broken dll") File.WriteAllText(Path.Combine(folder, "bin", "Engine.Plugins.Thumbs.dll"), "not an assembly");
        else _folders.EditManifest("thumbs", m => m.Replace("{", "{ ,"));
        catalog.Refresh().Should().BeTrue();

        catalog.Plugins.Should().ContainSingle().Which.Manifest.Id.Should().Be("thumbs");
        catalog.CreateVoting("thumbs", null).Rule!.Decide(new VoteRequest(1, 1, false, MemberVotes.None)).Should().BeOfType<VoteDecision.Accept>(
            "the version loaded before the update keeps serving");
        catalog.Problems.Should().ContainSingle().Which.Message.Should().Contain("thumbs").And.Contain(reason)
            .And.Contain("The update failed, so plugin 'thumbs' 1.0.0 as loaded before keeps serving");

        // Fixed: the next good build replaces it, and the problem goes.
        _folders.Copy("thumbs");
        foreach (var file in Directory.GetFiles(folder, "*", SearchOption.AllDirectories))
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddSeconds(5));
        catalog.Refresh().Should().BeTrue();
        catalog.Problems.Should().BeEmpty();
        catalog.Plugins.Should().ContainSingle().Which.Manifest.Id.Should().Be("thumbs");
    }

    [Fact]
    public void A_removed_plugin_is_unloaded()
    {
        var folder = _folders.Copy("thumbs");
        var catalog = _folders.Catalog();
        catalog.Refresh();
        Directory.Delete(folder, recursive: true);
        catalog.Refresh().Should().BeTrue();
        catalog.Plugins.Should().BeEmpty();
        catalog.CreateVoting("thumbs", null).Problem.Should().Contain("no voting rule named 'thumbs'");
    }

    // Kept out of line so no local in the test method holds the old plugin's objects.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference UseAndForget(Loading.PluginCatalog catalog)
    {
        var rule = catalog.CreateVoting("thumbs", null).Rule!;
        rule.Decide(new VoteRequest(1, 1, false, MemberVotes.None));
        return new WeakReference(catalog.Plugins.Single().Context);
    }

    private static IReadOnlyDictionary<string, JsonElement> Parse(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;
}
