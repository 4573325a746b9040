using System.Text.Json;
using Dapper;
using Engine.Core.Administration;
using Engine.Core.Tenancy;

namespace Engine.Data.Stores;

/// <summary>
/// Admins' run-time settings. Each part (switches, rules, brand, one challenge) is saved on its own,
/// so saving one never overwrites another that a second admin just changed. Rules and brand are JSON
/// in the same shape as tenant.json.
/// </summary>
public sealed class SiteSettingsStore(Database db) : ISiteSettingsStore
{
    public async Task<IReadOnlyDictionary<string, SiteSettings>> AllAsync(CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        var rows = await c.QueryAsync<(string TenantId, long? AnonymousPosting, long? DownVotes, string? Rules, string? Branding, string? Editing, long? Passwords,
            long? StaffTwoFactor)>("SELECT tenant_id, anonymous_posting, down_votes, rules, branding, editing, passwords, staff_two_factor FROM tenant_settings");
        var challenges = (await c.QueryAsync<(string TenantId, string Slug, long? AnonymousPosting, long? DownVotes, string? Rules, string? IdeaForm)>(
                "SELECT tenant_id, challenge_slug, anonymous_posting, down_votes, rules, idea_form FROM challenge_settings"))
            .GroupBy(r => r.TenantId)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, ChallengeOverride>)g.ToDictionary(r => r.Slug, r => new ChallengeOverride
            {
                Features = r.AnonymousPosting is null && r.DownVotes is null ? null : new FeatureOverrides { AnonymousPosting = Flag(r.AnonymousPosting), DownVotes = Flag(r.DownVotes) },
                Rules = Read<RuleChoices>(r.Rules),
                IdeaForm = Read<Core.IdeaForms.IdeaForm>(r.IdeaForm),
            }, StringComparer.Ordinal));
        var settings = rows.ToDictionary(r => r.TenantId, r => new SiteSettings(Flag(r.AnonymousPosting), Flag(r.DownVotes))
        {
            Rules = Read<RuleChoices>(r.Rules),
            Branding = Read<Branding>(r.Branding),
            Editing = Read<Core.Editing.TenantEditing>(r.Editing),
            Passwords = Flag(r.Passwords),
            StaffTwoFactor = Flag(r.StaffTwoFactor),
            Challenges = challenges.GetValueOrDefault(r.TenantId) ?? new Dictionary<string, ChallengeOverride>(),
        });
        foreach (var (tenantId, overrides) in challenges.Where(c => !settings.ContainsKey(c.Key)))
            settings[tenantId] = SiteSettings.None with { Challenges = overrides };
        return settings;
    }

    public Task SaveAsync(string tenantId, SiteSettings settings, long actorId, DateTimeOffset now, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.Execute("""
            INSERT INTO tenant_settings (tenant_id, anonymous_posting, down_votes, updated_at, updated_by)
            VALUES (@tenantId, @AnonymousPosting, @DownVotes, @now, @actorId)
            ON CONFLICT (tenant_id) DO UPDATE SET anonymous_posting = excluded.anonymous_posting, down_votes = excluded.down_votes,
                updated_at = excluded.updated_at, updated_by = excluded.updated_by
            """, new { tenantId, settings.AnonymousPosting, settings.DownVotes, now = now.ToUnixMs(), actorId }, tx), ct);

    public Task SaveRulesAsync(string tenantId, RuleChoices? rules, long actorId, DateTimeOffset now, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.Execute("""
            INSERT INTO tenant_settings (tenant_id, rules, updated_at, updated_by) VALUES (@tenantId, @json, @now, @actorId)
            ON CONFLICT (tenant_id) DO UPDATE SET rules = excluded.rules, updated_at = excluded.updated_at, updated_by = excluded.updated_by
            """, new { tenantId, json = Write(rules), now = now.ToUnixMs(), actorId }, tx), ct);

    public Task SaveBrandingAsync(string tenantId, Branding? branding, long actorId, DateTimeOffset now, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.Execute("""
            INSERT INTO tenant_settings (tenant_id, branding, updated_at, updated_by) VALUES (@tenantId, @json, @now, @actorId)
            ON CONFLICT (tenant_id) DO UPDATE SET branding = excluded.branding, updated_at = excluded.updated_at, updated_by = excluded.updated_by
            """, new { tenantId, json = Write(branding), now = now.ToUnixMs(), actorId }, tx), ct);

    public Task SaveEditingAsync(string tenantId, Core.Editing.TenantEditing? editing, long actorId, DateTimeOffset now, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.Execute("""
            INSERT INTO tenant_settings (tenant_id, editing, updated_at, updated_by) VALUES (@tenantId, @json, @now, @actorId)
            ON CONFLICT (tenant_id) DO UPDATE SET editing = excluded.editing, updated_at = excluded.updated_at, updated_by = excluded.updated_by
            """, new { tenantId, json = Write(editing), now = now.ToUnixMs(), actorId }, tx), ct);

    public Task SavePasswordsAsync(string tenantId, bool? passwords, long actorId, DateTimeOffset now, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.Execute("""
            INSERT INTO tenant_settings (tenant_id, passwords, updated_at, updated_by) VALUES (@tenantId, @passwords, @now, @actorId)
            ON CONFLICT (tenant_id) DO UPDATE SET passwords = excluded.passwords, updated_at = excluded.updated_at, updated_by = excluded.updated_by
            """, new { tenantId, passwords, now = now.ToUnixMs(), actorId }, tx), ct);

    public Task SaveStaffTwoFactorAsync(string tenantId, bool? staffTwoFactor, long actorId, DateTimeOffset now, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.Execute("""
            INSERT INTO tenant_settings (tenant_id, staff_two_factor, updated_at, updated_by) VALUES (@tenantId, @staffTwoFactor, @now, @actorId)
            ON CONFLICT (tenant_id) DO UPDATE SET staff_two_factor = excluded.staff_two_factor, updated_at = excluded.updated_at, updated_by = excluded.updated_by
            """, new { tenantId, staffTwoFactor, now = now.ToUnixMs(), actorId }, tx), ct);

    public Task SaveChallengeAsync(string tenantId, string challengeSlug, ChallengeOverride? overrides, long actorId, DateTimeOffset now, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => overrides is null
            ? c.Execute("DELETE FROM challenge_settings WHERE tenant_id = @tenantId AND challenge_slug = @challengeSlug", new { tenantId, challengeSlug }, tx)
            : c.Execute("""
                INSERT INTO challenge_settings (tenant_id, challenge_slug, anonymous_posting, down_votes, rules, idea_form, updated_at, updated_by)
                VALUES (@tenantId, @challengeSlug, @anonymous, @down, @rules, @ideaForm, @now, @actorId)
                ON CONFLICT (tenant_id, challenge_slug) DO UPDATE SET anonymous_posting = excluded.anonymous_posting, down_votes = excluded.down_votes,
                    rules = excluded.rules, idea_form = excluded.idea_form, updated_at = excluded.updated_at, updated_by = excluded.updated_by
                """, new
                {
                    tenantId, challengeSlug, anonymous = overrides.Features?.AnonymousPosting, down = overrides.Features?.DownVotes,
                    rules = Write(overrides.Rules), ideaForm = Write(overrides.IdeaForm), now = now.ToUnixMs(), actorId,
                }, tx), ct);

    private static bool? Flag(long? value) => value is null ? null : value != 0;
    private static string? Write<T>(T? value) where T : class => value is null ? null : JsonSerializer.Serialize(value, TenantFile.Json);
    private static T? Read<T>(string? json) where T : class => json is null ? null : JsonSerializer.Deserialize<T>(json, TenantFile.Json);
}
