using System.Text.Json;
using Engine.Core.Administration;
using Engine.Core.Tenancy;
using Engine.Web.Tenancy;
using Microsoft.AspNetCore.Mvc;

namespace Engine.Web.Pages.Admin;

/// <summary>
/// The switches an admin may change at run time (layered over tenant.json, audited, effective at
/// once), and, read-only for now, the rules the site chose in tenant.json.
/// </summary>
public sealed class SettingsModel(ChangeSiteSettings change, SiteSettingsLayer layer, TenantRegistry registry) : AdminPageModel
{
    [BindProperty] public bool AnonymousPosting { get; set; }
    [BindProperty] public bool DownVotes { get; set; }

    public TenantDefinition Site => Tenant;

    /// <summary>What tenant.json says, before any change made here.</summary>
    public TenantFeatures FromFile => registry.Current.Find(Tenant.Id)?.Features ?? Tenant.Features;
    public SiteSettings Overrides => layer.For(Tenant.Id);

    public void OnGet()
    {
        AnonymousPosting = Tenant.Features.AnonymousPosting;
        DownVotes = Tenant.Features.DownVotes;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await change.HandleAsync(Tenant, ActorId, AnonymousPosting, DownVotes, ct);
        if (!outcome.Succeeded) return Invalid("anonymousPosting", outcome.Error!);
        await layer.ReloadAsync(ct);
        return Done("Settings saved: the site uses them from now on.");
    }

    public static string OnOff(bool on) => on ? "on" : "off";

    /// <summary>A rule's settings as an admin reads them: "votes: 5, per: challenge".</summary>
    public static string Describe(RuleChoice choice) =>
        choice.Settings is not { Count: > 0 } settings ? choice.Rule
        : $"{choice.Rule} ({string.Join(", ", settings.Select(s => $"{s.Key}: {Value(s.Value)}"))})";

    private static string Value(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.True => "yes",
        JsonValueKind.False => "no",
        JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(Value)),
        _ => value.GetRawText(),
    };
}
