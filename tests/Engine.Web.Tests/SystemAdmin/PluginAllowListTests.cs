using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Engine.Plugins.Loading;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Engine.Web.Tests.SystemAdmin;

/// <summary>
/// In Production the engine loads only plugins whose SHA-256 is on the operator's allow-list (Engine:Plugins:Allowed):
/// here thumbs is listed and budget is not. The system site lists the loaded plugins with their hashes, and the refused.
/// </summary>
public class PluginAllowListTests(PluginAllowListTests.App app) : IClassFixture<PluginAllowListTests.App>
{
    private static readonly string ThumbsHash = PluginHash.Of(Path.Combine(TestRepository.Root, "plugins", "thumbs"))!;
    private static readonly string BudgetHash = PluginHash.Of(Path.Combine(TestRepository.Root, "plugins", "budget"))!;

    public sealed class App : SystemSiteApp
    {
        public LogCapture Log { get; } = new();
        protected override string Environment => "Production";
        protected override IEnumerable<string> AllowedPlugins => [ThumbsHash];

        public App()
        {
            foreach (var (id, rule) in new[] { ("thumbed", "thumbs"), ("budgeted", "budget") })
            {
                var tenant = Tenant(id, $"{id} site", [$"{id}.test"], anonymous: false, downVotes: false);
                tenant["rules"] = new { voting = new { rule } };
                WriteTenant(id, tenant);
            }
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(Log));
        }
    }

    [Fact]
    public async Task The_system_site_lists_the_allowed_plugin_with_its_hash_and_the_refused_one_with_why()
    {
        using var admin = await app.SystemAdministratorAsync();
        var (status, html) = await admin.GetPageAsync("/system");

        status.Should().Be(HttpStatusCode.OK);
        html.Should().Contain("id=\"plugin-thumbs\"").And.Contain(ThumbsHash).And.NotContain("id=\"plugin-budget\"");
        html.Should().Contain($"its SHA-256 {BudgetHash} is not in Engine:Plugins:Allowed");
        await admin.UseAntiforgeryHeaderAsync();
        var overview = await admin.Http.GetFromJsonAsync<JsonElement>("api/v1/system/tenants");
        overview.GetProperty("plugins").EnumerateArray().Should().ContainSingle(p => p.GetProperty("id").GetString() == "thumbs")
            .Which.GetProperty("sha256").GetString().Should().Be(ThumbsHash);
        overview.GetProperty("pluginProblems").EnumerateArray().Select(p => p.GetString()).Should()
            .ContainSingle(p => p!.Contains("plugin 'budget'") && p.Contains(BudgetHash));
        app.Log.Entries.Should().Contain(e => e.Level == LogLevel.Error && e.Message.Contains("plugin 'budget'") && e.Message.Contains(BudgetHash),
            "the operator reads in the log which plugin was refused and the hash to list if it is the build they meant");
    }

    [Fact]
    public async Task A_site_on_the_allowed_plugin_takes_votes_and_one_on_the_refused_plugin_fails_safe()
    {
        foreach (var (host, expected) in new[] { ("thumbed.test", HttpStatusCode.OK), ("budgeted.test", HttpStatusCode.BadRequest) })
        {
            using var member = app.Visit(host);
            await member.RegisterAsync(TestEmail.Unique("m"));
            var idea = await member.PostIdeaAsync();
            (await member.Http.PutAsJsonAsync($"api/v1/ideas/{idea}/vote", new { value = 1 })).StatusCode.Should().Be(expected, host);
        }
    }
}
