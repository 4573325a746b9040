using Engine.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Engine.Web.Hosting;

/// <summary>How long the engine keeps serving after SIGTERM, not ready, so its load balancer stops sending before it stops.</summary>
public sealed class DrainOptions
{
    /// <summary>Bound from the engine's own section: the setting is Engine:Drain.</summary>
    public const string Section = EngineOptions.Section;

    /// <summary>Engine:Drain (Engine__Drain). Zero: stop at once, as a single node with nothing in front of it may.</summary>
    public TimeSpan Drain { get; set; } = TimeSpan.Zero;
}

/// <summary>
/// Whether a load balancer should send this node requests (/healthz/ready): not while it warms up (before the host
/// has started), not while it drains (after SIGTERM), and not while its database does not answer a query. Liveness
/// (/healthz/live) is apart: a node that is draining or waiting for its database is alive, and restarting it would not
/// help. /healthz keeps saying whether the store is saving (<see cref="StorageHealth"/>).
/// On SIGTERM the host asks every lifecycle service to stop: this one waits for the drain first, with the server still
/// serving, so requests already routed here are answered while the load balancer notices the node is not ready.
/// </summary>
public sealed class Readiness(Database database, IHostApplicationLifetime lifetime, IOptions<DrainOptions> options, TimeProvider time,
    ILogger<Readiness> logger) : IHealthCheck, IHostedLifecycleService
{
    public const string Tag = "ready";
    /// <summary>A database that has not answered by then is as good as down for the requests a node would take.</summary>
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested) return HealthCheckResult.Unhealthy("Draining: this node is stopping.");
        if (!lifetime.ApplicationStarted.IsCancellationRequested) return HealthCheckResult.Unhealthy("Warming up: this node has not started yet.");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(QueryTimeout);
        try
        {
            await using var connection = database.OpenReader();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(timeout.Token);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"The database ({database.Describe}) does not answer: {DbErrors.Code(e)}.");
        }
    }

    public async Task StoppingAsync(CancellationToken ct)
    {
        var drain = options.Value.Drain;
        if (drain <= TimeSpan.Zero) return;
        logger.LogInformation("Stopping: draining for {Drain} (/healthz/ready fails, requests are still served), then stopping", drain);
        try { await Task.Delay(drain, time, ct); }
        catch (OperationCanceledException) { /* the host's shutdown timeout, or a second signal: stop now */ }
    }

    public Task StartingAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StartAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken ct) => Task.CompletedTask;
}

public static class Health
{
    public static IServiceCollection AddHealth(this IServiceCollection services, IConfiguration configuration)
    {
        // /healthz: Degraded (still 200) while the store refuses writes; see StorageHealth.
        services.AddSingleton<StorageHealth>();
        services.AddHostedService(sp => sp.GetRequiredService<StorageHealth>());
        services.Configure<DrainOptions>(configuration.GetSection(DrainOptions.Section));
        // The drain comes before the time the framework gives requests in flight to finish, not out of it.
        services.AddOptions<HostOptions>().Configure<IOptions<DrainOptions>>((host, drain) => host.ShutdownTimeout += drain.Value.Drain);
        services.AddSingleton<Readiness>();
        services.AddHostedService(sp => sp.GetRequiredService<Readiness>());
        services.AddHealthChecks().AddCheck<StorageHealth>("storage").AddCheck<Readiness>("database", tags: [Readiness.Tag]);
        return services;
    }

    /// <summary>/healthz (the store is saving), /healthz/live (the process answers) and /healthz/ready (send it requests).</summary>
    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = check => !check.Tags.Contains(Readiness.Tag) });
        app.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/healthz/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Readiness.Tag) });
        return app;
    }
}
