using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Engine.Web.Tests.Containment;

/// <summary>
/// The engine with only the test plugins (the misbehaving one) and one site whose voting rule misbehaves, beside the
/// usual alpha, beta and gamma. The budget is short, at most one call into a plugin runs at once, and the circuit breaker
/// is out of reach, so that what these tests see is the bound on running calls alone (the breaker has its own test).
/// </summary>
public abstract class MisbehavingRulesApp : EngineApp
{
    public const int CallsPerPlugin = 1;

    protected override string PluginsPath => Path.Combine(TestRepository.Root, "tests", "TestPlugins");

    // What is measured is this process's threads and cores, which the store does not change; on the PostgreSQL run 200
    // requests at once would measure the shared test server's connection limit instead.
    protected override bool OnPostgresStore => false;

    private readonly string _site;

    protected MisbehavingRulesApp(string site, object voting)
    {
        _site = site;
        var tenant = Tenant(site, $"{site} site", [$"{site}.test"], anonymous: false, downVotes: false);
        tenant["rules"] = new { voting };
        WriteTenant(site, tenant);
    }

    public LogCapture Log { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(Log));
        builder.UseSetting("Engine:RuleBudget", "00:00:00.200");
        builder.UseSetting("Engine:RuleContainment:CallsPerPlugin", CallsPerPlugin.ToString());
        builder.UseSetting("Engine:RuleContainment:FailuresToSwitchOff", "1000000");
    }

    /// <summary>A member of the misbehaving site, with an idea to vote on, and a visitor of another site who has seen its home page.</summary>
    public async Task<Visitors> VisitorsAsync(string neighbourHost)
    {
        var member = Visit($"{_site}.test");
        await member.RegisterAsync(TestEmail.Unique(_site));
        var idea = await member.PostIdeaAsync();
        var neighbour = Visit(neighbourHost);
        (await neighbour.GetPageAsync("/")).Status.Should().Be(HttpStatusCode.OK);
        return new Visitors(member, idea, neighbour);
    }
}

public sealed record Visitors(Visitor Member, long Idea, Visitor Neighbour) : IDisposable
{
    /// <summary>The member votes 200 times at once while the neighbour opens a page of their site: every vote is refused, the page is served.</summary>
    public async Task VoteTwoHundredTimesAtOnceAsync()
    {
        var votes = Enumerable.Range(0, 200).Select(_ => PluginRulesTests.Vote(Member, Idea, 1)).ToList();
        var page = Neighbour.GetPageAsync("/challenges/waiting-well");
        var answered = await Task.WhenAll(votes);
        (await page).Status.Should().Be(HttpStatusCode.OK, "another site's pages answer while a rule misbehaves");
        answered.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.BadRequest, "no call to the rule returns within its budget");
    }

    public void Dispose()
    {
        Member.Dispose();
        Neighbour.Dispose();
    }
}

/// <summary>
/// Tests that count the process's threads or its busy cores run alone: another test's requests would be counted too.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideMeasurements
{
    public const string Name = "process-wide measurements";
}
