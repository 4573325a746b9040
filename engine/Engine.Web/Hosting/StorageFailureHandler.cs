using Engine.Web.Site;
using Microsoft.AspNetCore.Diagnostics;
using Engine.Data;

namespace Engine.Web.Hosting;

/// <summary>
/// When the store cannot write (disk full, read-only, I/O error, PostgreSQL unreachable or shutting down), the person is told plainly that
/// nothing was saved and to try again shortly (503 with Retry-After), instead of a bare 500; the log
/// gets the cause for the operators, once per outage (<see cref="StorageHealth"/>). Every write is one transaction, so nothing was stored half-way,
/// and the next write succeeds as soon as the cause is fixed: the engine needs no restart.
/// </summary>
public sealed class StorageFailureHandler(IProblemDetailsService problems, StorageHealth health) : IExceptionHandler
{

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (!DbErrors.IsStorageUnavailable(exception)) return false;
        // Logged once per outage, with the cause (StorageHealth), not a stack trace per refused request.
        health.Refused(exception, context);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "120";
        if (!context.Request.Path.StartsWithSegments("/api") && context.Features.Get<Core.Tenancy.TenantDefinition>() is not null)
        {
            var page = SitePage.Of(context);
            await page.Message(StatusCodes.Status503ServiceUnavailable, page.Words("page.storage-down"), page.Words("page.storage-down-text")).ExecuteAsync(context);
            return true;
        }
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = Languages.EngineWords.Text(Languages.LanguageChoice.OfAnswer(context), "page.storage-down"),
                Detail = Languages.EngineWords.Text(Languages.LanguageChoice.OfAnswer(context), "page.storage-down-text"),
                Extensions = { ["code"] = "problem.storage-unavailable" },
            },
        });
    }
}
