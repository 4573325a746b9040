using Engine.Core.DataRights;
using Engine.Core.Tenancy;
using Engine.Data;
using Engine.Web.Hosting;
using Engine.Web.Tenancy;
using Microsoft.Extensions.Options;

namespace Engine.Web.DataRights;

/// <summary>Engine:Retention: how often each node looks for accounts the sites' retention rules say to warn or delete.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Engine:Retention";
    public TimeSpan CheckEvery { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// Runs every site's retention rule (<see cref="AccountRetention"/>) in the background. Several nodes may run it at once:
/// a warning is recorded and queued only by the node that marks it, and a deletion re-checks the warning in its own
/// transaction, so nobody is warned twice or deleted without warning.
/// </summary>
public sealed class RetentionSweeper(AccountRetention retention, TenantRegistry tenants, IOptionsMonitor<RetentionOptions> options,
    StorageHealth storage, ILogger<RetentionSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        await Task.Yield();
        while (!stopping.IsCancellationRequested)
        {
            try { await SweepAllAsync(stopping); }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested) { break; }
            catch (Exception e) when (DbErrors.IsStorageUnavailable(e)) { storage.CouldNotStore(e, "applying the retention rule"); }
            catch (Exception e) { logger.LogError(e, "The retention rule failed; it runs again in {Interval}", options.CurrentValue.CheckEvery); }
            try { await Task.Delay(options.CurrentValue.CheckEvery, stopping); }
            catch (OperationCanceledException) { break; }
        }
    }

    public async Task SweepAllAsync(CancellationToken ct)
    {
        foreach (var tenant in tenants.Current.Tenants.Where(t => t.State == TenantState.Active && t.Accounts.DeleteInactiveAfterMonths is not null))
        {
            // A full batch may leave more: the next round takes them, at once.
            AccountRetention.Sweep sweep;
            do
            {
                sweep = await retention.SweepAsync(tenant, ct);
                // Counts only: which accounts went is nobody's business, not even the log's.
                if (sweep.Warned + sweep.Deleted > 0)
                    logger.LogInformation("Retention rule on {TenantId}: {Warned} inactive accounts warned, {Deleted} deleted", tenant.Id, sweep.Warned, sweep.Deleted);
            } while (sweep.Warned == AccountRetention.Batch || sweep.Deleted == AccountRetention.Batch);
        }
    }
}

public static class RetentionServices
{
    public static IServiceCollection AddRetentionRule(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RetentionOptions>(configuration.GetSection(RetentionOptions.Section));
        services.AddSingleton<MemberVisits>();
        services.AddSingleton<AccountRetention>();
        services.AddSingleton<RetentionSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionSweeper>());
        return services;
    }
}
