using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Engine.Plugins.Loading;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Engine.Web.Tests.Containment;

/// <summary>
/// A moderation rule that asks an outside service (the test-only classifier plugin) does so through the HttpClient the
/// engine gives its plugin, within the rule budget: an answer decides, no answer in time or a failure holds the post.
/// The outside service is a stub server started by the test, on a port of 127.0.0.1.
/// </summary>
public class OutsideServiceModerationTests(OutsideServiceModerationTests.App app) : IClassFixture<OutsideServiceModerationTests.App>
{
    public sealed class App : EngineApp
    {
        private readonly WebApplication _classifier;

        /// <summary>What the stub was sent, and the plugin header each request carried ("" for none).</summary>
        public ConcurrentQueue<(string Text, string Plugin)> Asked { get; } = new();

        protected override string PluginsPath => Path.Combine(TestRepository.Root, "tests", "TestPlugins");

        public App()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            _classifier = builder.Build();
            _classifier.MapPost("/answers", async (HttpRequest request) =>
            {
                var text = (await request.ReadFromJsonAsync<JsonElement>()).GetProperty("text").GetString()!;
                Asked.Enqueue((text, request.Headers["X-Engine-Plugin"].ToString()));
                return Results.Json(new { toxic = text.Contains("awful", StringComparison.OrdinalIgnoreCase) });
            });
            // Would publish, but only long after the budget: a held post can only come from the time limit.
            _classifier.MapPost("/slowly", async (CancellationToken aborted) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(30), aborted);
                return Results.Json(new { toxic = false });
            });
            _classifier.MapPost("/fails", () => Results.StatusCode(StatusCodes.Status500InternalServerError));
            _classifier.StartAsync().GetAwaiter().GetResult();
            var address = _classifier.Urls.Single();

            foreach (var (site, path) in new[] { ("answers", "answers"), ("slow", "slowly"), ("failing", "fails") })
            {
                var tenant = Tenant(site, $"{site} site", [$"{site}.test"], anonymous: false, downVotes: false);
                tenant["rules"] = new { moderation = new[] { new { rule = "classifier", settings = new { url = $"{address}/{path}" } } } };
                WriteTenant(site, tenant);
            }
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            // Generous, so that a loaded machine answers in time; the slow stub answers only after 30 s.
            builder.UseSetting("Engine:RuleBudget", "00:00:03");
            // As an operator would configure the plugin's own client: the stub sees the header only if the engine used it.
            builder.ConfigureServices(s => s.AddHttpClient(PluginCatalog.HttpClientName("classifier"),
                c => c.DefaultRequestHeaders.Add("X-Engine-Plugin", "classifier")));
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            await _classifier.DisposeAsync();
        }
    }

    private async Task<HttpResponseMessage> PostAsync(string site, string title, string body)
    {
        using var member = app.Visit($"{site}.test");
        await member.RegisterAsync(TestEmail.Unique(), "Pat Example");
        return await member.Http.PostAsJsonAsync("api/v1/challenges/waiting-well/ideas", new { title, body, anonymous = false });
    }

    private static async Task HeldAsync(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var held = await response.Content.ReadFromJsonAsync<JsonElement>();
        held.GetProperty("moderation").GetString().Should().Be("held");
    }

    [Fact]
    public async Task The_services_answer_decides_and_it_is_asked_through_the_plugins_own_http_client()
    {
        var fine = await PostAsync("answers", "Evening phlebotomy clinics", "So people need not take time off work.");
        fine.StatusCode.Should().Be(HttpStatusCode.Created, await fine.Content.ReadAsStringAsync());
        await HeldAsync(await PostAsync("answers", "This ward is awful", "Everyone there is awful."));

        app.Asked.Should().Contain(("Evening phlebotomy clinics\nSo people need not take time off work.", "classifier"))
            .And.Contain(("This ward is awful\nEveryone there is awful.", "classifier"));
    }

    [Fact]
    public async Task No_answer_within_the_budget_holds_the_post_for_a_moderator()
    {
        await HeldAsync(await PostAsync("slow", "Waiting room water fountains", "People wait for hours."));
        var failures = app.Services.GetRequiredService<Engine.Plugins.Rules.RuleContainment>().FailuresOf("classifier");
        failures.Should().NotBeNull();
        failures!.LastMessage.Should().Contain("did not answer within its budget of 3000 ms");
    }

    [Fact]
    public async Task A_service_that_fails_holds_the_post_for_a_moderator()
    {
        await HeldAsync(await PostAsync("failing", "Clearer signs to the clinic", "The signs are confusing."));
        app.Services.GetRequiredService<Engine.Plugins.Rules.RuleContainment>().FailuresOf("classifier")!.LastMessage
            .Should().Contain("threw HttpRequestException");
    }
}
