using Engine.Core.Administration;
using Engine.Core.Tenancy;
using Engine.Web.Tenancy;
using Microsoft.AspNetCore.Mvc;

namespace Engine.Web.Pages.Admin;

/// <summary>
/// The switches an admin may change at run time (layered over tenant.json, audited, effective at
/// once), a summary of the rules in force, and the way to the rules, brand and per-challenge pages.
/// </summary>
public sealed class SettingsModel(ChangeSiteSettings change, SiteSettingsLayer layer, TenantRegistry registry, Core.Challenges.IChallengeStore challenges) : AdminPageModel
{
    [BindProperty] public bool AnonymousPosting { get; set; }
    [BindProperty] public bool DownVotes { get; set; }

    public TenantDefinition Site => Tenant;

    /// <summary>What tenant.json says, before any change made here.</summary>
    public TenantFeatures FromFile => registry.Current.Find(Tenant.Id)?.Features ?? Tenant.Features;
    public SiteSettings Overrides => layer.For(Tenant.Id);
    public Core.Editing.TenantEditing FromFileEditing => registry.Current.Find(Tenant.Id)?.Editing ?? Tenant.Editing;
    public bool FromFilePasswords => (registry.Current.Find(Tenant.Id) ?? Tenant).SignIn.Passwords;
    public bool FromFileStaffTwoFactor => (registry.Current.Find(Tenant.Id) ?? Tenant).SignIn.StaffTwoFactor;
    public bool RulesChangedHere => Overrides.Rules is not null;

    /// <summary>Every challenge, tenant.json's and those made in the admin, for their own settings.</summary>
    public IReadOnlyList<Core.Challenges.Challenge> Challenges { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Challenges = await challenges.ListAsync(Tenant.Id, ct);
        AnonymousPosting = Tenant.Features.AnonymousPosting;
        DownVotes = Tenant.Features.DownVotes;
        EditWindow = Api.EditingApi.WindowName(Tenant.Editing.Window);
        EditMinutes = Tenant.Editing.Minutes;
        Passwords = Tenant.SignIn.Passwords;
        StaffTwoFactor = Tenant.SignIn.StaffTwoFactor;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await change.HandleAsync(Tenant, ActorId, AnonymousPosting, DownVotes, ct);
        if (!outcome.Succeeded)
        {
            Challenges = await challenges.ListAsync(Tenant.Id, ct);
            return Invalid("anonymousPosting", outcome.Error!);
        }
        await layer.ReloadAsync(ct);
        return Done(Words("admin.settings.done"));
    }

    /// <summary>The edit window form: untilFirstReaction, minutes or off, and the minutes.</summary>
    [BindProperty] public string? EditWindow { get; set; }
    [BindProperty] public int? EditMinutes { get; set; }

    public async Task<IActionResult> OnPostEditingAsync([FromServices] Core.Editing.ChangeEditWindow changeWindow, CancellationToken ct)
    {
        var window = Api.EditingApi.ParseWindow(EditWindow);
        var outcome = window is null
            ? Core.Common.Error.Invalid("window", "Choose how long members may edit their posts.").Keyed("admin.settings.choose-window")
            : (await changeWindow.HandleAsync(Tenant, ActorId, window.Value, EditMinutes, ct)).Error;
        if (outcome is not null)
        {
            Challenges = await challenges.ListAsync(Tenant.Id, ct);
            AnonymousPosting = Tenant.Features.AnonymousPosting;
            DownVotes = Tenant.Features.DownVotes;
            return Invalid(outcome.Field == "minutes" ? "editMinutes" : "editWindow", outcome);
        }
        await layer.ReloadAsync(ct);
        return Done(Words("admin.settings.done-window"));
    }

    /// <summary>The password accounts form: on, or off so that people sign in through the site's providers only.</summary>
    [BindProperty] public bool Passwords { get; set; }

    public async Task<IActionResult> OnPostPasswordsAsync([FromServices] ChangeSignInSwitch change, CancellationToken ct)
    {
        var outcome = await change.HandleAsync(Tenant, ActorId, SignInSwitch.Passwords, Passwords, ct);
        if (!outcome.Succeeded)
        {
            await OnGetAsync(ct);
            return Invalid("passwords", outcome.Error!);
        }
        await layer.ReloadAsync(ct);
        return Done(Words(Passwords ? "admin.settings.done-passwords-on" : "admin.settings.done-passwords-off"));
    }

    /// <summary>The staff form: moderators and admins must use two factors (an authenticator app) before any staff page opens.</summary>
    [BindProperty] public bool StaffTwoFactor { get; set; }

    public async Task<IActionResult> OnPostStaffTwoFactorAsync([FromServices] ChangeSignInSwitch change, CancellationToken ct)
    {
        await change.HandleAsync(Tenant, ActorId, SignInSwitch.StaffTwoFactor, StaffTwoFactor, ct);
        await layer.ReloadAsync(ct);
        return Done(Words(StaffTwoFactor ? "admin.settings.done-staff-on" : "admin.settings.done-staff-off"));
    }
}
