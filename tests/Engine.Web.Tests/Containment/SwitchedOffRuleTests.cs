using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Engine.Core.Members;
using Engine.Web.Tests.SystemAdmin;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Engine.Web.Tests.Containment;

/// <summary>
/// A rule that fails repeatedly is switched off for its tenant (the circuit breaker), its admins and the system site see it
/// and why, and after the cool-down one trial call decides whether it comes back. The log names the plugin and the rule
/// and is throttled.
/// </summary>
public class SwitchedOffRuleTests(SwitchedOffRuleTests.App app) : IClassFixture<SwitchedOffRuleTests.App>
{
    public static readonly TimeSpan CoolDown = TimeSpan.FromMinutes(10);
    private const int FailuresToSwitchOff = 3;

    public sealed class App : EngineApp
    {
        /// <summary>Stands still until the test moves it past a cool-down.</summary>
        public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);
        public LogCapture Log { get; } = new();

        protected override string PluginsPath => Path.Combine(TestRepository.Root, "tests", "TestPlugins");

        public App()
        {
            // The unreliable rule throws on thumbs-down votes and accepts thumbs-up: the test turns its failures on and off.
            var unreliable = Tenant("unreliable", "Unreliable site", ["unreliable.test"], anonymous: false, downVotes: true);
            unreliable["rules"] = new { voting = new { rule = "unreliable-vote" } };
            WriteTenant("unreliable", unreliable);
            var throwing = Tenant("throwing", "Throwing site", ["throwing.test"], anonymous: false, downVotes: false);
            throwing["rules"] = new { voting = new { rule = "throwing-vote" } };
            WriteTenant("throwing", throwing);
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Engine:RuleContainment:FailuresToSwitchOff", FailuresToSwitchOff.ToString());
            builder.UseSetting("Engine:RuleContainment:CoolDown", CoolDown.ToString("c"));
            builder.UseSetting("Engine:System:Hosts:0", SystemAdminTests.Host);
            builder.UseSetting("Engine:System:BootstrapEmail", SystemAdminTests.Email);
            builder.UseSetting("Engine:System:BootstrapPassword", SystemAdminTests.Password);
            builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock).AddSingleton<ILoggerProvider>(Log));
        }
    }

    private static Task<HttpResponseMessage> Vote(Visitor v, long idea, int value) => PluginRulesTests.Vote(v, idea, value);

    private static Task<string> Refusal(HttpResponseMessage response) => PluginRulesTests.Refusal(response);

    [Fact]
    public async Task A_rule_that_fails_repeatedly_is_switched_off_for_its_tenant_shown_to_admins_and_tried_again_after_the_cool_down()
    {
        var (member, _) = await app.MemberAsync("unreliable.test", Roles.Member);
        using var _member = member;
        var idea = await member.PostIdeaAsync();
        (await Vote(member, idea, 1)).StatusCode.Should().Be(HttpStatusCode.OK, "the rule accepts thumbs-up");

        await FailAsync(member, idea);
        (await Refusal(await Vote(member, idea, 1))).Should().Contain("not counted",
            "switched off, the rule is not called and the vote is refused, though the rule would accept it");
        using var neighbour = app.Visit("alpha.test");
        await neighbour.RegisterAsync(TestEmail.Unique("n"));
        (await Vote(neighbour, await neighbour.PostIdeaAsync(), 1)).StatusCode.Should().Be(HttpStatusCode.OK, "only that tenant is affected");

        var (admin, _) = await app.MemberAsync("unreliable.test", Roles.Admin, "Ada Min");
        using var _admin = admin;
        var rules = (await admin.GetPageAsync("/admin/settings/rules")).Html;
        rules.Should().Contain("Rules switched off after failing repeatedly").And.Contain("unreliable-vote")
            .And.Contain($"failed {FailuresToSwitchOff} times in a row").And.Contain("threw InvalidOperationException");
        (await admin.GetPageAsync("/admin")).Html.Should().Contain("is switched off until");
        (await SystemProblems("unreliable")).Should().Contain(p => p.Contains("'unreliable-vote' of plugin 'misbehaving' is switched off"));
        (await SystemProblems("alpha")).Should().BeEmpty();

        // The trial call after the cool-down fails: switched off again, for another cool-down.
        app.Clock.Advance(CoolDown + TimeSpan.FromSeconds(1));
        (await Refusal(await Vote(member, idea, -1))).Should().Contain("not counted");
        (await Refusal(await Vote(member, idea, 1))).Should().Contain("not counted", "the failed trial switched it off again");
        (await admin.GetPageAsync("/admin/settings/rules")).Html.Should().Contain("its trial call after the cool-down threw InvalidOperationException");

        // The trial call after the next cool-down succeeds: switched on again.
        app.Clock.Advance(CoolDown + TimeSpan.FromSeconds(1));
        (await Vote(member, idea, 1)).StatusCode.Should().Be(HttpStatusCode.OK, "the trial call succeeded");
        (await Vote(member, idea, 1)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await admin.GetPageAsync("/admin/settings/rules")).Html.Should().NotContain("Rules switched off");
        (await SystemProblems("unreliable")).Should().NotContain(p => p.Contains("switched off"));
    }

    [Fact]
    public async Task Failures_are_logged_naming_the_plugin_and_rule_once_per_interval_and_every_one_is_counted_on_the_system_site()
    {
        using var member = app.Visit("throwing.test");
        await member.RegisterAsync(TestEmail.Unique("t"));
        var idea = await member.PostIdeaAsync();
        for (var i = 0; i < FailuresToSwitchOff - 1; i++)
            (await Refusal(await Vote(member, idea, 1))).Should().Contain("not counted");
        (await member.GetPageAsync("/challenges/waiting-well?sort=top")).Status.Should().Be(HttpStatusCode.OK, "ranking falls back to the built-in order");

        // The lines themselves (an exception's stack trace, logged with the first, shows the plugin's own frames and the engine's).
        var lines = app.Log.Entries.Select(e => $"{e.Level} {e.Message}").ToList();
        lines.Where(l => l.Contains("throwing-vote")).Should().NotBeEmpty().And.OnlyContain(l => l.Contains("misbehaving"));
        lines.Should().NotContain(l => l.Contains("Guarded"), "log lines name the plugin and rule, never the engine's wrapper");
        lines.Where(l => l.StartsWith("Error") && l.Contains("rule throwing-vote threw")).Should().ContainSingle(
            "the rule failed twice in votes and once in ranking within a minute: logged once");

        var failures = (await SystemOverview()).GetProperty("plugins").EnumerateArray().Single(p => p.GetProperty("id").GetString() == "misbehaving");
        failures.GetProperty("failures").GetInt32().Should().BeGreaterThanOrEqualTo(FailuresToSwitchOff, "every failure is counted, logged or not");
    }

    private async Task FailAsync(Visitor member, long idea)
    {
        for (var i = 0; i < FailuresToSwitchOff; i++)
            (await Refusal(await Vote(member, idea, -1))).Should().Contain("not counted");
    }

    private async Task<JsonElement> SystemOverview()
    {
        using var system = app.Visit(SystemAdminTests.Host);
        var token = await system.Http.PostAsJsonAsync("api/v1/account/tokens", new { email = SystemAdminTests.Email, password = SystemAdminTests.Password });
        system.Http.DefaultRequestHeaders.Authorization = new("Bearer", (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString());
        return await system.Http.GetFromJsonAsync<JsonElement>("api/v1/system/tenants");
    }

    private async Task<List<string>> SystemProblems(string tenant) =>
        (await SystemOverview()).GetProperty("tenants").EnumerateArray().Single(t => t.GetProperty("id").GetString() == tenant)
            .GetProperty("problems").EnumerateArray().Select(p => p.GetString()!).ToList();
}
