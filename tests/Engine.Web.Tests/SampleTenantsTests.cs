using System.Net;
using Engine.Themes;
using Engine.Web.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace Engine.Web.Tests;

/// <summary>The three sample sites shipped in tenants/ load cleanly and each serves with its own theme.</summary>
public class SampleTenantsTests : IAsyncLifetime
{
    private sealed class App : EngineApp
    {
        protected override string? TenantsOverride => Path.Combine(TestRepository.Root, "tenants");
    }

    private readonly App _app = new();
    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("solving-together.localhost", "Solving Together: elective care", "nhs")]
    [InlineData("london-community.localhost", "London community services: a shared vision", "london")]
    [InlineData("home4noon.localhost", "Home for noon", "nhs")]
    public async Task Each_sample_site_serves_its_pages_with_its_own_theme(string host, string name, string theme)
    {
        using var visitor = _app.Visit(host);
        var (status, html) = await visitor.GetPageAsync("/");
        status.Should().Be(HttpStatusCode.OK);
        html.Should().Contain(name);

        var registry = _app.Services.GetRequiredService<TenantRegistry>();
        registry.Current.Problems.Should().BeEmpty();
        var tenant = registry.Current.Resolve(host, "/")!;
        var result = _app.Services.GetRequiredService<ThemeEngine>().Get(tenant.Theme, Path.Combine(tenant.Folder, "overrides"));
        result.Issues.Should().BeEmpty();
        result.Theme.Name.Should().Be(theme);

        foreach (var path in new[] { "/account/signin", "/account/register", $"/challenges/{tenant.Challenges[0].Slug}" })
            (await visitor.GetPageAsync(path)).Status.Should().Be(HttpStatusCode.OK, path);
        (await visitor.Http.GetAsync("/media/logo.svg")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Solving_together_has_its_seven_challenges_and_a_closed_first_round_and_thumbs_up_only()
    {
        using var visitor = _app.Visit("solving-together.localhost");
        var tenant = _app.Services.GetRequiredService<TenantRegistry>().Current.Resolve("solving-together.localhost", "/")!;
        tenant.Challenges.Should().HaveCount(8);
        tenant.Features.DownVotes.Should().BeFalse();
        (await visitor.GetPageAsync("/")).Status.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("solving-together", "thumbs", "named")]
    [InlineData("london-community", "thumbs", "anonymous-to-public")]
    [InlineData("home4noon", "budget", "fully-anonymous")]
    public void Each_sample_site_uses_its_chosen_plugins_with_no_problems(string tenantId, string voting, string anonymity)
    {
        using var visitor = _app.Visit("solving-together.localhost");
        var tenant = _app.Services.GetRequiredService<TenantRegistry>().Current.Find(tenantId)!;
        tenant.Rules.Voting!.Rule.Should().Be(voting);
        tenant.Rules.Anonymity!.Rule.Should().Be(anonymity);
        tenant.Rules.Moderation.Should().Contain(m => m.Rule == "personal-data");
        _app.Services.GetRequiredService<Plugins.PluginRules>().ProblemsFor(tenant).Should().BeEmpty();
    }
}
