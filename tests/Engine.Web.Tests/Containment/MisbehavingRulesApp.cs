using Microsoft.AspNetCore.Hosting;

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

    protected MisbehavingRulesApp(string site, object voting)
    {
        var tenant = Tenant(site, $"{site} site", [$"{site}.test"], anonymous: false, downVotes: false);
        tenant["rules"] = new { voting };
        WriteTenant(site, tenant);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Engine:RuleBudget", "00:00:00.200");
        builder.UseSetting("Engine:RuleContainment:CallsPerPlugin", CallsPerPlugin.ToString());
        builder.UseSetting("Engine:RuleContainment:FailuresToSwitchOff", "1000000");
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
