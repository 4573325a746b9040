using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Engine.Plugins.Rules;

/// <summary>A rule (or only its labels, when <paramref name="Labels"/>) switched off for a tenant after repeated failures: until when, and why.</summary>
public sealed record SwitchedOffRule(string TenantId, string PluginId, string Rule, DateTimeOffset Until, string Why, bool Labels = false)
{
    /// <summary>As admins read it, on their dashboard and rules page and on the system site.</summary>
    public string Describe() => Labels
        ? $"the labels of rule '{Rule}' of plugin '{PluginId}' are switched off until {Until:u}, then tried again (meanwhile ideas show no label; votes keep working): {Why}."
        : $"rule '{Rule}' of plugin '{PluginId}' is switched off until {Until:u}, then tried again (meanwhile it fails safe: votes refused, contributions held, anonymous posts refused): {Why}.";
}

/// <summary>
/// One plugin rule as one tenant uses it: a circuit breaker and a throttled log. A rule that fails
/// <see cref="RuleContainmentOptions.FailuresToSwitchOff"/> times in a row is switched off for the tenant (its callers
/// fail safe without calling it) for the cool-down; then one call is let through as a trial: if it succeeds the rule is
/// switched on again, if not it stays off for another cool-down. A voting rule's labels have a circuit of their own
/// (<paramref name="labels"/>): a label that keeps failing leaves ideas unlabelled, never voting switched off.
/// </summary>
public sealed class RuleCircuit(RuleContainment containment, string tenantId, string pluginId, string rule, bool labels = false)
{
    private readonly RuleContainment _containment = containment;
    private readonly object _gate = new();
    private volatile bool _on = true;
    private int _failuresInARow;
    private DateTimeOffset _offUntil;
    private string _why = "";
    private bool _trialRunning;
    private DateTimeOffset _loggedAt = DateTimeOffset.MinValue;
    private int _notLogged;

    public string TenantId { get; } = tenantId;
    public string PluginId { get; } = pluginId;
    public string Rule { get; } = rule;
    public bool Labels { get; } = labels;

    // What the log calls it: the rule, or only its labels.
    private string What => Labels ? $"{Rule} (labels)" : Rule;

    public SwitchedOffRule? SwitchedOff
    {
        get { lock (_gate) return _on ? null : new SwitchedOffRule(TenantId, PluginId, Rule, _offUntil, _why, Labels); }
    }

    /// <summary>Calls the rule on a thread of its plugin's, within the budget; a failure is a <see cref="RuleFailedException"/>.</summary>
    public T Run<T>(Func<T> call)
    {
        if (!MayCall(trialAllowed: true)) throw SwitchedOffFailure();
        return Outcome(_containment.CallsTo(PluginId).Run(call, _containment.Budget));
    }

    /// <summary>Awaits an asynchronous call to the rule within the budget, then cancels it; a failure (no answer in time too) is a <see cref="RuleFailedException"/>.</summary>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellation)
    {
        if (!MayCall(trialAllowed: true)) throw SwitchedOffFailure();
        return Outcome(await _containment.CallsTo(PluginId).RunAsync(call, _containment.Budget, cancellation));
    }

    private T Outcome<T>((T? Result, string? Failure, Exception? Error) call)
    {
        if (call.Failure is null)
        {
            Succeeded();
            return call.Result!;
        }
        Failed(call.Failure, call.Error);
        throw new RuleFailedException(PluginId, Rule, call.Failure);
    }

    /// <summary>
    /// Calls the rule on this thread: for ranking scores, called once per idea, whose caller puts the budget around the
    /// whole page. Their failures count; a switched-off rule is not called, and its trial is left to a full call.
    /// </summary>
    public T Inline<T>(Func<T> call)
    {
        if (!MayCall(trialAllowed: false)) throw SwitchedOffFailure();
        var started = Stopwatch.GetTimestamp();
        T result;
        try { result = call(); }
        catch (Exception e)
        {
            Failed($"threw {e.GetType().Name} while ranking", e);
            throw;
        }
        if (Stopwatch.GetElapsedTime(started) > _containment.Budget)
            Failed($"took longer than its budget of {_containment.Budget.TotalMilliseconds} ms while ranking", null);
        return result;
    }

    private RuleFailedException SwitchedOffFailure()
    {
        lock (_gate) return new RuleFailedException(PluginId, Rule, $"is switched off for this site until {_offUntil:u} ({_why})");
    }

    private bool MayCall(bool trialAllowed)
    {
        if (_on) return true;
        lock (_gate)
        {
            if (_on) return true;
            if (!trialAllowed || _trialRunning || _containment.Clock.GetUtcNow() < _offUntil) return false;
            _trialRunning = true;
            return true;
        }
    }

    private void Succeeded()
    {
        if (_on && Volatile.Read(ref _failuresInARow) == 0) return;
        lock (_gate)
        {
            _failuresInARow = 0;
            if (!_trialRunning) return;
            _trialRunning = false;
            _on = true;
            _containment.Logger.LogInformation("Plugin {PluginId} rule {Rule} is switched on again for tenant {TenantId}: its trial call succeeded",
                PluginId, What, TenantId);
        }
    }

    private void Failed(string failure, Exception? error)
    {
        _containment.Record(PluginId, $"rule '{Rule}' {failure}");
        var options = _containment.Options;
        var now = _containment.Clock.GetUtcNow();
        lock (_gate)
        {
            LogThrottled(failure, error, now, options.LogRepeatsEvery);
            _failuresInARow++;
            if (_trialRunning)
            {
                _trialRunning = false;
                SwitchOff(now, $"its trial call after the cool-down {failure}");
            }
            else if (_on && _failuresInARow >= options.FailuresToSwitchOff)
                SwitchOff(now, $"it failed {_failuresInARow} times in a row; the last time it {failure}");
        }
    }

    private void SwitchOff(DateTimeOffset now, string why)
    {
        _on = false;
        _offUntil = now + _containment.Options.CoolDown;
        _why = why;
        _containment.Logger.LogWarning("Plugin {PluginId} rule {Rule} is switched off for tenant {TenantId} until {Until:u}, failing safe meanwhile: {Why}",
            PluginId, What, TenantId, _offUntil, why);
    }

    // One line per interval however often the rule fails, so a failing rule cannot flood the log; the count is kept.
    private void LogThrottled(string failure, Exception? error, DateTimeOffset now, TimeSpan every)
    {
        if (now - _loggedAt < every)
        {
            _notLogged++;
            return;
        }
        if (_notLogged == 0)
            _containment.Logger.LogError(error, "Plugin {PluginId} rule {Rule} {Failure} (tenant {TenantId})", PluginId, What, failure, TenantId);
        else
            _containment.Logger.LogError(error, "Plugin {PluginId} rule {Rule} {Failure} (tenant {TenantId}); it also failed {NotLogged} more times since {Since:u}, not logged",
                PluginId, What, failure, TenantId, _notLogged, _loggedAt);
        _loggedAt = now;
        _notLogged = 0;
    }
}
