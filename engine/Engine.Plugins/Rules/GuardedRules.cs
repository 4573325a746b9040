using Engine.Plugins.Loading;
using Engine.Sdk;
using Microsoft.Extensions.Logging;

namespace Engine.Plugins.Rules;

/// <summary>
/// The host's face of a plugin's voting rule. If the rule fails (or is switched off after failing repeatedly), the vote
/// is refused with a clear message; ranking falls back to the plain score so the page still shows. Its labels have a
/// circuit of their own (<paramref name="labelCircuit"/>), so a label that keeps failing never switches voting off.
/// </summary>
public sealed class GuardedVotingRule(string name, IVotingRule inner, RuleCircuit circuit, RuleCircuit labelCircuit, PluginWords? words = null) : IVotingRule
{
    /// <param name="words">The plugin's catalogues, which word its keyed refusals; none: a keyed refusal reads its key.</param>
    public GuardedVotingRule(string pluginId, string name, IVotingRule inner, TimeSpan budget, ILogger logger, PluginWords? words = null)
        : this(name, inner, RuleContainment.Alone(budget, logger), pluginId, words) { }

    private GuardedVotingRule(string name, IVotingRule inner, RuleContainment alone, string pluginId, PluginWords? words)
        : this(name, inner, alone.Circuit(RuleContainment.NoTenant, pluginId, name), alone.Circuit(RuleContainment.NoTenant, pluginId, name, labels: true), words) { }

    public string PluginId => circuit.PluginId;
    public string Name => name;
    public PluginWords? Words => words;

    internal GuardedVotingRule With(RuleCircuit other, RuleCircuit labels) => new(name, inner, other, labels, words);

    public VoteDecision Decide(VoteRequest request)
    {
        try
        {
            var decision = circuit.Run(() => inner.Decide(request));
            return decision is VoteDecision.Refuse { Text: { } text } refuse && Worded(text, words) is { } worded
                ? refuse with { Reason = worded.In(PluginWords.English), Text = worded }
                : decision;
        }
        catch (RuleFailedException)
        {
            var english = $"Voting is unavailable right now (the '{name}' rule failed), so your vote was not counted. Please try again later.";
            return new VoteDecision.Refuse(english) { Text = new EngineText("error.voting-failed", english, name) };
        }
    }

    // Scores are called once per idea while a page is ranked, so they run inline: the engine puts
    // the time budget around the whole ranking instead, and falls back to its own order if it overruns.
    public double TopScore(IdeaTally idea) => circuit.Inline(() => inner.TopScore(idea));

    public double TrendingScore(IdeaTally idea, DateTimeOffset now) => circuit.Inline(() => inner.TrendingScore(idea, now));

    public RankKey TopKey(IdeaTally idea) => circuit.Inline(() => inner.TopKey(idea));

    public RankKey TrendingKey(IdeaTally idea, DateTimeOffset now) => circuit.Inline(() => inner.TrendingKey(idea, now));

    // Read once: a rule that cannot say for certain is treated as one that looks (always correct).
    public bool UsesMemberVotes { get; } = Ask(inner);

    private static bool Ask(IVotingRule rule)
    {
        try { return rule.UsesMemberVotes; }
        catch (Exception) { return true; }
    }

    /// <summary>The allowance in English (the log's and a plugin test's reading); pages and the API word <see cref="AllowanceText"/>.</summary>
    public string? Allowance(MemberVotes votes) => English(AllowanceText(votes));

    // A keyed text carries the plugin's catalogues, to be worded in the reader's language; a rule that words its own
    // (SDK 1.3, or no catalogues) keeps its text, which no catalogue has as a key and so reads as written.
    public PluginText? AllowanceText(MemberVotes votes)
    {
        try { return WithWords(circuit.Run(() => inner.AllowanceText(votes))); }
        catch (RuleFailedException) { return null; }
    }

    // Read once: a rule that keeps the SDK's default (no label) is not called for each idea shown.
    private readonly bool _labels = DefinesLabel(inner);

    private static bool DefinesLabel(IVotingRule rule)
    {
        var map = rule.GetType().GetInterfaceMap(typeof(IVotingRule));
        bool Defines(string method) =>
            map.TargetMethods[Array.IndexOf(map.InterfaceMethods, typeof(IVotingRule).GetMethod(method)!)].DeclaringType != typeof(IVotingRule);
        return Defines(nameof(IVotingRule.Label)) || Defines(nameof(IVotingRule.LabelText));
    }

    /// <summary>The label in English; pages and the API word <see cref="LabelText"/> in the reader's language.</summary>
    public string? Label(IdeaTally idea) => English(LabelText(idea));

    // A label that fails or overruns is left off: the idea shows without one, and the circuit logs it.
    public PluginText? LabelText(IdeaTally idea)
    {
        if (!_labels) return null;
        try { return WithWords(labelCircuit.Run(() => inner.LabelText(idea))); }
        catch (RuleFailedException) { return null; }
    }

    private PluginText? WithWords(PluginText? text) => text is null ? null : Worded(text, words) ?? text;

    private static string? English(PluginText? text) => text is WordedText worded ? worded.In(PluginWords.English) : text?.Key;

    // What the engine's own log lines call it (never this wrapper's type).
    public override string ToString() => $"rule '{name}' of plugin '{PluginId}'";

    /// <summary>A plugin's keyed text with the catalogues that word it, so pages can word it in their language; English in its Reason.</summary>
    internal static WordedText? Worded(PluginText text, PluginWords? words) => words is null ? null : new WordedText(text, words);
}

/// <summary>
/// Moderation fails closed: if the rule cannot decide, the content is held for a moderator, never published unchecked.
/// A rule that asks an outside service (<see cref="IAsyncModerationRule"/>) is awaited within the budget: no answer in time holds.
/// </summary>
public sealed class GuardedModerationRule(string name, IModerationRule inner, RuleCircuit circuit, PluginWords? words = null) : IAsyncModerationRule
{
    public GuardedModerationRule(string pluginId, string name, IModerationRule inner, TimeSpan budget, ILogger logger, PluginWords? words = null)
        : this(name, inner, RuleContainment.Alone(budget, logger).Circuit(RuleContainment.NoTenant, pluginId, name), words) { }

    public string PluginId => circuit.PluginId;
    public string Name => name;

    internal GuardedModerationRule With(RuleCircuit other) => new(name, inner, other, words);

    public ModerationDecision Check(Contribution contribution)
    {
        try { return Worded(circuit.Run(() => inner.Check(contribution))); }
        catch (RuleFailedException) { return CouldNotCheck; }
    }

    public async Task<ModerationDecision> CheckAsync(Contribution contribution, CancellationToken cancellation)
    {
        if (inner is not IAsyncModerationRule outside) return Check(contribution);
        try { return Worded(await circuit.RunAsync(token => outside.CheckAsync(contribution, token), cancellation)); }
        catch (RuleFailedException) { return CouldNotCheck; }
    }

    // A keyed reason carries the plugin's catalogues: the engine stores its key, values and plugin id, and words it for each
    // reader; its Reason becomes the English, which is stored beside them for whatever cannot word it (a plugin since removed).
    private ModerationDecision Worded(ModerationDecision decision) => decision switch
    {
        ModerationDecision.Reject { Text: { } text } reject when GuardedVotingRule.Worded(text, words) is { } worded =>
            reject with { Reason = worded.In(PluginWords.English), Text = worded },
        ModerationDecision.Hold { Text: { } text } hold when GuardedVotingRule.Worded(text, words) is { } worded =>
            hold with { Reason = worded.In(PluginWords.English), Text = worded },
        _ => decision,
    };

    private ModerationDecision CouldNotCheck => Failed("admin.moderation.rule-failed", $"The moderation rule '{name}' could not check this contribution.");

    public ModerationDecision CheckReports(ReportTally reports)
    {
        try { return Worded(circuit.Run(() => inner.CheckReports(reports))); }
        catch (RuleFailedException) { return Failed("admin.moderation.rule-failed-reports", $"The moderation rule '{name}' could not check the reports."); }
    }

    private ModerationDecision Failed(string key, string english) => new ModerationDecision.Hold(english) { Text = new EngineText(key, english, name) };

    public override string ToString() => $"rule '{name}' of plugin '{PluginId}'";
}

/// <summary>An anonymity policy that fails refuses the post: nothing is stored with an author link it did not approve.</summary>
public sealed class GuardedAnonymityPolicy(string name, IAnonymityPolicy inner, RuleCircuit circuit, PluginWords? words = null) : IAnonymityPolicy
{
    public GuardedAnonymityPolicy(string pluginId, string name, IAnonymityPolicy inner, TimeSpan budget, ILogger logger, PluginWords? words = null)
        : this(name, inner, RuleContainment.Alone(budget, logger).Circuit(RuleContainment.NoTenant, pluginId, name), words) { }

    public string PluginId => circuit.PluginId;
    public string Name => name;

    internal GuardedAnonymityPolicy With(RuleCircuit other) => new(name, inner, other, words);

    public AnonymityDecision Decide(AnonymityRequest request)
    {
        try
        {
            var decision = circuit.Run(() => inner.Decide(request));
            return decision is AnonymityDecision.Refuse { Text: { } text } refuse && GuardedVotingRule.Worded(text, words) is { } worded
                ? refuse with { Reason = worded.In(PluginWords.English), Text = worded }
                : decision;
        }
        catch (RuleFailedException)
        {
            var english = $"Posting is unavailable right now (the '{name}' anonymity policy failed), so nothing was saved. Please try again later.";
            return new AnonymityDecision.Refuse(english) { Text = new EngineText("error.anonymity-failed", english, name) };
        }
    }

    public override string ToString() => $"policy '{name}' of plugin '{PluginId}'";
}
