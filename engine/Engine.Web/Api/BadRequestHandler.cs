using System.Text.Json;
using Engine.Web.Site;
using Microsoft.AspNetCore.Diagnostics;

namespace Engine.Web.Api;

/// <summary>
/// Turns a request the framework could not bind (malformed JSON, a string where a number goes,
/// an expired form) into a 400 that says what and where, instead of an empty 400 or a 500.
/// </summary>
public sealed class BadRequestHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (exception is not BadHttpRequestException bad) return false;
        context.Response.StatusCode = bad.StatusCode;
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            await FormAntiforgery.ExpiredForm(context, bad.StatusCode).ExecuteAsync(context);
            return true;
        }
        var json = exception.InnerException as JsonException;
        var field = json?.Path is { Length: > 1 } path ? path.TrimStart('$', '.') : "body";
        var detail = json is null
            ? bad.Message
            : $"The JSON body could not be read at '{field}' (line {json.LineNumber + 1}, position {json.BytePositionInLine}).";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = bad.StatusCode,
                Title = "The request body is not valid.",
                Detail = detail,
                Extensions = { ["errors"] = new Dictionary<string, string[]> { [field] = [detail] }, ["code"] = "problem.unreadable-body" },
            },
        });
    }
}
