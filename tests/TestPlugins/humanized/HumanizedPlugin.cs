using System.Reflection;
using Engine.Sdk;
using Humanizer;

namespace Engine.TestPlugins.Humanized;

/// <summary>A plugin with a private dependency at another version than the engine's, which reports the version it runs with.</summary>
public sealed class HumanizedPlugin : IPlugin
{
    public void Register(IRuleRegistrar rules) => rules.AddVotingRule("humanized-votes", _ => new HumanizedVotes());
}

public sealed class HumanizedVotes : IVotingRule
{
    public VoteDecision Decide(VoteRequest request) => VoteDecision.Accepted;
    public double TopScore(IdeaTally idea) => idea.Up - idea.Down;
    public double TrendingScore(IdeaTally idea, DateTimeOffset now) => idea.Up - idea.Down;

    /// <summary>"three votes left (Humanizer 2.14.1)": the version is the Humanizer this plugin was handed.</summary>
    public string? Allowance(MemberVotes votes) => $"{"vote".ToQuantity(3, ShowQuantityAs.Words)} left (Humanizer {HumanizerVersion})";

    private static string HumanizerVersion =>
        typeof(InflectorExtensions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];
}
