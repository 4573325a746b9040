using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Engine.Plugins.Loading;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Engine.Web.Tests.Walkthrough;

/// <summary>
/// A developer following only docs/plugins.md writes, builds and enables a new voting rule. The test
/// does what the tutorial says, for real: installs the template from this repository (into a private
/// template hive), scaffolds a plugin, writes the files the tutorial shows (taken from the tutorial
/// itself, so the two cannot drift apart), builds and tests it with the dotnet CLI, installs the
/// build into a plugins folder, enables the rule for a tenant with the tutorial's rules section, and
/// votes over HTTP.
/// </summary>
[Trait("Category", "Walkthrough")]
public sealed partial class NewPluginWalkthroughTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), "engine-plugin-walkthrough", Guid.NewGuid().ToString("N"));
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private DotnetCli Dotnet => new(output, Step);

    [Fact]
    public async Task A_developer_following_the_tutorial_writes_builds_and_enables_a_new_voting_rule()
    {
        var repository = TestRepository.Root;
        var tutorial = await File.ReadAllTextAsync(Path.Combine(repository, "docs", "plugins.md"));
        // The commands below are the tutorial's; keep them in step with it.
        tutorial.Should().Contain("dotnet new install $ENGINE/templates/engine-plugin")
            .And.Contain("dotnet new engine-plugin -n Shortlist --sdk $ENGINE/engine/Engine.Sdk/bin/Debug/net10.0/Engine.Sdk.dll")
            .And.Contain("dotnet build\ndotnet test")
            .And.Contain("cp -r Shortlist/plugin.json Shortlist/bin $ENGINE/plugins/shortlist/");

        // 1. Install the template: into a private hive, so the machine's own templates are untouched.
        var hive = Path.Combine(_work, "template-hive");
        var source = Path.Combine(_work, "src");
        Directory.CreateDirectory(source);
        await Dotnet.RunAsync(_work, "new", "install", Path.Combine(repository, "templates", "engine-plugin"), "--debug:custom-hive", hive);

        // 2. Create the plugin, against the built Engine.Sdk.dll: the very one this engine loads.
        var sdk = typeof(Engine.Sdk.IPlugin).Assembly.Location;
        await Dotnet.RunAsync(source, "new", "engine-plugin", "-n", "Shortlist", "--sdk", sdk, "--debug:custom-hive", hive, "--no-update-check");
        var solution = Path.Combine(source, "Shortlist");

        // 3. Write the rule: every file the tutorial shows, exactly as it shows it.
        string[] replaced = ["Shortlist/ShortlistRule.cs", "Shortlist/ShortlistPlugin.cs", "Shortlist/plugin.json", "Shortlist.Tests/ShortlistRuleTests.cs"];
        var files = TutorialFiles(tutorial);
        files.Keys.Should().Contain(replaced);
        foreach (var path in replaced)
            File.Exists(Path.Combine(solution, path)).Should().BeTrue($"the tutorial replaces {path}, which the template should have created");
        foreach (var (path, content) in files)
        {
            var file = Path.Combine(solution, path);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllTextAsync(file, content);
        }

        // 5. Build it and run its tests. (No persistent build servers: nothing is left running.)
        await Dotnet.RunAsync(solution, "build", "--disable-build-servers");
        await Dotnet.RunAsync(solution, "test", "--no-build", "--disable-build-servers");
        var bin = Path.Combine(solution, "Shortlist", "bin");
        File.Exists(Path.Combine(bin, "Shortlist.dll")).Should().BeTrue("the plugin builds into Shortlist/bin/");
        File.Exists(Path.Combine(bin, "Engine.Sdk.dll")).Should().BeFalse("a plugin must not carry its own copy of Engine.Sdk");

        // 6. Install it: plugin.json and bin/ into a folder of the engine's plugins folder.
        var plugins = Path.Combine(_work, "plugins");
        var installed = Path.Combine(plugins, "shortlist");
        Directory.CreateDirectory(installed);
        File.Copy(Path.Combine(solution, "Shortlist", "plugin.json"), Path.Combine(installed, "plugin.json"));
        DotnetCli.CopyFolder(bin, Path.Combine(installed, "bin"));

        // 7. Enable it for a tenant (beta, which has thumbs-down switched on) with the tutorial's rules section.
        await using var engine = new EngineWithPlugins(plugins);
        var beta = EngineApp.Tenant("beta", "Beta Care Voices", ["beta.test"], anonymous: true, downVotes: true);
        beta["rules"] = TutorialTenantRules(tutorial);
        engine.WriteTenant("beta", beta);

        using var author = engine.Visit("beta.test");
        var catalog = engine.Services.GetRequiredService<PluginCatalog>();
        catalog.Problems.Should().BeEmpty(string.Join(Environment.NewLine, catalog.Problems));
        catalog.Plugins.Select(p => p.Manifest.Id).Should().Equal("shortlist");
        Step("engine started with the plugin loaded");

        await author.RegisterAsync(TestEmail.Unique("author"), "Alex Author");
        var ideas = new List<long>();
        foreach (var title in new[] { "Text patients their place in the queue", "A quiet room for people waiting", "Evening clinics for working carers" })
            ideas.Add(await author.PostIdeaAsync(title, "It would make waiting easier."));

        using var voter = engine.Visit("beta.test");
        await voter.RegisterAsync(TestEmail.Unique("voter"), "Sam Voter");

        // Two ideas on the shortlist are allowed, and the allowance counts down.
        (await VoteAsync(voter, ideas[0], 1)).Should().Be((HttpStatusCode.OK, "1 of 2 shortlist places left"));
        (await VoteAsync(voter, ideas[1], 1)).Should().Be((HttpStatusCode.OK, "0 of 2 shortlist places left"));

        // A third is refused with the rule's own message, naming the field.
        (await VoteAsync(voter, ideas[2], 1)).Should().Be((HttpStatusCode.BadRequest,
            "Your shortlist is full: you can vote for 2 ideas in this challenge. Take a vote back to choose another."));

        // Thumbs-down is refused by the rule, though the site switches it on.
        (await VoteAsync(voter, ideas[0], -1)).Should().Be((HttpStatusCode.BadRequest,
            "Only thumbs-up votes count here: vote 1, or take your vote back."));

        // Taking a vote back frees a place for another idea.
        var removed = await voter.Http.DeleteAsync($"api/v1/ideas/{ideas[0]}/vote");
        removed.StatusCode.Should().Be(HttpStatusCode.OK, await removed.Content.ReadAsStringAsync());
        (await VoteAsync(voter, ideas[2], 1)).Should().Be((HttpStatusCode.OK, "0 of 2 shortlist places left"));

        // "Top" ranks by thumbs-up: the two shortlisted ideas first (the later one first on a tie).
        var top = await voter.Http.GetFromJsonAsync<JsonElement>("api/v1/challenges/waiting-well/ideas?sort=top");
        top.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("id").GetInt64(), i.GetProperty("up").GetInt32()))
            .Should().Equal((ideas[2], 1), (ideas[1], 1), (ideas[0], 0));
        Step("voted over HTTP");
    }

    /// <summary>Votes; gives the status and either the allowance (accepted) or the refusal's message for the "value" field.</summary>
    private static async Task<(HttpStatusCode Status, string? Message)> VoteAsync(Visitor visitor, long idea, int value)
    {
        var response = await visitor.Http.PutAsJsonAsync($"api/v1/ideas/{idea}/vote", new { value });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return response.StatusCode == HttpStatusCode.OK
            ? (response.StatusCode, body.GetProperty("allowance").GetString())
            : (response.StatusCode, body.TryGetProperty("errors", out var errors) && errors.TryGetProperty("value", out var messages)
                ? messages[0].GetString()
                : body.ToString());
    }

    /// <summary>The files the tutorial shows, from its code blocks marked <c>```lang file=path</c>: path to content.</summary>
    private static Dictionary<string, string> TutorialFiles(string tutorial) =>
        FileBlock().Matches(tutorial.ReplaceLineEndings("\n")).ToDictionary(m => m.Groups["path"].Value, m => m.Groups["code"].Value);

    /// <summary>The <c>rules</c> section of the tutorial's tenant.json example (its block marked <c>```json tenant-rules</c>).</summary>
    private static JsonElement TutorialTenantRules(string tutorial)
    {
        var block = TenantRulesBlock().Match(tutorial.ReplaceLineEndings("\n"));
        block.Success.Should().BeTrue("the tutorial shows a tenant's rules section in a ```json tenant-rules block");
        using var json = JsonDocument.Parse(block.Groups["json"].Value);
        return json.RootElement.GetProperty("rules").Clone();
    }

    private void Step(string what) => output.WriteLine($"[{_clock.Elapsed.TotalSeconds,6:0.0} s] {what}");

    public void Dispose()
    {
        output.WriteLine($"walkthrough took {_clock.Elapsed.TotalSeconds:0.0} s");
        try { Directory.Delete(_work, recursive: true); } catch (IOException) { /* a file may still be held briefly */ } catch (UnauthorizedAccessException) { }
    }

    [GeneratedRegex(@"^```\w+ file=(?<path>\S+)\n(?<code>.*?)^```[ \t]*$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FileBlock();

    [GeneratedRegex(@"^```json tenant-rules\n(?<json>.*?)^```[ \t]*$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex TenantRulesBlock();
}
