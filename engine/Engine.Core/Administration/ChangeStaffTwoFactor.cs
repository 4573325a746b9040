using Engine.Core.Common;
using Engine.Core.Moderation;
using Engine.Core.Tenancy;

namespace Engine.Core.Administration;

/// <summary>An admin switches "staff must use two factors" on or off, over tenant.json's signIn.staffTwoFactor; effective at once, audited.</summary>
public sealed class ChangeStaffTwoFactor(ISiteSettingsStore settings, IModerationStore audit, TimeProvider clock)
{
    public async Task<Outcome<bool>> HandleAsync(TenantDefinition effective, long actorId, bool staffTwoFactor, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await settings.SaveStaffTwoFactorAsync(effective.Id, staffTwoFactor, actorId, now, ct);
        if (staffTwoFactor != effective.SignIn.StaffTwoFactor)
            await audit.AuditAsync(effective.Id, actorId, "setting.changed", "signIn.staffTwoFactor",
                $"{ChangeSiteSettings.Word(effective.SignIn.StaffTwoFactor)} -> {ChangeSiteSettings.Word(staffTwoFactor)}", now, ct);
        return staffTwoFactor;
    }
}
