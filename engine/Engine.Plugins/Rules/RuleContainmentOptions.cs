namespace Engine.Plugins.Rules;

/// <summary>How the engine contains plugin rules that misbehave (Engine:RuleContainment). The time budget itself is Engine:RuleBudget.</summary>
public sealed class RuleContainmentOptions
{
    /// <summary>
    /// At most this many calls into one plugin run at once. A thread that runs plugin code cannot be stopped, so a rule
    /// that hangs or loops keeps its thread (and a looping one a core): once this many are still running past their
    /// budget, further calls to the plugin fail safe at once instead of starting another thread.
    /// </summary>
    public int CallsPerPlugin { get; set; } = 8;

    /// <summary>Failures in a row (throws, overruns, calls that could not start) after which a rule is switched off for that tenant.</summary>
    public int FailuresToSwitchOff { get; set; } = 5;

    /// <summary>How long a switched-off rule stays off; then one trial call decides whether it is switched on again.</summary>
    public TimeSpan CoolDown { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A rule's failures for one tenant are logged at most once in this interval; the next line says how many were not.</summary>
    public TimeSpan LogRepeatsEvery { get; set; } = TimeSpan.FromMinutes(1);
}
