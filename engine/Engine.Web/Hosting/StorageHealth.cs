using Engine.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Engine.Web.Hosting;

/// <summary>
/// Whether the store is saving: an outage starts with the first write it refuses (disk full or read-only,
/// PostgreSQL unreachable) and ends with the next commit. The operators hear of it twice, not once per
/// request: one error with the cause when it starts, one line when the engine saves again. /healthz says
/// Degraded meanwhile, still with 200: reads are served, so a load balancer should keep the node, and a
/// restart would not fix the disk or the database server.
/// </summary>
public sealed class StorageHealth(Database database, TimeProvider time, ILogger<StorageHealth> logger) : BackgroundService, IHealthCheck
{
    /// <summary>How soon the end of an outage is logged when nothing asks /healthz.</summary>
    private static readonly TimeSpan Watch = TimeSpan.FromSeconds(5);

    private readonly Lock _lock = new();
    private Outage? _outage;

    private sealed class Outage(DateTimeOffset since, string code, long commits)
    {
        public DateTimeOffset Since { get; } = since;
        public string Code { get; } = code;
        public long CommitsBefore { get; } = commits;
        public int Refused { get; set; }
    }

    /// <summary>A request was refused (503) because the store could not write.</summary>
    public void Refused(Exception cause, HttpContext context) =>
        Failed(cause, $"{context.Request.Method} {context.Request.Path.Value}", request: true);

    /// <summary>The engine's own work (not a request) could not be stored; it tries again later.</summary>
    public void CouldNotStore(Exception cause, string what) => Failed(cause, what, request: false);

    private void Failed(Exception cause, string what, bool request)
    {
        lock (_lock)
        {
            EndIfSaving();
            if (_outage is not null)
            {
                if (request) _outage.Refused++;
                logger.LogDebug("Storage still cannot write ({StorageErrorCode}): {What} failed", DbErrors.Code(cause), what);
                return;
            }
            _outage = new Outage(time.GetUtcNow(), DbErrors.Code(cause), database.Commits) { Refused = request ? 1 : 0 };
            logger.LogError(cause, "Storage cannot write ({StorageErrorCode}: {StorageMessage}) on {Database}, first noticed {What}: requests that save anything are refused with 503 and nothing was saved. The engine saves again by itself once the cause is fixed",
                _outage.Code, cause.Message, database.Describe, what);
        }
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        lock (_lock)
        {
            EndIfSaving();
            return Task.FromResult(_outage is null
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Degraded($"Storage cannot write since {_outage.Since:u} ({_outage.Code}); {_outage.Refused} requests refused"));
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(Watch, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
                lock (_lock) EndIfSaving();
        }
        catch (OperationCanceledException) { /* shutting down */ }
    }

    // A commit since the outage began means writes are saved again.
    private void EndIfSaving()
    {
        if (_outage is null || database.Commits == _outage.CommitsBefore) return;
        logger.LogInformation("Storage saves again ({Database}) after {Duration} with nothing saved; {Refused} requests were refused meanwhile",
            database.Describe, time.GetUtcNow() - _outage.Since, _outage.Refused);
        _outage = null;
    }
}
