using Engine.Web.Accounts;
using Engine.Web.Hosting;
using Engine.Web.Pages.Admin;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Engine.Web.Pages.SystemAdmin;

/// <summary>
/// Sign-in for system administrators, on the system host only. The same Identity checks as a tenant's
/// sign-in (hashing, lockout, rate limit); the cookie it issues belongs to the system site and counts
/// as nobody on any tenant's host.
/// </summary>
[EnableRateLimiting(RateLimits.Accounts)]
public sealed class SignInModel(AccountService accounts) : AdminPageModel
{
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        var outcome = await accounts.CheckPasswordAsync(Email, Password);
        if (!outcome.Succeeded) return Invalid("password", outcome.Error!);
        await AccountService.SignInAsync(HttpContext, outcome.Value!);
        return Redirect(Site.ReturnAddress.LocalOrHome(HttpContext, ReturnUrl, home: "/system"));
    }
}
