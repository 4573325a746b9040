using Microsoft.Extensions.Logging.Console;

namespace Engine.Web.Hosting;

/// <summary>
/// Console logs as operators read them (docs/operations.md): every line with its UTC timestamp; in Production (or with
/// Engine:Logging:Format=json) one JSON object per line, carrying the request's trace id and span id in its scopes, so a
/// log line leads to its trace. Engine:Logging:Format=plain keeps plain lines in Production.
/// </summary>
public static class TelemetryLogs
{
    private const string Timestamp = "yyyy-MM-ddTHH:mm:ss.fffZ";

    public static bool Json(IConfiguration configuration, IHostEnvironment environment) =>
        configuration["Engine:Logging:Format"] is { Length: > 0 } format
            ? string.Equals(format, "json", StringComparison.OrdinalIgnoreCase)
            : environment.IsProduction();

    public static WebApplicationBuilder AddEngineLogs(this WebApplicationBuilder builder)
    {
        // The host already tracks the trace and span ids; said here because the JSON lines promise them.
        builder.Logging.Configure(o => o.ActivityTrackingOptions |= ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        if (Json(builder.Configuration, builder.Environment))
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = Timestamp;
            });
        else
            builder.Logging.AddSimpleConsole(o =>
            {
                o.UseUtcTimestamp = true;
                o.TimestampFormat = Timestamp + " ";
            });
        return builder;
    }
}
