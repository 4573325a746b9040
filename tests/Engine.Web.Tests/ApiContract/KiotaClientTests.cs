using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Engine.Web.Tests.Walkthrough;
using Xunit.Abstractions;

namespace Engine.Web.Tests.ApiContract;

/// <summary>
/// The contract proven usable, not only valid: a C# client generated with Kiota (the repository's pinned dotnet tool)
/// from the public API document the engine serves, compiled once, and run against the engine's real port as a
/// member's journey: register, take a personal token, post an idea, vote for it, read it back.
/// </summary>
public sealed class KiotaClientTests(ITestOutputHelper output)
{
    /// <summary>The engine on a Kestrel port with one site answering on localhost, which a separate process can reach by name.</summary>
    private sealed class EngineOnPort : TestEngine
    {
        public EngineOnPort() : base(onPort: true)
        {
            WriteTenantJson("local", JsonSerializer.Serialize(EngineApp.Tenant("local", "Local Care Voices", ["localhost"], anonymous: false, downVotes: false)));
            Start();
        }

        public string Url => $"http://localhost:{Port}";
    }

    [Fact]
    public async Task A_generated_client_registers_takes_a_token_posts_an_idea_votes_and_reads_it_back()
    {
        await using var engine = new EngineOnPort();
        using var http = new HttpClient { BaseAddress = new Uri(engine.Url) };
        var folder = Path.Combine(engine.Root, "kiota-journey");
        DotnetCli.CopyFolder(Path.Combine(TestRepository.Root, "tests", "Engine.Web.Tests", "ApiContract", "KiotaJourney"), folder);
        var document = Path.Combine(folder, "public-openapi.json");
        await File.WriteAllTextAsync(document, await http.GetStringAsync("/api/v1/public/openapi.json"));
        var dotnet = new DotnetCli(output, _ => { });

        await dotnet.RunAsync(TestRepository.Root, "kiota", "generate", "--language", "CSharp", "--openapi", document,
            "--output", Path.Combine(folder, "Client"), "--class-name", "EngineClient", "--namespace-name", "Engine.Client", "--exclude-backward-compatible");
        var email = TestEmail.Unique("kiota");
        var ran = await dotnet.RunAsync(folder, "run", "--project", "KiotaJourney.csproj", "--", engine.Url, email, "waiting-well");

        var line = ran.Split('\n').SingleOrDefault(l => l.StartsWith("journey: "));
        line.Should().NotBeNull($"the journey prints what it saw:\n{ran}");
        var journey = JsonDocument.Parse(line!["journey: ".Length..]).RootElement;
        journey.GetProperty("registered").GetString().Should().NotBeNullOrEmpty("registering answers with what to do next");
        journey.GetProperty("tokenName").GetString().Should().Be("kiota journey");
        journey.GetProperty("votedUp").GetInt32().Should().Be(1);
        var idea = journey.GetProperty("idea");
        idea.GetProperty("Id").GetInt64().Should().Be(journey.GetProperty("posted").GetInt64());
        idea.GetProperty("Title").GetString().Should().Be("Text patients their place in the queue");
        idea.GetProperty("Challenge").GetString().Should().Be("waiting-well");
        idea.GetProperty("Up").GetInt32().Should().Be(1);
        idea.GetProperty("MyVote").GetInt32().Should().Be(1, "the idea was read with the member's token");
        idea.GetProperty("Author").GetString().Should().Be("Kiota Client");

        // What the client did is on the site for everyone, not only in its own answers.
        using var seen = await http.GetAsync($"/api/v1/ideas/{journey.GetProperty("posted").GetInt64()}");
        seen.StatusCode.Should().Be(HttpStatusCode.OK);
        var onSite = await seen.Content.ReadFromJsonAsync<JsonElement>();
        onSite.GetProperty("title").GetString().Should().Be("Text patients their place in the queue");
        onSite.GetProperty("up").GetInt32().Should().Be(1);
        onSite.GetProperty("myVote").GetInt32().Should().Be(0, "a visitor has not voted");
    }
}
