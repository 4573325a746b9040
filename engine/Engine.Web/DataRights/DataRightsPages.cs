using Engine.Core.Members;
using Engine.Core.DataRights;
using Engine.Themes.Pages;
using Engine.Web.Accounts;
using Engine.Web.Languages;
using Engine.Web.Site;
using Microsoft.AspNetCore.Mvc;

namespace Engine.Web.DataRights;

/// <summary>
/// "Your data" (UK GDPR): what the site keeps about the member and the zip of it, and "Delete your account". Every page
/// is private to its member and works without script.
/// </summary>
public static class DataRightsPages
{
    public static void MapDataRightsPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/account/data", Show);
        app.MapGet("/account/data/download", Download);
        app.MapGet("/account/delete", ([AsParameters] SitePage page, IMemberStore members) => DeleteForm(page, members, false, null));
        app.MapPost("/account/delete", Delete).RequireRateLimiting(Hosting.RateLimits.Accounts);
    }

    private static async Task<IResult> Show([AsParameters] SitePage page, DownloadMyData download)
    {
        if (page.Context.User.MemberId() is not { } memberId) return page.SignInFirst();
        if (await download.ForAsync(page.Tenant.Id, memberId, page.Aborted) is not { } data) return page.SignInFirst();
        var basePath = page.BasePath;
        var model = new MyDataPage(page.Frame(EngineWords.Text(page.Culture, "account.your-data")),
            new MyDataCounts(data.Ideas.Count, data.Comments.Count, data.Votes.Count, data.Follows.Count, data.Tokens.Count),
            $"{basePath}/account/data/download", $"{basePath}/account/delete");
        page.Context.Response.Headers.CacheControl = "no-store";
        return new ThemedPage("my-data", model);
    }

    private static async Task<IResult> Download([AsParameters] SitePage page, DownloadMyData download, TimeProvider clock)
    {
        if (page.Context.User.MemberId() is not { } memberId) return page.SignInFirst();
        return await MyDataDownload.SendAsync(page.Context, await download.ForAsync(page.Tenant.Id, memberId, page.Aborted), page.Tenant.Id, clock)
            ? Results.Empty : page.SignInFirst();
    }

    private static async Task<IResult> Delete([AsParameters] SitePage page, [FromForm] string? password, [FromForm] string? code,
        [FromForm] string? contributions, AccountService accounts, DeleteMyAccount delete, IMemberStore members)
    {
        if (page.Context.User.MemberId() is null) return page.SignInFirst();
        var deleteContributions = contributions == "delete";
        if (await accounts.DeleteAccountAsync(page.Context, password, code, deleteContributions, delete) is { } refused)
            return await DeleteForm(page, members, deleteContributions, refused, 400);
        return page.Message(StatusCodes.Status200OK, EngineWords.Text(page.Culture, "account.deleted"), EngineWords.Text(page.Culture, "account.deleted-text"));
    }

    /// <summary>The form asks for what proves the member again (see AccountService.DeleteAccountAsync): a password, else a code, else nothing.</summary>
    private static async Task<IResult> DeleteForm(SitePage page, IMemberStore members, bool deleteContributions, Core.Common.Error? error, int status = 200)
    {
        if (page.Context.User.MemberId() is not { } memberId || await members.FindByIdAsync(page.Tenant.Id, memberId, page.Aborted) is not { } member)
            return page.SignInFirst();
        var shown = Views.Error(error, page.Culture);
        var model = new DeleteAccountPage(page.Frame(EngineWords.Text(page.Culture, "account.delete"), hasForms: true, error: shown), deleteContributions,
            FieldErrors.Of(shown))
        {
            AsksPassword = member.PasswordHash is not null,
            AsksCode = member.PasswordHash is null && member.TwoFactorEnabled,
        };
        page.Context.Response.Headers.CacheControl = "no-store";
        return new ThemedPage("delete-account", model, status);
    }
}
