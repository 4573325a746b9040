using Engine.Core.Administration;
using Engine.Core.Challenges;
using Engine.Core.Tenancy;
using Engine.Plugins.Loading;
using Engine.Web.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Features = Engine.Core.Rules.Features;

namespace Engine.Web.Pages.Admin;

/// <summary>
/// One challenge's own switches and rules, over the site's: tenant.json &lt; the site's admin settings
/// &lt; this. Each switch and rule part can follow the site; clearing removes every override at once.
/// </summary>
public sealed class ChallengeSettingsModel(IChallengeStore challenges, PluginCatalog catalog, ChangeRules change, SiteSettingsLayer layer) : AdminPageModel
{
    public const string Site = "site";

    public Challenge Target { get; private set; } = null!;
    public RuleForm Form { get; private set; } = null!;
    [BindProperty] public string AnonymousPosting { get; set; } = Site;
    [BindProperty] public string DownVotes { get; set; } = Site;

    public ChallengeOverride? Own => Tenant.ChallengeOverrides.GetValueOrDefault(Target.Slug);
    /// <summary>What the challenge would have without this page's overrides (the site's switches, and tenant.json's for the challenge).</summary>
    public TenantFeatures Inherited => Features.For(Tenant with { ChallengeOverrides = Tenant.ChallengeOverrides.Where(o => o.Key != Target.Slug).ToDictionary() }, Target.Slug);

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        if (!await LoadAsync(slug, ct)) return NotFound();
        AnonymousPosting = Word(Own?.Features?.AnonymousPosting);
        DownVotes = Word(Own?.Features?.DownVotes);
        Form = new RuleForm(catalog, Own?.Rules ?? new RuleChoices(), forChallenge: true, culture: Languages.LanguageChoice.Of(HttpContext));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken ct)
    {
        if (!await LoadAsync(slug, ct)) return NotFound();
        Form = new RuleForm(catalog, Own?.Rules ?? new RuleChoices(), forChallenge: true, Request.Form, Languages.LanguageChoice.Of(HttpContext));
        if (Switch(AnonymousPosting, out var anonymous) is { } a) return Invalid("anonymousPosting-site", a);
        if (Switch(DownVotes, out var down) is { } d) return Invalid("downVotes-site", d);
        var read = Form.Read();
        if (!read.Succeeded) return Show(read.Error!, new RuleChoices());
        var overrides = new ChallengeOverride
        {
            Features = new FeatureOverrides { AnonymousPosting = anonymous, DownVotes = down },
            Rules = read.Value,
            // This form does not edit the idea form: keep the one set through the API.
            IdeaForm = Own?.IdeaForm,
        };
        var outcome = await change.SaveChallengeAsync(Tenant, ActorId, slug, overrides, ct);
        if (!outcome.Succeeded) return Show(outcome.Error!, read.Value!);
        await layer.ReloadAsync(ct);
        return Done(Words("admin.challenge-settings.done", Target.Title), new { slug });
    }

    public async Task<IActionResult> OnPostClearAsync(string slug, CancellationToken ct)
    {
        if (!await LoadAsync(slug, ct)) return NotFound();
        await change.ClearChallengeAsync(Tenant, ActorId, slug, ct);
        await layer.ReloadAsync(ct);
        return Done(Words("admin.challenge-settings.done-clear", Target.Title), new { slug });
    }

    private async Task<bool> LoadAsync(string slug, CancellationToken ct)
    {
        if (await challenges.FindBySlugAsync(Tenant.Id, slug, ct) is not { } challenge) return false;
        Target = challenge;
        return true;
    }

    private static Core.Common.Error? Switch(string? value, out bool? on)
    {
        on = value switch { "on" => true, "off" => false, _ => null };
        return value is "on" or "off" or Site ? null : Core.Common.Error.Invalid("switch", "Choose on, off or the same as the site.").Keyed("admin.challenge-settings.choose-switch");
    }

    private PageResult Show(Core.Common.Error error, RuleChoices submitted)
    {
        Form.Show(error, submitted);
        return Invalid(Form.Errors);
    }

    public static string Word(bool? on) => on switch { true => "on", false => "off", null => Site };
}
