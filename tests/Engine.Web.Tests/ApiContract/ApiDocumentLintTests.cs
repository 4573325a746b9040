using System.Diagnostics;
using System.Text.Json;
using Engine.Web.Tests.SystemAdmin;

namespace Engine.Web.Tests.ApiContract;

/// <summary>
/// Each API document the engine serves, linted with Redocly's recommended rules (@redocly/cli, pinned in
/// package.json) as a reviewer would: an error there is a contract a client generator may misread.
/// </summary>
public sealed class ApiDocumentLintTests(SystemSiteApp app) : IClassFixture<SystemSiteApp>
{
    /// <summary>Where each document is served: the system API's on the system host, the others on a tenant's.</summary>
    private static readonly (string Host, string Path)[] Documents =
    [
        ("alpha.test", "api/v1/openapi.json"),
        ("alpha.test", "api/v1/public/openapi.json"),
        ("alpha.test", "api/v1/admin/openapi.json"),
        (SystemAdminTests.Host, "api/v1/system/openapi.json"),
    ];

    [Fact]
    public async Task Redocly_finds_no_error_in_any_api_document()
    {
        var folder = Path.Combine(app.Root, "openapi");
        Directory.CreateDirectory(folder);
        var files = new List<string>();
        foreach (var (host, path) in Documents)
        {
            using var visitor = app.Visit(host);
            var file = Path.Combine(folder, path.Replace('/', '-'));
            await File.WriteAllTextAsync(file, await visitor.Http.GetStringAsync(path));
            files.Add(file);
        }

        var reports = await LintAsync(folder, files);

        reports.Should().HaveCount(files.Count, "redocly reports on each document");
        var errors = reports.SelectMany(r => r.GetProperty("problems").EnumerateArray())
            .Where(p => p.GetProperty("severity").GetString() == "error")
            .Select(p => $"{p.GetProperty("ruleId")} {Location(p)}: {p.GetProperty("message")}").ToList();
        errors.Should().BeEmpty("Redocly's recommended rules find no error");
        reports.Sum(r => r.GetProperty("totals").GetProperty("errors").GetInt32()).Should().Be(0);
    }

    private static string Location(JsonElement problem) => problem.GetProperty("location").EnumerateArray()
        .Select(l => $"{Path.GetFileName(l.GetProperty("source").GetProperty("ref").GetString())}{l.GetProperty("pointer")}").FirstOrDefault() ?? "";

    /// <summary>Runs the repository's own redocly (npm ci installs it) in the documents' folder, so no redocly.yaml but the rules named here applies.</summary>
    private static async Task<List<JsonElement>> LintAsync(string folder, IEnumerable<string> files)
    {
        var redocly = Path.Combine(TestRepository.Root, "node_modules", ".bin", "redocly");
        File.Exists(redocly).Should().BeTrue($"{redocly} is installed by `npm ci` (package.json's devDependencies)");
        var start = new ProcessStartInfo(redocly, ["lint", "--extends=recommended", "--format=json", .. files])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // Offline and quiet: no usage report, no check for a newer version.
            Environment = { ["REDOCLY_TELEMETRY"] = "off", ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true" },
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var output = await stdout;
        output.Should().Contain("\"totals\"", $"redocly lint reports in JSON (exit code {process.ExitCode}): {await stderr}");
        return Reports(output[output.IndexOf('{')..]);
    }

    /// <summary>Redocly writes one JSON report per document, one after the other.</summary>
    private static List<JsonElement> Reports(string output)
    {
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(output), new JsonReaderOptions { AllowMultipleValues = true });
        var reports = new List<JsonElement>();
        while (reader.Read()) reports.Add(JsonElement.ParseValue(ref reader));
        return reports;
    }
}
