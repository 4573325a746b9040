using Engine.Core.DataRights;
using Engine.Web.Accounts;
using Engine.Web.DataRights;
using Engine.Web.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using ErrorKind = Engine.Core.Common.ErrorKind;

namespace Engine.Web.Api;

/// <summary>The member's data rights (UK GDPR) in the API: the zip of their data, and deleting their account.</summary>
public static class DataRightsApi
{
    /// <param name="DeleteContributions">True: their ideas and comments go too; false: they stay under "Former member".</param>
    /// <param name="Password">Your password; on an account without one, <paramref name="Code"/> from your authenticator app, or neither when you signed in within the last 10 minutes.</param>
    public sealed record DeleteAccountRequest(string? Password, bool DeleteContributions, string? Code = null);

    public static void MapDataRightsApi(this RouteGroupBuilder api)
    {
        var account = api.MapGroup("/account").WithTags("Account").RequireAuthorization();
        account.MapGet("/data", async Task<Results<EmptyHttpResult, Refusal>> (HttpContext context, DownloadMyData download, TimeProvider clock) =>
            await MyDataDownload.SendAsync(context, await download.ForAsync(context.Tenant().Id, context.User.MemberId()!.Value, context.RequestAborted),
                context.Tenant().Id, clock) ? TypedResults.Empty : ApiResults.Problem(Core.Common.Error.NotFound("Account")))
            .Produces<Stream>(StatusCodes.Status200OK, "application/zip").Refuses(ErrorKind.NotFound)
            .WithSummary("Your data as one zip (my-data.json and a CSV per kind of record): account, ideas and comments still linked to you, votes, follows, email preferences, tokens, sign-outs. Fully anonymous posts keep no link to you, so they are not in it.");
        account.MapPost("/delete", async Task<Results<NoContent, Refusal>> (DeleteAccountRequest request, HttpContext context, AccountService accounts, DeleteMyAccount delete) =>
            await accounts.DeleteAccountAsync(context, request.Password, request.Code, request.DeleteContributions, delete) is { } refused
                ? ApiResults.Problem(refused) : TypedResults.NoContent())
            .Refuses(ErrorKind.Forbidden).AddEndpointFilter<CookieAntiforgery>().RequireRateLimiting(Hosting.RateLimits.Accounts)
            .WithSummary("Delete your account, confirmed with your password: votes, follows, email preferences, tokens and sign-ins go; your ideas and comments are deleted or kept under \"Former member\". Ends every sign-in and token.");

        var admin = api.MapGroup("/admin").RequireAuthorization(Policies.Admin).AddEndpointFilter<CookieAntiforgery>().WithTags("Import and export");
        admin.MapGet("/members/{id:long}/data", async Task<Results<EmptyHttpResult, Refusal>> (long id, HttpContext context, SubjectAccessExport export, TimeProvider clock) =>
            await MyDataDownload.SendAsync(context, await export.ForAsync(context.Tenant().Id, context.User.MemberId()!.Value, id, context.RequestAborted),
                context.Tenant().Id, clock) ? TypedResults.Empty : ApiResults.Problem(Core.Common.Error.NotFound("Member")))
            .Produces<Stream>(StatusCodes.Status200OK, "application/zip").Refuses(ErrorKind.NotFound)
            .WithSummary("A subject-access export: a member's data as they would download it, less their anonymous posts and what would point at them (anonymity is lifted only by a moderator's audited reveal). Audited.");
    }
}
