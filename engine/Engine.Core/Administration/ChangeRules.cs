using Engine.Core.Challenges;
using Engine.Core.Common;
using Engine.Core.Moderation;
using Engine.Core.Rules;
using Engine.Core.Tenancy;

namespace Engine.Core.Administration;

/// <summary>
/// An admin chooses the site's voting rule, moderation rules (in order) and anonymity policy with
/// their settings, or one challenge's own switches and rules. Choices are checked as tenant.json's
/// are, stored over tenant.json, and every difference they make is audited with before and after.
/// </summary>
public sealed class ChangeRules(ISiteSettingsStore settings, IChallengeStore challenges, IRuleChoiceChecker checker, IModerationStore audit, TimeProvider clock)
{
    public const int MostModerationRules = 10;

    /// <summary>Replaces the site's rules (tenant.json's are set aside until reset).</summary>
    public async Task<Outcome<RuleChoices>> SaveSiteAsync(TenantDefinition effective, long actorId, RuleChoices rules, CancellationToken ct = default)
    {
        if (Check(rules) is { } error) return error;
        var normalised = new RuleChoices { Voting = rules.Voting, Moderation = rules.Moderation ?? [], Anonymity = rules.Anonymity };
        var now = clock.GetUtcNow();
        await settings.SaveRulesAsync(effective.Id, normalised, actorId, now, ct);
        await AuditAsync(effective, effective with { Rules = normalised }, actorId, now, ct);
        return normalised;
    }

    /// <summary>Goes back to the rules tenant.json chose.</summary>
    public async Task<Outcome<RuleChoices>> ResetSiteAsync(TenantDefinition effective, TenantDefinition fromFile, long actorId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await settings.SaveRulesAsync(effective.Id, null, actorId, now, ct);
        await audit.AuditAsync(effective.Id, actorId, "setting.reset", "rules", "back to tenant.json", now, ct);
        await AuditAsync(effective, effective with { Rules = fromFile.Rules }, actorId, now, ct);
        return fromFile.Rules;
    }

    /// <summary>Sets one challenge's own switches, rules and idea form; a null switch or rule part follows the site, a null form tenant.json's.</summary>
    public async Task<Outcome<ChallengeOverride>> SaveChallengeAsync(TenantDefinition effective, long actorId, string slug, ChallengeOverride overrides, CancellationToken ct = default)
    {
        if (await challenges.FindBySlugAsync(effective.Id, slug, ct) is null) return Error.NotFound("Challenge");
        if (overrides.Rules is { } rules && Check(rules) is { } error) return error;
        if (overrides.IdeaForm?.Check() is { } form) return Error.Invalid($"ideaForm.{form.Path}", $"ideaForm.{form.Path}: {form.Message}");
        var now = clock.GetUtcNow();
        var empty = overrides.Features is null or { AnonymousPosting: null, DownVotes: null }
            && overrides.Rules is null or { Voting: null, Moderation: null, Anonymity: null } && overrides.IdeaForm is null;
        await settings.SaveChallengeAsync(effective.Id, slug, empty ? null : overrides, actorId, now, ct);
        var after = new Dictionary<string, ChallengeOverride>(effective.ChallengeOverrides);
        if (empty) after.Remove(slug); else after[slug] = overrides;
        await AuditAsync(effective, effective with { ChallengeOverrides = after }, actorId, now, ct, slug);
        return overrides;
    }

    /// <summary>The challenge follows the site again (and tenant.json's settings for it).</summary>
    public async Task<Outcome<bool>> ClearChallengeAsync(TenantDefinition effective, long actorId, string slug, CancellationToken ct = default)
    {
        if (await challenges.FindBySlugAsync(effective.Id, slug, ct) is null) return Error.NotFound("Challenge");
        var now = clock.GetUtcNow();
        await settings.SaveChallengeAsync(effective.Id, slug, null, actorId, now, ct);
        var after = effective.ChallengeOverrides.Where(o => o.Key != slug).ToDictionary();
        await audit.AuditAsync(effective.Id, actorId, "setting.reset", $"challenge {slug}", "follows the site again", now, ct);
        await AuditAsync(effective, effective with { ChallengeOverrides = after }, actorId, now, ct, slug);
        return true;
    }

    private Error? Check(RuleChoices rules)
    {
        if (rules.Voting is { } voting && Problem(RulePart.Voting, voting, "voting") is { } v) return v;
        var moderation = rules.Moderation ?? [];
        if (moderation.Count > MostModerationRules)
            return Error.Invalid("moderation", $"Choose at most {MostModerationRules} moderation rules.").Keyed("admin.rules.too-many-moderation", MostModerationRules);
        for (var i = 0; i < moderation.Count; i++)
        {
            if (moderation.Take(i).Any(m => m.Rule == moderation[i].Rule))
                return Error.Invalid($"moderation[{i}].rule", $"The moderation rule '{moderation[i].Rule}' is chosen twice: choose it once.")
                    .Keyed("admin.rules.moderation-twice", moderation[i].Rule);
            if (Problem(RulePart.Moderation, moderation[i], $"moderation[{i}]") is { } m) return m;
        }
        if (rules.Anonymity is { } anonymity && Problem(RulePart.Anonymity, anonymity, "anonymity") is { } a) return a;
        return null;
    }

    private Error? Problem(RulePart part, RuleChoice choice, string path)
    {
        if (checker.Check(part, choice) is not { } problem) return null;
        var error = Error.Invalid(problem.Setting is null ? $"{path}.rule" : $"{path}.settings.{problem.Setting}", problem.Message);
        return problem.Key is null ? error : error.Keyed(problem.Key, problem.Values);
    }

    /// <summary>Audits what visitors will see differently, site-wide or in one challenge, as before -> after.</summary>
    private async Task AuditAsync(TenantDefinition before, TenantDefinition after, long actorId, DateTimeOffset now, CancellationToken ct, string? slug = null)
    {
        var where = slug is null ? "" : $"challenge {slug}: ";
        var (fb, fa) = (Features.For(before, slug), Features.For(after, slug));
        var (rb, ra) = (Features.RulesFor(before, slug), Features.RulesFor(after, slug));
        var changes = new (string Subject, string Was, string Becomes)[]
        {
            ("features.anonymousPosting", ChangeSiteSettings.Word(fb.AnonymousPosting), ChangeSiteSettings.Word(fa.AnonymousPosting)),
            ("features.downVotes", ChangeSiteSettings.Word(fb.DownVotes), ChangeSiteSettings.Word(fa.DownVotes)),
            ("rules.voting", RuleText.Voting(rb.Voting), RuleText.Voting(ra.Voting)),
            ("rules.moderation", RuleText.Moderation(rb.Moderation), RuleText.Moderation(ra.Moderation)),
            ("rules.anonymity", RuleText.Anonymity(rb.Anonymity), RuleText.Anonymity(ra.Anonymity)),
            // Only a challenge has an idea form; the site's settings leave every challenge's as it was.
            ("ideaForm", slug is null ? "" : IdeaForms.IdeaForm.For(before, slug).Describe(), slug is null ? "" : IdeaForms.IdeaForm.For(after, slug).Describe()),
        };
        foreach (var (subject, was, becomes) in changes)
            if (was != becomes)
                await audit.AuditAsync(before.Id, actorId, "setting.changed", where + subject, $"{was} -> {becomes}", now, ct);
    }
}
