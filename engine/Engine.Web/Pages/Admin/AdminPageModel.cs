using Engine.Core.Common;
using Engine.Core.Members;
using Engine.Core.Tenancy;
using Engine.Web.Accounts;
using Engine.Web.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Engine.Web.Pages.Admin;

/// <summary>An input the person has to fix: <see cref="Field"/> is the id of the input, for the error summary's link.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>What every admin page shares: the tenant, who is acting, errors to show, and the success banner after a redirect.</summary>
public abstract class AdminPageModel : PageModel
{
    public const string DoneKey = "admin.done";

    protected TenantDefinition Tenant => HttpContext.Tenant();

    /// <summary>The signed-in member: the folder's authorization convention means there always is one.</summary>
    protected long ActorId => User.MemberId() ?? throw new InvalidOperationException("The admin pages need a signed-in member.");

    public bool IsAdmin => User.IsInRole(Roles.Admin);

    public List<FieldError> Errors { get; } = [];

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;

    /// <summary>The page's words (<see cref="AdminWords"/>): <c>Words("admin.forbidden.site", name)</c>.</summary>
    protected string Words(string key, params object?[] values) => HttpContext.Words(key, values);

    /// <summary>Post, redirect, get: the banner travels in TempData so a refresh does not post again.</summary>
    protected RedirectToPageResult Done(string message, object? routeValues = null)
    {
        TempData[DoneKey] = message;
        return RedirectToPage(routeValues);
    }

    /// <summary>Shows the page again with what was typed and the error (in the page's language where it is keyed), as 400.</summary>
    protected PageResult Invalid(string field, Error error) => Invalid([new FieldError(field, HttpContext.Words(error))]);

    /// <summary>Shows the page again with what was typed and these errors, as 400.</summary>
    protected PageResult Invalid(IEnumerable<FieldError> errors)
    {
        Errors.AddRange(errors);
        var page = Page();
        page.StatusCode = StatusCodes.Status400BadRequest;
        return page;
    }

    /// <summary>
    /// A moment as admins read it, in UK time format (else the page's language's month names) and UTC (the audit log's own
    /// clock), the zone's name worded from the catalogues as every other word of the page.
    /// </summary>
    public static string When(DateTimeOffset at, System.Globalization.CultureInfo? culture = null)
    {
        culture ??= System.Globalization.CultureInfo.GetCultureInfo("en-GB");
        return Languages.EngineWords.Text(culture, "admin.layout.in-utc", at.ToUniversalTime().ToString("d MMM yyyy, HH:mm", culture));
    }

    /// <summary>The 403 page, for a role that does not allow what was asked (also used by <see cref="AdminAuthorizationResults"/>).</summary>
    public static ViewResult ForbiddenPage() => new() { ViewName = "/Pages/Admin/Forbidden.cshtml", StatusCode = StatusCodes.Status403Forbidden };
}
