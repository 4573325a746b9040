using Engine.Core.Administration;
using Engine.Core.Common;
using Engine.Core.Moderation;
using Engine.Core.Tenancy;

namespace Engine.Core.Editing;

/// <summary>An admin changes how long members may edit their posts, over tenant.json's "editing"; effective at once, audited with before and after.</summary>
public sealed class ChangeEditWindow(ISiteSettingsStore settings, IModerationStore audit, TimeProvider clock)
{
    public async Task<Outcome<TenantEditing>> HandleAsync(TenantDefinition effective, long actorId, EditWindow window, int? minutes, CancellationToken ct = default)
    {
        if (window == EditWindow.Minutes && minutes is not (>= 1 and <= TenantEditing.MinutesLimit))
            return Error.Invalid("minutes", $"Give the number of minutes posts may be edited for, from 1 to {TenantEditing.MinutesLimit} (a week).")
                .Keyed("admin.settings.minutes-range", TenantEditing.MinutesLimit);
        var next = new TenantEditing { Window = window, Minutes = minutes ?? effective.Editing.Minutes };
        var now = clock.GetUtcNow();
        await settings.SaveEditingAsync(effective.Id, next, actorId, now, ct);
        if (next != effective.Editing)
            await audit.AuditAsync(effective.Id, actorId, "setting.changed", "editing", $"{Describe(effective.Editing)} -> {Describe(next)}", now, ct);
        return next;
    }

    public static string Describe(TenantEditing editing) => editing.Window switch
    {
        EditWindow.Minutes => $"{editing.Minutes} minutes after posting",
        EditWindow.Off => "off",
        _ => "until the first vote or comment",
    };
}
