using Engine.Core.Common;
using Microsoft.Extensions.Options;

namespace Engine.Web.Hosting;

/// <summary>
/// How many requests this node is answering right now: what background work looks at to give way to them
/// (<see cref="BackgroundPace"/>). Counted by the first middleware of the pipeline, so every request counts, health checks
/// and static files included.
/// </summary>
public sealed class RequestsInFlight
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public bool Busy => Count > 0;

    internal void Started() => Interlocked.Increment(ref _count);

    internal void Ended() => Interlocked.Decrement(ref _count);
}

public static class RequestsInFlightSetup
{
    /// <summary>The count of requests in flight, and the pace of background work that gives way to them (Engine:Background).</summary>
    public static IServiceCollection AddBackgroundPacing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<RequestsInFlight>();
        services.AddOptions<BackgroundPaceOptions>().Bind(configuration.GetSection(BackgroundPaceOptions.Section))
            .Validate(o => o.Fault() is null, "Engine:Background: Slice must be longer than zero, and BusyShare more than 0 and at most 1.").ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var requests = sp.GetRequiredService<RequestsInFlight>();
            return new BackgroundPacing(sp.GetRequiredService<IOptions<BackgroundPaceOptions>>().Value, () => requests.Busy, sp.GetRequiredService<TimeProvider>());
        });
        return services;
    }

    /// <summary>First in the pipeline: a request counts from the moment the engine sees it until its answer is written.</summary>
    public static IApplicationBuilder UseRequestsInFlight(this IApplicationBuilder app)
    {
        var requests = app.ApplicationServices.GetRequiredService<RequestsInFlight>();
        return app.Use(async (context, next) =>
        {
            requests.Started();
            try { await next(context); }
            finally { requests.Ended(); }
        });
    }
}
