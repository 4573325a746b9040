using System.Net;
using System.Net.Http.Json;
using Engine.Web.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace Engine.Web.Tests;

/// <summary>Tenant folders added, changed, broken and removed while the engine runs. Each test has its own engine.</summary>
public class HotReloadTests : IAsyncLifetime
{
    private readonly EngineApp _app = new();
    // The engine rescans every 100 ms here (about a second in production); the tests allow far longer so that
    // a loaded 2-core machine cannot fail them: they prove a change is picked up while running, not how fast.
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    public Task InitializeAsync()
    {
        _app.Visit("alpha.test").Dispose(); // start the server
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>Polls until the condition holds, failing if it takes longer than the deadline.</summary>
    private static async Task Within(TimeSpan deadline, Func<Task<bool>> condition, string what)
    {
        var started = DateTime.UtcNow;
        while (!await condition())
        {
            if (DateTime.UtcNow - started > deadline) throw new TimeoutException($"{what} did not happen within {deadline.TotalSeconds} s");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task A_tenant_folder_added_while_running_is_served_while_running()
    {
        using var visitor = _app.Visit("delta.test");
        (await visitor.GetPageAsync("/")).Status.Should().Be(HttpStatusCode.NotFound);
        _app.WriteTenant("delta", EngineApp.Tenant("delta", "Delta Newcomers", ["delta.test"], false, false));
        await Within(Deadline, async () => (await visitor.GetPageAsync("/")).Status == HttpStatusCode.OK, "serving the new tenant");
        (await visitor.GetPageAsync("/")).Html.Should().Contain("Delta Newcomers").And.Contain("Waiting well");
    }

    [Fact]
    public async Task A_switch_changed_in_tenant_json_takes_effect_while_running()
    {
        using var visitor = _app.Visit("alpha.test");
        await visitor.RegisterAsync(TestEmail.Unique("m"));
        var id = await visitor.PostIdeaAsync();
        (await visitor.Http.PutAsJsonAsync($"api/v1/ideas/{id}/vote", new { value = -1 })).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        _app.WriteTenant("alpha", EngineApp.Tenant("alpha", "Alpha Health Ideas", ["alpha.test"], anonymous: false, downVotes: true));
        await Within(Deadline, async () =>
            (await visitor.Http.PutAsJsonAsync($"api/v1/ideas/{id}/vote", new { value = -1 })).StatusCode == HttpStatusCode.OK, "thumbs-down turning on");
    }

    [Fact]
    public async Task A_tenant_folder_removed_while_running_stops_being_served_while_running()
    {
        using var visitor = _app.Visit("beta.test");
        (await visitor.GetPageAsync("/")).Status.Should().Be(HttpStatusCode.OK);
        Directory.Delete(Path.Combine(_app.TenantsPath, "beta"), recursive: true);
        await Within(Deadline, async () => (await visitor.GetPageAsync("/")).Status == HttpStatusCode.NotFound, "removing the tenant");
    }

    [Fact]
    public async Task A_malformed_tenant_json_keeps_that_tenant_offline_reports_file_and_line_and_others_keep_serving()
    {
        using var alpha = _app.Visit("alpha.test");
        using var beta = _app.Visit("beta.test");
        _app.WriteTenantJson("beta", "{\n  \"id\": \"beta\",\n  \"name\": \"Beta\",\n  \"hosts\": [\"beta.test\"\n}");
        await Within(Deadline, async () => (await beta.GetPageAsync("/")).Status == HttpStatusCode.NotFound, "taking the broken tenant offline");

        (await alpha.GetPageAsync("/")).Status.Should().Be(HttpStatusCode.OK);
        var problem = _app.Services.GetRequiredService<TenantRegistry>().Current.Problems.Single();
        problem.File.Should().EndWith(Path.Combine("beta", "tenant.json"));
        problem.Line.Should().Be(5);

        _app.WriteTenant("beta", EngineApp.Tenant("beta", "Beta Care Voices", ["beta.test"], true, true));
        await Within(Deadline, async () => (await beta.GetPageAsync("/")).Status == HttpStatusCode.OK, "bringing the fixed tenant back");
        _app.Services.GetRequiredService<TenantRegistry>().Current.Problems.Should().BeEmpty();
    }

    [Fact]
    public async Task A_challenge_added_to_tenant_json_appears_on_the_site()
    {
        using var visitor = _app.Visit("alpha.test");
        var tenant = EngineApp.Tenant("alpha", "Alpha Health Ideas", ["alpha.test"], false, false);
        tenant["challenges"] = ((object[])tenant["challenges"]!).Append(new { slug = "brand-new", title = "A brand new challenge", description = "d" }).ToArray();
        _app.WriteTenant("alpha", tenant);
        await Within(Deadline, async () => (await visitor.GetPageAsync("/challenges/brand-new")).Status == HttpStatusCode.OK, "the new challenge appearing");
    }

    [Fact]
    public async Task A_template_added_to_a_tenants_overrides_folder_is_served_while_running()
    {
        using var alpha = _app.Visit("alpha.test");
        using var beta = _app.Visit("beta.test");
        (await alpha.GetPageAsync("/")).Html.Should().NotContain("Alpha's own welcome");
        var overrides = Path.Combine(_app.TenantsPath, "alpha", "overrides");
        Directory.CreateDirectory(overrides);
        await File.WriteAllTextAsync(Path.Combine(overrides, "index.sbn-html"), "<h1>Alpha's own welcome</h1>");
        await Within(Deadline, async () => (await alpha.GetPageAsync("/")).Html.Contains("Alpha's own welcome"), "the override being served");

        await File.WriteAllTextAsync(Path.Combine(overrides, "index.sbn-html"), "<h1>Alpha's second welcome</h1>");
        await Within(Deadline, async () => (await alpha.GetPageAsync("/")).Html.Contains("Alpha's second welcome"), "the changed override being served");
        (await beta.GetPageAsync("/")).Html.Should().NotContain("Alpha", "another tenant on the same theme keeps its own pages");
    }
}
