using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;

namespace Engine.Web.Tests.SystemAdmin;

/// <summary>A plugin that fails at run time shows on the system site, against the plugin and every tenant that uses it.</summary>
public class PluginFailureTests(PluginFailureTests.App app) : IClassFixture<PluginFailureTests.App>
{
    public sealed class App : EngineApp
    {
        // Only the test plugins: the misbehaving one, whose rules throw or hang on purpose.
        protected override string PluginsPath => Path.Combine(TestRepository.Root, "tests", "TestPlugins");

        public App()
        {
            var tenant = Tenant("throwing", "Throwing site", ["throwing.test"], anonymous: false, downVotes: false);
            tenant["rules"] = new { voting = new { rule = "throwing-vote" } };
            WriteTenant("throwing", tenant);
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Engine:System:Hosts:0", SystemAdminTests.Host);
            builder.UseSetting("Engine:System:BootstrapEmail", SystemAdminTests.Email);
            builder.UseSetting("Engine:System:BootstrapPassword", SystemAdminTests.Password);
        }
    }

    [Fact]
    public async Task A_rule_that_throws_is_counted_against_its_plugin_and_the_tenants_using_it()
    {
        using var member = app.Visit("throwing.test");
        await member.RegisterAsync(TestEmail.Unique("m"));
        var idea = await member.PostIdeaAsync();
        for (var i = 0; i < 2; i++)
            (await member.Http.PutAsJsonAsync($"api/v1/ideas/{idea}/vote", new { value = 1 })).StatusCode.Should().NotBe(HttpStatusCode.OK);

        using var system = app.Visit(SystemAdminTests.Host);
        var token = await system.Http.PostAsJsonAsync("api/v1/account/tokens", new { email = SystemAdminTests.Email, password = SystemAdminTests.Password });
        system.Http.DefaultRequestHeaders.Authorization = new("Bearer", (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString());
        var overview = await system.Http.GetFromJsonAsync<JsonElement>("api/v1/system/tenants");

        var plugin = overview.GetProperty("plugins").EnumerateArray().Single(p => p.GetProperty("id").GetString() == "misbehaving");
        plugin.GetProperty("failures").GetInt32().Should().BeGreaterThanOrEqualTo(2);
        plugin.GetProperty("lastFailure").GetString().Should().Contain("throwing-vote").And.Contain("threw");
        var tenant = overview.GetProperty("tenants").EnumerateArray().Single(t => t.GetProperty("id").GetString() == "throwing");
        tenant.GetProperty("health").GetString().Should().Be("servingWithProblems");
        tenant.GetProperty("problems").EnumerateArray().Select(p => p.GetString()).Should().Contain(p => p!.Contains("plugin 'misbehaving' failed"));
        overview.GetProperty("tenants").EnumerateArray().Single(t => t.GetProperty("id").GetString() == "alpha")
            .GetProperty("health").GetString().Should().Be("serving", "alpha does not use the plugin");
    }
}
