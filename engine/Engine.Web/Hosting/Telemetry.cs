using Engine.Core.Tenancy;
using Microsoft.AspNetCore.Http.Features;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Engine.Web.Hosting;

/// <summary>
/// Traces and metrics for operators (docs/operations.md), exported over OTLP when an endpoint is configured
/// (Engine:Telemetry:Otlp:Endpoint, or the standard OTEL_EXPORTER_OTLP_ENDPOINT and its companions). With neither,
/// OpenTelemetry is not even registered: no listener subscribes, so the engine's instruments and ASP.NET Core's
/// activities cost next to nothing, and a kept visitor page is served as fast as before.
/// </summary>
public static class Telemetry
{
    /// <summary>The tag every request's span and HTTP metrics carry: which site it was for.</summary>
    public const string TenantTag = "engine.tenant";

    /// <summary>The engine's meters and activity sources all start "Engine." (Engine.Data, Engine.Web, Engine.Plugins ...).</summary>
    public const string EngineSources = "Engine.*";

    /// <summary>Present in the services only while telemetry is on.</summary>
    private sealed class TelemetryOn;

    public static WebApplicationBuilder AddEngineTelemetry(this WebApplicationBuilder builder)
    {
        builder.AddEngineLogs();
        var configuration = builder.Configuration;
        var endpoint = configuration["Engine:Telemetry:Otlp:Endpoint"];
        var standard = !string.IsNullOrEmpty(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        // Engine:Telemetry:Enabled turns the instruments on with no exporter (a test adds its own in-memory one).
        if (string.IsNullOrEmpty(endpoint) && !standard && !configuration.GetValue<bool>("Engine:Telemetry:Enabled")) return builder;
        builder.Services.AddSingleton<TelemetryOn>();
        builder.Services.AddSingleton<OutboxDepth>();
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(configuration["OTEL_SERVICE_NAME"] ?? "engine"))
            .WithTracing(t => t.AddSource(EngineSources).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation())
            .WithMetrics(m => m.AddMeter(EngineSources).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation());
        if (!string.IsNullOrEmpty(endpoint))
            telemetry.UseOtlpExporter(
                string.Equals(configuration["Engine:Telemetry:Otlp:Protocol"], "http/protobuf", StringComparison.OrdinalIgnoreCase)
                    ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc, new Uri(endpoint));
        else if (standard) telemetry.UseOtlpExporter();
        return builder;
    }

    /// <summary>
    /// Once the tenant is known, tags the request's span and its HTTP metrics with it (the route template is ASP.NET
    /// Core's own http.route tag, never the raw path). Nothing is added to the pipeline while telemetry is off.
    /// </summary>
    public static IApplicationBuilder UseTelemetryTags(this IApplicationBuilder app)
    {
        if (app.ApplicationServices.GetService<TelemetryOn>() is null) return app;
        app.ApplicationServices.GetRequiredService<OutboxDepth>();
        return app.Use((context, next) =>
        {
            if (context.Features.Get<TenantDefinition>() is { } tenant)
            {
                context.Features.Get<IHttpMetricsTagsFeature>()?.Tags.Add(new(TenantTag, tenant.Id));
                context.Features.Get<IHttpActivityFeature>()?.Activity.SetTag(TenantTag, tenant.Id);
            }
            return next(context);
        });
    }
}
