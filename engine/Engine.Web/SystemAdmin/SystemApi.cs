using Engine.Core.Caching;
using Engine.Core.Common;
using Engine.Core.Moderation;
using Engine.Web.Accounts;
using Engine.Web.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Engine.Web.SystemAdmin;

/// <summary>The system site's API: every tenant's state, and creating a tenant. System administrators only, on the system host only.</summary>
public static class SystemApi
{
    public const string Policy = "system";

    public sealed record PluginResponse(string Id, string Version, string Sha256, IReadOnlyList<string> Rules, int Failures, string? LastFailure);
    public sealed record OverviewResponse(IReadOnlyList<TenantStatus> Tenants, IReadOnlyList<PluginResponse> Plugins, IReadOnlyList<string> PluginProblems);

    public static void MapSystemApi(this RouteGroupBuilder api)
    {
        var system = api.MapGroup("/system").RequireAuthorization(Policy).AddEndpointFilter<CookieAntiforgery>().WithTags("System");

        system.MapGet("/tenants", (TenantOverview overview) => TypedResults.Ok(Overview(overview)))
            .WithSummary("Every tenant: where it is served, and what is wrong with it (tenant.json, theme, rules, plugin failures).");
        system.MapGet("/tenants/{id}", Results<Ok<TenantStatus>, ProblemHttpResult> (string id, TenantOverview overview) =>
            overview.Find(id) is { } status ? TypedResults.Ok(status) : TypedResults.Problem($"There is no tenant '{id}'.", statusCode: 404, title: "Not found"))
            .ProducesProblem(StatusCodes.Status404NotFound).WithSummary("One tenant: where it is served, and what is wrong with it.");
        system.MapPost("/tenants", async (HttpContext context, NewTenantRequest request, CreateTenant create) =>
            ApiResults.From(await create.HandleAsync(request, context.User.MemberId()!.Value, context.RequestAborted),
                created => TypedResults.Created($"/api/v1/system/tenants/{created.Id}", created)))
            .Refuses(ErrorKind.Validation, ErrorKind.Conflict).WithSummary("Create a tenant: writes tenants/<id>/tenant.json (served within a second) and its first admin, whose one-time password is in the answer.");
        system.MapGet("/cache", (EngineCache cache) => TypedResults.Ok(cache.Stats()))
            .WithSummary("This node's cache since it started: hits, misses and entries per kind of key (a page, a member row, a list of ideas ...).");
        system.MapGet("/audit", async (IModerationStore store, CancellationToken ct) =>
            await store.AuditLogAsync(SystemSite.TenantId, null, 200, ct))
            .WithSummary("The system site's audit log (tenants created ...), newest first, at most 200 entries.");
    }

    public static OverviewResponse Overview(TenantOverview overview)
    {
        var failures = overview.PluginFailures.ToDictionary(f => f.PluginId);
        var plugins = overview.Plugins.Select(p => new PluginResponse(p.Manifest.Id, p.Manifest.Version, p.Sha256, p.Manifest.Rules.Select(r => r.Name).ToList(),
            failures.GetValueOrDefault(p.Manifest.Id)?.Count ?? 0, failures.GetValueOrDefault(p.Manifest.Id)?.LastMessage)).ToList();
        return new OverviewResponse(overview.All(), plugins, overview.PluginProblems.Select(p => p.ToString()).ToList());
    }
}
