using Engine.Plugins.Loading;
using Engine.Plugins.Manifest;
using Engine.Themes;
using Engine.Web.Pages.Admin;
using Engine.Web.SystemAdmin;
using Microsoft.AspNetCore.Mvc;

namespace Engine.Web.Pages.SystemAdmin;

/// <summary>Create a tenant from a form: its site (id, name, hosts, theme, switches, rules) and its first admin.</summary>
public sealed class NewTenantModel(CreateTenant create, ThemeEngine themes, PluginCatalog catalog) : AdminPageModel
{
    [BindProperty] public string? Id { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Hosts { get; set; }
    [BindProperty] public string? PathPrefix { get; set; }
    [BindProperty] public string Theme { get; set; } = "nhs";
    [BindProperty] public bool AnonymousPosting { get; set; } = true;
    [BindProperty] public bool DownVotes { get; set; }
    [BindProperty] public string? VotingRule { get; set; }
    [BindProperty] public List<string> ModerationRules { get; set; } = [];
    [BindProperty] public string? AnonymityPolicy { get; set; }
    [BindProperty] public string? AdminEmail { get; set; }
    [BindProperty] public string? AdminName { get; set; }

    /// <summary>Set once the tenant exists: the page then shows the first admin's one-time password.</summary>
    public CreatedTenant? Created { get; private set; }

    public IReadOnlyList<string> Themes => Directory.GetDirectories(themes.ThemesRoot)
        .Where(d => System.IO.File.Exists(Path.Combine(d, ThemeManifest.FileName)))
        .Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();

    public IReadOnlyList<RuleManifest> RulesOf(RuleKind kind) =>
        catalog.Plugins.SelectMany(p => p.Manifest.Rules).Where(r => r.Kind == kind).OrderBy(r => r.Name, StringComparer.Ordinal).ToList();

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var hosts = (Hosts ?? "").Split(['\n', '\r', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var request = new NewTenantRequest(Id, Name, hosts, PathPrefix, Theme, AnonymousPosting, DownVotes, VotingRule, ModerationRules, AnonymityPolicy, AdminEmail, AdminName);
        var outcome = await create.HandleAsync(request, ActorId, ct);
        if (!outcome.Succeeded) return Invalid(outcome.Error!.Field ?? "id", outcome.Error);
        Created = outcome.Value;
        // The one-time password is in this answer only: never cached, never in a redirect.
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
