using System.Net.Http.Json;
using System.Text.Json;
using Engine.Core.Members;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Engine.Web.Tests;

public class SeedingTests
{
    private sealed class App(string environment) : EngineApp
    {
        protected override string Environment => environment;
        protected override bool SeedDemoData => true;
    }

    [Fact]
    public async Task Development_seeds_demo_content_and_an_admin_with_a_fresh_random_password()
    {
        await using var app = new App("Development");
        using var visitor = app.Visit("beta.test");
        var stats = await visitor.Http.GetFromJsonAsync<JsonElement>("api/v1/stats");
        stats.GetProperty("ideas").GetInt32().Should().BeGreaterThan(0);
        stats.GetProperty("votes").GetInt32().Should().BeGreaterThan(0);
        stats.GetProperty("comments").GetInt32().Should().BeGreaterThan(0);

        var members = app.Services.GetRequiredService<IMemberStore>();
        var admin = await members.FindByEmailAsync("beta", "ADMIN@BETA.EXAMPLE");
        admin!.Role.Should().Be(Roles.Admin);
        var hasher = app.Services.GetRequiredService<IPasswordHasher<Member>>();
        foreach (var guess in new[] { "", "admin", "password", "Password1!" })
            hasher.VerifyHashedPassword(admin, admin.PasswordHash!, guess).Should().Be(PasswordVerificationResult.Failed);
    }

    [Fact]
    public async Task Production_never_seeds_even_when_asked()
    {
        await using var app = new App("Production");
        using var visitor = app.Visit("beta.test");
        (await visitor.Http.GetStringAsync("api/v1/stats")).Should().Be("""{"people":0,"ideas":0,"comments":0,"votes":0,"interactions":0,"importedIdeas":0,"importedComments":0,"sources":0}""");
        (await app.Services.GetRequiredService<IMemberStore>().FindByEmailAsync("beta", "ADMIN@BETA.EXAMPLE")).Should().BeNull();
    }
}
