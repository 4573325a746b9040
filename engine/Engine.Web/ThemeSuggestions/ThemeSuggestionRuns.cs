using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Engine.Core.BigIdeas.Suggestions;
using Engine.Core.Challenges;
using Engine.Core.Common;
using Engine.Core.Tenancy;

namespace Engine.Web.ThemeSuggestions;

/// <summary>Where a tenant's suggestion run is: waiting behind another tenant's, or how far through; <see cref="Failed"/> when it stopped.</summary>
public sealed class RunProgress(string challengeSlug, string challengeTitle)
{
    private double _done;
    private int _phase;
    public string ChallengeSlug { get; } = challengeSlug;
    public string ChallengeTitle { get; } = challengeTitle;
    public bool Started { get; internal set; }
    public string? Failed { get; internal set; }
    public bool Finished { get; internal set; }
    /// <summary>From 0 to 1.</summary>
    public double Done => Volatile.Read(ref _done);
    /// <summary>The step the run is on; <see cref="SuggestionPhase.Waiting"/> until it starts.</summary>
    public SuggestionPhase Phase => (SuggestionPhase)Volatile.Read(ref _phase);
    internal void Report(SuggestionProgress progress)
    {
        Volatile.Write(ref _phase, (int)progress.Phase);
        Volatile.Write(ref _done, progress.Done);
    }
}

/// <summary>
/// Computes theme suggestions in the background, one run at a time across tenants (so the site keeps a core to serve
/// on), and at most one queued or running per tenant. The page shows <see cref="Progress"/>; a finished or failed run
/// stays there until the tenant starts another. Runs live on this node: on several nodes, each page shows its own.
/// </summary>
public sealed class ThemeSuggestionRuns(IServiceProvider services, ILogger<ThemeSuggestionRuns> logger) : BackgroundService
{
    private sealed record Request(TenantDefinition Tenant, long ActorId, Challenge Challenge, RunProgress Progress);

    private readonly Channel<Request> _queue = Channel.CreateUnbounded<Request>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, RunProgress> _runs = new(StringComparer.Ordinal);

    public RunProgress? Progress(string tenantId) => _runs.GetValueOrDefault(tenantId);

    /// <summary>Queues a run; false when the tenant already has one queued or running.</summary>
    public bool TryStart(TenantDefinition tenant, long actorId, Challenge challenge)
    {
        var progress = new RunProgress(challenge.Slug, challenge.Title);
        while (true)
        {
            if (_runs.TryGetValue(tenant.Id, out var current))
            {
                if (!current.Finished && current.Failed is null) return false;
                if (!_runs.TryUpdate(tenant.Id, progress, current)) continue;
            }
            else if (!_runs.TryAdd(tenant.Id, progress)) continue;
            return _queue.Writer.TryWrite(new Request(tenant, actorId, challenge, progress));
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var suggest = services.GetRequiredService<SuggestThemes>();
        var pacing = services.GetRequiredService<BackgroundPacing>();
        await foreach (var request in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            var progress = request.Progress;
            progress.Started = true;
            try
            {
                var (started, paused) = (Stopwatch.GetTimestamp(), pacing.Paused);
                await suggest.ComputeAsync(request.Tenant, request.ActorId, request.Challenge, new ReportTo(progress), stoppingToken);
                // Runs go one at a time, so the pauses since the start are this run's: how much the site's requests slowed it.
                logger.LogInformation("Theme suggestions for challenge {Challenge} of tenant {Tenant} took {Seconds:F1} s, {PausedSeconds:F1} s of them paused for requests",
                    request.Challenge.Slug, request.Tenant.Id, Stopwatch.GetElapsedTime(started).TotalSeconds, (pacing.Paused - paused).TotalSeconds);
                progress.Report(new(SuggestionPhase.Saving, 1));
                progress.Finished = true;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                logger.LogError(e, "Theme suggestions for challenge {Challenge} of tenant {Tenant} failed", request.Challenge.Slug, request.Tenant.Id);
                progress.Failed = "The run stopped with an error (it is in the log): start it again.";
            }
        }
    }

    // IProgress<T> from the framework posts to the thread pool; this one just records, from the clustering's own thread.
    private sealed class ReportTo(RunProgress progress) : IProgress<SuggestionProgress>
    {
        public void Report(SuggestionProgress value) => progress.Report(value);
    }
}
