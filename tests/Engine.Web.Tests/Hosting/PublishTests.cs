using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Engine.Web.Tests.Durability;

namespace Engine.Web.Tests.Hosting;

/// <summary>
/// The published engine is a folder an operator copies to a server and starts from wherever their service manager
/// starts it (docs/deploy.md): published as build.cake's Publish target does (from the build the tests run on, so
/// no second compile), started from another directory with nothing configured but the plugins' allow-list, it serves
/// a sample tenant with its theme and the front-end packages that theme loads.
/// </summary>
public sealed partial class PublishTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "engine-publish-tests", Guid.NewGuid().ToString("N"));
    private string Published => Path.Combine(_root, "engine");
    private string Elsewhere => Path.Combine(_root, "elsewhere");

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { /* the OS may still hold the database file briefly */ }
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_published_folder_started_from_another_directory_serves_a_sample_tenant_and_its_style_sheets()
    {
        await PublishAsync();
        foreach (var folder in new[] { "themes/nhs", "tenants/solving-together", "plugins/budget/bin", "node_modules/nhsuk-frontend/dist/nhsuk" })
            Directory.Exists(Path.Combine(Published, folder)).Should().BeTrue($"the published folder carries {folder}");
        File.Exists(Path.Combine(Published, Engine.Web.Hosting.ContentRoot.RepositoryPathsFile)).Should().BeFalse("a published engine must not point back into the repository");
        Directory.CreateDirectory(Elsewhere);

        // Production loads only the plugins its operator listed (docs/deploy.md): the ones published.
        var allowed = Engine.Plugins.Loading.PluginHash.OfEvery(Path.Combine(Published, "plugins"))
            .Select((hash, i) => KeyValuePair.Create($"Engine__Plugins__Allowed__{i}", hash));
        await using var engine = await EngineProcess.StartAsync(Published, Elsewhere, allowed);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{engine.Port}") };

        var home = await GetAsync(http, "/");
        home.StatusCode.Should().Be(HttpStatusCode.OK, engine.Output);
        var html = await home.Content.ReadAsStringAsync();
        html.Should().Contain("Solving Together");
        var sheets = StyleSheet().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        sheets.Should().Contain(s => s.Contains("/frontend/nhsuk/"), "the nhs theme loads nhsuk-frontend's style sheet");
        foreach (var sheet in sheets)
        {
            var css = await GetAsync(http, sheet);
            css.StatusCode.Should().Be(HttpStatusCode.OK, $"{sheet}\n{engine.Output}");
            css.Content.Headers.ContentType!.MediaType.Should().Be("text/css", sheet);
        }
        Directory.Exists(Path.Combine(Published, "data")).Should().BeTrue("the data folder's default is beside the engine, not in the working directory");
        Directory.EnumerateFileSystemEntries(Elsewhere).Should().BeEmpty("nothing is read from or written to the working directory");
    }

    private static Task<HttpResponseMessage> GetAsync(HttpClient http, string path) =>
        http.SendAsync(new HttpRequestMessage(HttpMethod.Get, path) { Headers = { Host = "solving-together.localhost" } });

    /// <summary>
    /// `dotnet publish` as build.cake's Publish target runs it, on the configuration these tests were built in and without
    /// building again: the test run's build (Test depends on Build) already built the engine and the plugins.
    /// </summary>
    private async Task PublishAsync()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name; // bin/<configuration>/net10.0
        var project = Path.Combine(TestRepository.Root, "engine", "Engine.Web", "Engine.Web.csproj");
        using var publish = Process.Start(new ProcessStartInfo("dotnet",
            ["publish", project, "-c", configuration, "--no-build", "--no-restore", "-o", Published, "-v", "q", "--tl:off"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = publish.StandardOutput.ReadToEndAsync();
        var errors = publish.StandardError.ReadToEndAsync();
        await publish.WaitForExitAsync();
        publish.ExitCode.Should().Be(0, $"dotnet publish failed:\n{await output}\n{await errors}");
    }

    [GeneratedRegex("<link[^>]*rel=\"stylesheet\"[^>]*href=\"([^\"]+)\"")]
    private static partial Regex StyleSheet();
}
