using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Engine.Plugins.Loading;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Engine.Web.Tests.Walkthrough;

/// <summary>
/// A plugin author who has only the packed SDK: `dotnet cake --target=Pack` writes Engine.Sdk to artifacts/, then the
/// template makes one plugin of each kind (voting, moderation, anonymity, events) against that package (--kind, --sdk-feed), each is built and tested once
/// (`dotnet test`), installed into a plugins folder, loaded by the engine and used over HTTP. NuGet's packages folder is
/// a fresh one, so the package restored is the one just packed, never an older copy of the same version.
/// </summary>
[Trait("Category", "Walkthrough")]
public sealed class PluginKindsWalkthroughTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), "engine-plugin-kinds", Guid.NewGuid().ToString("N"));
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private static readonly string[] Kinds = ["voting", "moderation", "anonymity", "events"];

    [Fact]
    public async Task One_plugin_of_each_kind_made_from_the_template_against_the_packed_sdk_builds_passes_its_tests_and_works_in_the_engine()
    {
        var repository = TestRepository.Root;
        var dotnet = new DotnetCli(output, Step) { Variables = { ["NUGET_PACKAGES"] = Path.Combine(_work, "packages") } };
        var hive = Path.Combine(_work, "template-hive");
        var source = Path.Combine(_work, "src");
        Directory.CreateDirectory(source);

        // 1. Pack the SDK as an author is told to, and install the template.
        await dotnet.RunAsync(repository, "cake", "--target=Pack");
        var feed = Path.Combine(repository, "artifacts");
        File.Exists(Path.Combine(feed, $"Engine.Sdk.{Engine.Sdk.SdkVersion.Current.ToString(3)}.nupkg")).Should().BeTrue("Pack writes the SDK's package to artifacts/");
        await dotnet.RunAsync(_work, "new", "install", Path.Combine(repository, "templates", "engine-plugin"), "--debug:custom-hive", hive);

        // 2. One plugin of each kind, each built and tested once, then installed as the engine expects.
        var plugins = Path.Combine(_work, "plugins");
        foreach (var kind in Kinds)
        {
            var name = $"Kind{char.ToUpperInvariant(kind[0])}{kind[1..]}";
            await dotnet.RunAsync(source, "new", "engine-plugin", "-n", name, "--kind", kind, "--sdk-feed", feed,
                "--debug:custom-hive", hive, "--no-update-check");
            var solution = Path.Combine(source, name);
            await dotnet.RunAsync(solution, "test", "--disable-build-servers");
            var bin = Path.Combine(solution, name, "bin");
            File.Exists(Path.Combine(bin, $"{name}.dll")).Should().BeTrue($"the {kind} plugin builds into {name}/bin/");
            File.Exists(Path.Combine(bin, "Engine.Sdk.dll")).Should().BeFalse("a plugin must not carry its own copy of Engine.Sdk");
            var installed = Path.Combine(plugins, $"kind-{kind}");
            Directory.CreateDirectory(installed);
            File.Copy(Path.Combine(solution, name, "plugin.json"), Path.Combine(installed, "plugin.json"));
            DotnetCli.CopyFolder(bin, Path.Combine(installed, "bin"));
        }

        // 3. The engine loads all three; a site for each uses it.
        await using var engine = new EngineWithPlugins(plugins);
        Site(engine, "voting", new { voting = new { rule = "kind-voting" } }, anonymous: false, downVotes: true);
        Site(engine, "moderation", new { moderation = new[] { new { rule = "kind-moderation" } } }, anonymous: false, downVotes: false);
        Site(engine, "anonymity", new { anonymity = new { rule = "kind-anonymity" } }, anonymous: false, downVotes: false);
        Site(engine, "events", new { events = new[] { new { rule = "kind-events" } } }, anonymous: false, downVotes: false);
        using var voter = engine.Visit("voting.test");
        var catalog = engine.Services.GetRequiredService<PluginCatalog>();
        catalog.Problems.Should().BeEmpty(string.Join(Environment.NewLine, catalog.Problems));
        catalog.Plugins.Select(p => p.Manifest.Id).Should().Equal("kind-anonymity", "kind-events", "kind-moderation", "kind-voting");
        Step("engine started with the four plugins loaded");

        // The voting rule: thumbs-up only, though the site switches thumbs-down on.
        await voter.RegisterAsync(TestEmail.Unique("voter"), "Sam Voter");
        var idea = await voter.PostIdeaAsync(title: "Text patients their place in the queue");
        (await voter.Http.PutAsJsonAsync($"api/v1/ideas/{idea}/vote", new { value = 1 })).StatusCode.Should().Be(HttpStatusCode.OK);
        var down = await voter.Http.PutAsJsonAsync($"api/v1/ideas/{idea}/vote", new { value = -1 });
        down.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Visitor.ProblemAsync(down)).GetProperty("errors").GetProperty("value")[0].GetString()
            .Should().Be("Only thumbs-up votes count here: vote 1, or take your vote back.");

        // The moderation rule: shouting is held for a moderator, the rest published.
        using var author = engine.Visit("moderation.test");
        await author.RegisterAsync(TestEmail.Unique("author"), "Alex Author");
        await author.PostIdeaAsync(title: "A quiet room for people waiting");
        var shouted = await author.Http.PostAsJsonAsync("api/v1/challenges/waiting-well/ideas",
            new { title = "FIX THE CAR PARK", body = "IT IS ALWAYS FULL", anonymous = false });
        shouted.StatusCode.Should().Be(HttpStatusCode.Accepted, await shouted.Content.ReadAsStringAsync());
        (await shouted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("moderation").GetString().Should().Be("held");

        // The anonymity policy: on a site without anonymous posting, asking is refused in the policy's own words.
        using var poster = engine.Visit("anonymity.test");
        await poster.RegisterAsync(TestEmail.Unique("poster"), "Jo Poster");
        await poster.PostIdeaAsync(title: "Evening clinics for working carers");
        var anonymous = await poster.Http.PostAsJsonAsync("api/v1/challenges/waiting-well/ideas",
            new { title = "Posted without a name", body = "b", anonymous = true });
        anonymous.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await Visitor.ProblemAsync(anonymous)).GetProperty("detail").GetString().Should().Contain("untick \"post anonymously\"");

        // The event handler: told of each published idea after the commit, it keeps one key per idea in its own state.
        using var reporter = engine.Visit("events.test");
        await reporter.RegisterAsync(TestEmail.Unique("reporter"), "Ria Reporter");
        var published = await reporter.PostIdeaAsync(title: "A text when the clinic runs late");
        var state = engine.Services.GetRequiredService<Engine.Data.Stores.PluginStateStore>().For("events", "kind-events");
        for (var waited = 0; state.Keys("published/").Count == 0 && waited < 300; waited++) await Task.Delay(100);
        state.Keys("published/").Should().ContainSingle("the handler was told of the one idea, once").Which.Should().EndWith($"/{published}");
        Step("used each plugin over HTTP");
    }

    private static void Site(EngineApp engine, string id, object rules, bool anonymous, bool downVotes)
    {
        var tenant = EngineApp.Tenant(id, $"{id} site", [$"{id}.test"], anonymous, downVotes);
        tenant["rules"] = rules;
        engine.WriteTenant(id, tenant);
    }

    private void Step(string what) => output.WriteLine($"[{_clock.Elapsed.TotalSeconds,6:0.0} s] {what}");

    public void Dispose()
    {
        output.WriteLine($"walkthrough took {_clock.Elapsed.TotalSeconds:0.0} s");
        try { Directory.Delete(_work, recursive: true); } catch (IOException) { /* a file may still be held briefly */ } catch (UnauthorizedAccessException) { }
    }
}
