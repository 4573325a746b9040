using Engine.Core.Common;
using Engine.Core.Moderation;
using Engine.Core.Tenancy;

namespace Engine.Core.Administration;

/// <summary>An admin switches password accounts on or off (single sign-on only), over tenant.json's signIn.passwords; effective at once, audited.</summary>
public sealed class ChangePasswordAccounts(ISiteSettingsStore settings, IModerationStore audit, TimeProvider clock)
{
    public async Task<Outcome<bool>> HandleAsync(TenantDefinition effective, long actorId, bool passwords, CancellationToken ct = default)
    {
        if (!passwords && effective.SignIn.OpenIdConnect.Count == 0)
            return Error.Invalid("passwords", "Password accounts can be switched off only on a site with a single sign-on provider in tenant.json: nobody could sign in.");
        var now = clock.GetUtcNow();
        await settings.SavePasswordsAsync(effective.Id, passwords, actorId, now, ct);
        if (passwords != effective.SignIn.Passwords)
            await audit.AuditAsync(effective.Id, actorId, "setting.changed", "signIn.passwords",
                $"{ChangeSiteSettings.Word(effective.SignIn.Passwords)} -> {ChangeSiteSettings.Word(passwords)}", now, ct);
        return passwords;
    }
}
