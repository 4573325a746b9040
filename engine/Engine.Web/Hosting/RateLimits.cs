using System.Globalization;
using System.Threading.RateLimiting;
using Engine.Web.Accounts;
using Engine.Web.Site;
using Engine.Web.Tenancy;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Engine.Web.Hosting;

/// <summary>How much one client may do per window. Limits are per engine node: with N nodes behind a proxy a client may do up to N times as much (docs/deploy.md).</summary>
public sealed class RateLimitOptions
{
    public const string Section = "Engine:RateLimits";
    /// <summary>Sign-in, registration and token attempts per client address per tenant.</summary>
    public int AccountAttempts { get; set; } = 20;
    /// <summary>Ideas, comments, votes and reports per member (or client address) per tenant.</summary>
    public int Writes { get; set; } = 120;
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

public static class RateLimits
{
    public const string Accounts = "accounts", Writes = "writes";

    public static IServiceCollection AddEngineRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RateLimitOptions>(configuration.GetSection(RateLimitOptions.Section));
        return services.AddRateLimiter(o =>
        {
            // The framework answers 503 unless told otherwise; 429 with Retry-After is what clients understand.
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = Rejected;
            o.AddPolicy(Accounts, http => Window(http, http.Connection.RemoteIpAddress?.ToString() ?? "local", o => o.AccountAttempts));
            o.AddPolicy(Writes, http => Window(http, http.User.MemberId()?.ToString(CultureInfo.InvariantCulture) ?? http.Connection.RemoteIpAddress?.ToString() ?? "local", o => o.Writes));
        });
    }

    private static RateLimitPartition<string> Window(HttpContext http, string who, Func<RateLimitOptions, int> permits)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        var tenant = http.Features.Get<Core.Tenancy.TenantDefinition>()?.Id ?? "-";
        return RateLimitPartition.GetFixedWindowLimiter($"{tenant}|{who}", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits(options),
            Window = options.Window,
            QueueLimit = 0,
        });
    }

    private static async ValueTask Rejected(OnRejectedContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        if (http.Request.Path.StartsWithSegments("/api"))
        {
            var asked = Languages.LanguageChoice.OfAnswer(http);
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails =
                {
                    Status = StatusCodes.Status429TooManyRequests,
                    Title = Languages.EngineWords.Text(asked, "problem.too-many-requests"),
                    Detail = Languages.EngineWords.Text(asked, "page.slow-down-text", seconds),
                    Extensions = { ["code"] = "problem.too-many-requests" },
                },
            });
            return;
        }
        if (http.Features.Get<Core.Tenancy.TenantDefinition>() is not null)
        {
            var page = SitePage.Of(http);
            await page.Message(StatusCodes.Status429TooManyRequests, page.Words("page.slow-down"), Languages.EngineWords.Text(page.Culture, "page.slow-down-text", seconds)).ExecuteAsync(http);
        }
    }
}
