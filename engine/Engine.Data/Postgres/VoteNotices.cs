using Microsoft.Extensions.Logging;

namespace Engine.Data.Postgres;

/// <summary>
/// Tells the other nodes of committed votes once per window, for every tenant that had votes in it, instead
/// of once per commit. In a vote storm at 8 connections a NOTIFY in every group's commit cost about a quarter of the
/// votes a second (each wakes a listening server process and every node's listener): measured in bench/analysis.md, §6.
/// The price is that another node hears of a vote up to one window after its commit, not at once. Votes only: any other
/// change is still announced in its own commit, because other nodes keep settings and members across votes.
/// A notice is sent after the votes it announces committed, never before, so a node that hears it and reads again
/// cannot miss them.
/// </summary>
internal sealed class VoteNotices(TimeSpan window, Func<string[], CancellationToken, Task> send, ILogger logger) : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly HashSet<string> _waiting = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private Task _flush = Task.CompletedTask;
    private bool _scheduled;

    /// <summary>Votes of <paramref name="tenantIds"/> committed: other nodes hear of them within the window.</summary>
    public void Committed(IEnumerable<string> tenantIds)
    {
        lock (_lock)
        {
            _waiting.UnionWith(tenantIds);
            if (_scheduled || _waiting.Count == 0 || _stop.IsCancellationRequested) return;
            _scheduled = true;
            _flush = FlushAfterWindowAsync();
        }
    }

    private async Task FlushAfterWindowAsync()
    {
        try
        {
            await Task.Delay(window, _stop.Token);
        }
        catch (OperationCanceledException)
        {
            return; // stopping: DisposeAsync sends what waits
        }
        await FlushAsync(_stop.Token);
    }

    private async Task FlushAsync(CancellationToken ct)
    {
        string[] tenants;
        lock (_lock)
        {
            tenants = [.. _waiting];
            _waiting.Clear();
            _scheduled = false;
        }
        if (tenants.Length == 0) return;
        try
        {
            await send(tenants, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            lock (_lock) _waiting.UnionWith(tenants); // stopping: DisposeAsync sends them
        }
        catch (Exception e)
        {
            // The votes are kept; only the other nodes' copies go stale, until their own time limits drop them or the
            // next notice gets through. Tried again with the next votes' notice rather than in a loop against a server
            // that is away.
            logger.LogWarning(e, "Could not tell the other engine nodes of votes in {Tenants} tenants", tenants.Length);
            lock (_lock) _waiting.UnionWith(tenants);
        }
    }

    /// <summary>Sends what is waiting at once (even a send cut off by stopping), then takes no more.</summary>
    public async ValueTask DisposeAsync()
    {
        Task flush;
        lock (_lock) flush = _flush;
        await _stop.CancelAsync();
        await flush;
        await FlushAsync(CancellationToken.None);
        _stop.Dispose();
    }
}
