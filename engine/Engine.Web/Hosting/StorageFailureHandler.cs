using Engine.Web.Site;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Engine.Web.Hosting;

/// <summary>
/// When the store cannot write (disk full, read-only, I/O error), the person is told plainly that
/// nothing was saved and to try again shortly (503 with Retry-After), instead of a bare 500; the log
/// gets the cause for the operators. Every write is one transaction, so nothing was stored half-way,
/// and the next write succeeds as soon as the cause is fixed: the engine needs no restart.
/// </summary>
public sealed class StorageFailureHandler(IProblemDetailsService problems, ILogger<StorageFailureHandler> logger) : IExceptionHandler
{
    // SQLITE_READONLY, SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN: the disk, not the request, is at fault.
    private static readonly HashSet<int> StorageErrors = [8, 10, 13, 14];
    private const string Title = "Sorry, the site cannot save anything right now";
    private const string Detail = "Nothing was saved. Please try again in a few minutes; the site's operators have been told.";

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (exception is not SqliteException { SqliteErrorCode: var code } sqlite || !StorageErrors.Contains(code)) return false;
        logger.LogError(sqlite, "Storage cannot write ({SqliteErrorCode}: {SqliteMessage}) for {Method} {Path}; the request was refused and nothing was saved",
            code, sqlite.Message, context.Request.Method, context.Request.Path.Value);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "120";
        if (!context.Request.Path.StartsWithSegments("/api") && context.Features.Get<Core.Tenancy.TenantDefinition>() is not null)
        {
            await PageModel.Message(context, StatusCodes.Status503ServiceUnavailable, Title, Detail).ExecuteAsync(context);
            return true;
        }
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = StatusCodes.Status503ServiceUnavailable, Title = Title, Detail = Detail },
        });
    }
}
