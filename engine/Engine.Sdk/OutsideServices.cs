namespace Engine.Sdk;

/// <summary>
/// A moderation rule that asks a service outside the engine (a toxicity classifier, say) before it decides (SDK 1.3).
/// Register it with <see cref="IRuleRegistrar.AddModerationRule"/> like any other. The engine awaits
/// <see cref="CheckAsync"/> for at most the rule budget (Engine:RuleBudget, 1 second unless the operator changes it),
/// then cancels <c>cancellation</c>; no answer in time, like a failure, holds the contribution for a moderator.
/// Make every outside call with a client from <see cref="RuleSettings.CreateHttpClient"/> and pass it the token.
/// </summary>
public interface IAsyncModerationRule : IModerationRule
{
    Task<ModerationDecision> CheckAsync(Contribution contribution, CancellationToken cancellation);

    // The engine always awaits CheckAsync; this is for callers that can only wait, such as a unit test of the rule.
    ModerationDecision IModerationRule.Check(Contribution contribution) => CheckAsync(contribution, CancellationToken.None).GetAwaiter().GetResult();
}

public sealed partial class RuleSettings
{
    private static readonly HttpClient Unconfigured = new();

    /// <summary>
    /// An HttpClient for calls to services outside the engine (SDK 1.3): in the engine, its named client for this plugin
    /// (<c>Engine.Plugins.{plugin id}</c>, from IHttpClientFactory, which an operator can configure: a proxy, a timeout,
    /// a header). Ask for one when you make a call rather than keeping one for ever: the factory pools the connections
    /// and renews them. Outside the engine (a unit test's own settings) it is one plain shared HttpClient, unless the
    /// test gives its own: <c>new RuleSettings(values) { CreateHttpClient = () => new HttpClient(stub) }</c>.
    /// </summary>
    public Func<HttpClient> CreateHttpClient { get; init; } = () => Unconfigured;
}
