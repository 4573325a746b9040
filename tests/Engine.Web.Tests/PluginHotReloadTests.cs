using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;

namespace Engine.Web.Tests;

/// <summary>
/// In Development, a plugin dropped into the plugins folder while the engine runs is used without a restart, and a
/// broken update of it leaves the version before serving.
/// </summary>
public class PluginHotReloadTests : IAsyncLifetime
{
    private sealed class App : SystemSiteApp
    {
        public string Plugins { get; } = Path.Combine(Path.GetTempPath(), "engine-hot-plugins", Guid.NewGuid().ToString("N"));
        protected override string PluginsPath => Plugins;
        protected override string Environment => "Development";

        public App()
        {
            Directory.CreateDirectory(Plugins);
            var tenant = Tenant("beta", "Beta Care Voices", ["beta.test"], anonymous: true, downVotes: true);
            tenant["rules"] = new { voting = new { rule = "budget", settings = new { votes = 1 } } };
            WriteTenant("beta", tenant);
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Engine:PluginHotReload", "true");
            builder.UseSetting("Engine:PluginScanInterval", "00:00:00.200");
        }
    }

    private readonly App _app = new();
    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        try { Directory.Delete(_app.Plugins, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task A_plugin_dropped_in_while_running_is_used_without_a_restart()
    {
        using var member = _app.Visit("beta.test");
        await member.RegisterAsync(TestEmail.Unique("m"));
        var first = await member.PostIdeaAsync(title: "First idea for the budget");
        var second = await member.PostIdeaAsync(title: "Second idea for the budget");
        var refused = await member.Http.PutAsJsonAsync($"api/v1/ideas/{first}/vote", new { value = 1 });
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest, "the site's voting rule is not there yet, so votes fail safe");

        CopyBudgetPlugin();

        var started = DateTime.UtcNow;
        while ((await member.Http.PutAsJsonAsync($"api/v1/ideas/{first}/vote", new { value = 1 })).StatusCode != HttpStatusCode.OK)
        {
            (DateTime.UtcNow - started).Should().BeLessThan(TimeSpan.FromSeconds(15), "the plugin should be picked up while the engine runs");
            await Task.Delay(100);
        }
        (await member.Http.PutAsJsonAsync($"api/v1/ideas/{second}/vote", new { value = 1 })).StatusCode
            .Should().Be(HttpStatusCode.BadRequest, "the budget rule of 1 vote is now in force");
    }

    [Fact]
    public async Task A_broken_update_leaves_the_version_before_serving_and_the_system_site_says_why()
    {
        var budget = CopyBudgetPlugin();
        using var admin = await _app.SystemAdministratorAsync();
        (await admin.GetPageAsync("/system")).Html.Should().Contain("id=\"plugin-budget\"");

        await File.WriteAllTextAsync(Path.Combine(budget, "bin", "Engine.Plugins.Budget.dll"), "not an assembly");
        var started = DateTime.UtcNow;
        string html;
        while (!(html = (await admin.GetPageAsync("/system")).Html).Contains("The update failed"))
        {
            (DateTime.UtcNow - started).Should().BeLessThan(TimeSpan.FromSeconds(15), "the engine should try the new build while it runs");
            await Task.Delay(100);
        }

        html.Should().Contain("could not be loaded").And.Contain("1.0.0 as loaded before keeps serving").And.Contain("id=\"plugin-budget\"");
        using var member = _app.Visit("beta.test");
        await member.RegisterAsync(TestEmail.Unique("m"));
        var first = await member.PostIdeaAsync(title: "First idea for the budget");
        var second = await member.PostIdeaAsync(title: "Second idea for the budget");
        (await member.Http.PutAsJsonAsync($"api/v1/ideas/{first}/vote", new { value = 1 })).StatusCode
            .Should().Be(HttpStatusCode.OK, "the budget plugin loaded before still decides: it was not unloaded for its broken update");
        (await member.Http.PutAsJsonAsync($"api/v1/ideas/{second}/vote", new { value = 1 })).StatusCode
            .Should().Be(HttpStatusCode.BadRequest, "and its budget of 1 vote is still in force");
    }

    /// <summary>Installs the built budget plugin into the engine's plugins folder, as an operator would.</summary>
    private string CopyBudgetPlugin()
    {
        var source = Path.Combine(TestRepository.Root, "plugins", "budget");
        var target = Path.Combine(_app.Plugins, "budget");
        Directory.CreateDirectory(Path.Combine(target, "bin"));
        foreach (var file in Directory.GetFiles(Path.Combine(source, "bin")))
            File.Copy(file, Path.Combine(target, "bin", Path.GetFileName(file)));
        File.Copy(Path.Combine(source, "plugin.json"), Path.Combine(target, "plugin.json"));
        return target;
    }
}
