using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Engine.Web.Tests.DataRights;

/// <summary>
/// Sites for the data-rights tests: rights (base theme, anonymous to the public: the link to the author is kept),
/// fullanon (fully anonymous: no link is kept) and rightsnhs (the nhs theme, in English and Welsh); the log is captured.
/// </summary>
public sealed class DataRightsApp : EngineApp
{
    public const string Password = "correct horse battery";

    /// <summary>Everything the engine logged, so that a test can tell no line holds a deleted member's name or email.</summary>
    public LogCapture Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(Logs));
    }

    public DataRightsApp()
    {
        var rights = Tenant("rights", "Rights Region", ["rights.test"], anonymous: true, downVotes: true);
        rights["rules"] = new { anonymity = new { rule = "anonymous-to-public" } };
        WriteTenant("rights", rights);
        var full = Tenant("fullanon", "Fully Anonymous Region", ["fullanon.test"], anonymous: true, downVotes: true);
        full["rules"] = new { anonymity = new { rule = "fully-anonymous" } };
        WriteTenant("fullanon", full);
        var nhs = Tenant("rightsnhs", "Rights NHS Region", ["rightsnhs.test"], anonymous: true, downVotes: false, theme: "nhs");
        nhs["languages"] = new[] { "cy-GB" };
        WriteTenant("rightsnhs", nhs);
    }

    /// <summary>The entries of a zip answered by the engine, by name, as text (the CSV files without their byte-order mark).</summary>
    public static async Task<Dictionary<string, string>> UnzipAsync(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/zip");
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var files = new Dictionary<string, string>();
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open());
            files[entry.FullName] = (await reader.ReadToEndAsync()).TrimStart('\uFEFF');
        }
        return files;
    }

    public static async Task<long> CommentAsync(Visitor visitor, long ideaId, string body, bool anonymous = false)
    {
        var response = await visitor.Http.PostAsJsonAsync($"api/v1/ideas/{ideaId}/comments", new { body, anonymous });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    public static async Task VoteAsync(Visitor visitor, long ideaId, int value) =>
        (await visitor.Http.PutAsJsonAsync($"api/v1/ideas/{ideaId}/vote", new { value })).StatusCode.Should().Be(HttpStatusCode.OK);

    /// <summary>The idea's counts as the API gives them.</summary>
    public static async Task<(int Up, int Down)> CountsAsync(Visitor visitor, long ideaId)
    {
        var idea = await visitor.Http.GetFromJsonAsync<JsonElement>($"api/v1/ideas/{ideaId}");
        return (idea.GetProperty("up").GetInt32(), idea.GetProperty("down").GetInt32());
    }
}
