using Engine.Core.Administration;
using Engine.Core.Rules;
using Engine.Core.Tenancy;
using Engine.Plugins.Loading;
using Engine.Web.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Engine.Web.Pages.Admin;

/// <summary>
/// The site's voting rule, moderation rules and anonymity policy, chosen among the loaded plugins'
/// rules with forms generated from their settings schemas. Stored over tenant.json, audited, and in
/// force from the next request.
/// </summary>
public sealed class RulesModel(PluginCatalog catalog, ChangeRules change, SiteSettingsLayer layer, TenantRegistry registry, Plugins.PluginRules rules,
    Engine.Plugins.Rules.RuleContainment containment) : AdminPageModel
{
    public RuleForm Form { get; private set; } = null!;

    /// <summary>What tenant.json chose, shown so the admin knows what a reset goes back to.</summary>
    public RuleChoices FromFile => registry.Current.Find(Tenant.Id)?.Rules ?? new RuleChoices();
    public bool Overridden => layer.For(Tenant.Id).Rules is not null;
    public IReadOnlyList<PluginProblem> PluginProblems => catalog.Problems;
    /// <summary>Choices in force that cannot be honoured (a plugin removed since, say): the site is failing safe until they are fixed.</summary>
    public IReadOnlyList<string> RuleProblems => rules.ProblemsFor(Tenant);
    /// <summary>Rules switched off for this site after failing repeatedly; each is tried again after its cool-down.</summary>
    public IReadOnlyList<Engine.Plugins.Rules.SwitchedOffRule> SwitchedOff => containment.SwitchedOff(Tenant.Id);

    public void OnGet() => Form = new RuleForm(catalog, Tenant.Rules, forChallenge: false, culture: Languages.LanguageChoice.Of(HttpContext));

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Form = new RuleForm(catalog, Tenant.Rules, forChallenge: false, Request.Form, Languages.LanguageChoice.Of(HttpContext));
        var read = Form.Read();
        if (!read.Succeeded) return Show(read.Error!, new RuleChoices());
        var outcome = await change.SaveSiteAsync(Tenant, ActorId, read.Value!, ct);
        if (!outcome.Succeeded) return Show(outcome.Error!, read.Value!);
        await layer.ReloadAsync(ct);
        return Done(Words("admin.rules.done"));
    }

    public async Task<IActionResult> OnPostResetAsync(CancellationToken ct)
    {
        if (registry.Current.Find(Tenant.Id) is not { } fromFile) return NotFound();
        await change.ResetSiteAsync(Tenant, fromFile, ActorId, ct);
        await layer.ReloadAsync(ct);
        return Done(Words("admin.rules.done-reset"));
    }

    private PageResult Show(Core.Common.Error error, RuleChoices submitted)
    {
        Form.Show(error, submitted);
        return Invalid(Form.Errors);
    }
}
