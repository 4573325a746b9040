using Engine.Core.Common;
using Engine.Core.Moderation;
using Engine.Core.Tenancy;

namespace Engine.Core.Administration;

/// <summary>The sign-in switches an admin may turn at run time, over tenant.json's <c>signIn</c>.</summary>
public enum SignInSwitch
{
    /// <summary><c>signIn.passwords</c>: password accounts on, or off so that people sign in through the site's providers only.</summary>
    Passwords,
    /// <summary><c>signIn.staffTwoFactor</c>: moderators and admins must use two factors before any staff page opens.</summary>
    StaffTwoFactor,
}

/// <summary>An admin turns one of the site's sign-in switches on or off; effective at once, audited with before and after.</summary>
public sealed class ChangeSignInSwitch(ISiteSettingsStore settings, IModerationStore audit, TimeProvider clock)
{
    public async Task<Outcome<bool>> HandleAsync(TenantDefinition effective, long actorId, SignInSwitch which, bool on, CancellationToken ct = default)
    {
        if (which == SignInSwitch.Passwords && !on && effective.SignIn.OpenIdConnect.Count == 0)
            return Error.Invalid("passwords", "Password accounts can be switched off only on a site with a single sign-on provider in tenant.json: nobody could sign in.")
                .Keyed("admin.settings.passwords-need-sso");
        var now = clock.GetUtcNow();
        var (key, was) = which switch
        {
            SignInSwitch.Passwords => ("signIn.passwords", effective.SignIn.Passwords),
            _ => ("signIn.staffTwoFactor", effective.SignIn.StaffTwoFactor),
        };
        await (which == SignInSwitch.Passwords
            ? settings.SavePasswordsAsync(effective.Id, on, actorId, now, ct)
            : settings.SaveStaffTwoFactorAsync(effective.Id, on, actorId, now, ct));
        if (on != was)
            await audit.AuditAsync(effective.Id, actorId, "setting.changed", key, $"{ChangeSiteSettings.Word(was)} -> {ChangeSiteSettings.Word(on)}", now, ct);
        return on;
    }
}
