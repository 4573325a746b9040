using Engine.Core.Common;
using Engine.Core.Moderation;
using Engine.Sdk;
using Engine.Web.Accounts;
using Engine.Web.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Engine.Web.Api;

public static class ModerationApi
{
    public sealed record ReportRequest(string? Reason);
    public sealed record ReportResponse(int Reporters, bool Hidden);
    public sealed record RevealRequest(string? Reason);
    public sealed record RevealResponse(long MemberId, string? DisplayName, string? Email);

    public static void MapModerationApi(this RouteGroupBuilder api)
    {
        var members = api.MapGroup("/").RequireAuthorization().AddEndpointFilter<CookieAntiforgery>().RequireRateLimiting(Hosting.RateLimits.Writes).WithTags("Moderation");
        members.MapPost("/ideas/{id:long}/report", (HttpContext context, long id, ReportRequest request, ReportContent report) =>
            Report(context, ContributionKind.Idea, id, request, report)).Refuses(ErrorKind.Validation, ErrorKind.NotFound).WithSummary("Report an idea to the moderators (once per member).");
        members.MapPost("/comments/{id:long}/report", (HttpContext context, long id, ReportRequest request, ReportContent report) =>
            Report(context, ContributionKind.Comment, id, request, report)).Refuses(ErrorKind.Validation, ErrorKind.NotFound).WithSummary("Report a comment to the moderators (once per member).");

        var moderators = api.MapGroup("/moderation").RequireAuthorization(Policies.Moderator).AddEndpointFilter<CookieAntiforgery>().WithTags("Moderation");
        moderators.MapPost("/ideas/{id:long}/reveal", (HttpContext context, long id, RevealRequest request, RevealAuthor reveal) =>
            Reveal(context, ContributionKind.Idea, id, request, reveal)).Refuses(ErrorKind.Validation, ErrorKind.NotFound, ErrorKind.Conflict).WithSummary("Reveal the author of an anonymous idea; the reason goes into the audit log.");
        moderators.MapPost("/comments/{id:long}/reveal", (HttpContext context, long id, RevealRequest request, RevealAuthor reveal) =>
            Reveal(context, ContributionKind.Comment, id, request, reveal)).Refuses(ErrorKind.Validation, ErrorKind.NotFound, ErrorKind.Conflict).WithSummary("Reveal the author of an anonymous comment; the reason goes into the audit log.");
    }

    private static async Task<Results<Ok<ReportResponse>, Refusal>> Report(HttpContext context, ContributionKind kind, long id, ReportRequest request, ReportContent report) =>
        ApiResults.From(await report.HandleAsync(context.Tenant(), kind, id, context.User.MemberId()!.Value, request.Reason, context.RequestAborted),
            r => TypedResults.Ok(new ReportResponse(r.DistinctReporters, r.Hidden)));

    private static async Task<Results<Ok<RevealResponse>, Refusal>> Reveal(HttpContext context, ContributionKind kind, long id, RevealRequest request, RevealAuthor reveal) =>
        ApiResults.From(await reveal.HandleAsync(context.Tenant(), kind, id, context.User.MemberId()!.Value, request.Reason, context.RequestAborted),
            a => TypedResults.Ok(new RevealResponse(a.MemberId!.Value, a.DisplayName, a.Email)));
}
