using System.Security.Cryptography;
using System.Text.Json;
using Engine.Core.Common;
using Engine.Core.Members;
using Engine.Core.Moderation;
using Engine.Core.Tenancy;
using Engine.Plugins.Loading;
using Engine.Themes;
using Engine.Web.Tenancy;
using Microsoft.AspNetCore.Identity;

namespace Engine.Web.SystemAdmin;

/// <summary>A new tenant as the system administrator describes it. Rules left empty use the engine's built-in ones.</summary>
public sealed record NewTenantRequest(
    string? Id, string? Name, IReadOnlyList<string>? Hosts, string? PathPrefix, string? Theme,
    bool AnonymousPosting, bool DownVotes, string? VotingRule, IReadOnlyList<string>? ModerationRules, string? AnonymityPolicy,
    string? AdminEmail, string? AdminName);

/// <summary>The new site and the one-time password of its first admin, shown once and stored only as a hash.</summary>
public sealed record CreatedTenant(string Id, IReadOnlyList<string> Addresses, string AdminEmail, string AdminPassword);

/// <summary>
/// Creates a tenant the way an operator would by hand: a tenants/&lt;id&gt;/tenant.json that the
/// tenant watcher picks up within a second, plus the site's first admin. The file is checked by the
/// same parser that will load it, so the form can never write a tenant.json the engine refuses; and
/// nothing is written until every check has passed.
/// </summary>
public sealed class CreateTenant(
    TenantRegistry registry, ThemeEngine themes, PluginCatalog catalog, IMemberStore members, IModerationStore audit,
    IPasswordHasher<Member> hasher, ILookupNormalizer normalizer, TimeProvider clock, ILogger<CreateTenant> logger)
{
    public async Task<Outcome<CreatedTenant>> HandleAsync(NewTenantRequest request, long actorId, CancellationToken ct)
    {
        var id = request.Id?.Trim() ?? "";
        if (id.Length == 0) return Error.Invalid("id", "Enter an id for the site, such as 'north-east'.");
        var theme = string.IsNullOrWhiteSpace(request.Theme) ? ThemeEngine.FallbackTheme : request.Theme.Trim();

        var folder = Path.Combine(registry.TenantsFolder, id);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(FileContent(request, id, theme), Indented);
        // The parser checks the id and theme name are plain slugs before either is used as a folder name below.
        var (tenant, problem) = TenantFile.Parse(id, TenantFile.FileName, bytes, folder);
        if (problem is not null) return Error.Invalid(FieldOf(problem.Message), problem.Message);
        if (!Directory.Exists(Path.Combine(themes.ThemesRoot, theme)))
            return Error.Invalid("theme", $"There is no theme '{theme}' installed.");
        if (themes.Validate(theme, null) is [var issue, ..])
            return Error.Invalid("theme", $"The theme '{theme}' is broken, so it cannot be chosen: {issue}");
        // Checked in the order the form asks, so the first error is the first field to fix.
        if (Rules(request) is { } ruleError) return ruleError;
        if (MemberRules.CheckRegistration(request.AdminEmail, request.AdminName, request.Name ?? "", isStaff: true) is { } adminError)
            return Error.Invalid(adminError.Field == "email" ? "adminEmail" : "adminName", $"The first admin's {(adminError.Field == "email" ? "email address" : "name")}: {adminError.Message}");

        var table = registry.Current;
        if (table.Find(id) is not null || table.Problems.Any(p => p.TenantId == id) || Directory.Exists(folder))
            return new Error(ErrorKind.Conflict, $"A tenant with the id '{id}' already exists.", "id");
        if (await members.SearchAsync(id, null, 1, ct) is [_, ..])
            return new Error(ErrorKind.Conflict,
                $"A tenant with the id '{id}' existed before and its members and ideas are still stored. Choose another id, or restore its tenant.json to bring it back.", "id");
        // Checked against the tenants served now, whatever the ids' order: a new tenant must never take a
        // host (and prefix) from a site that already answers there.
        var claimed = tenant!.Hosts.Select(h => h.ToLowerInvariant()).ToHashSet();
        if (table.Tenants.FirstOrDefault(t => t.PathPrefix == tenant.PathPrefix && t.Hosts.Any(h => claimed.Contains(h.ToLowerInvariant()))) is { } owner)
            return new Error(ErrorKind.Conflict,
                $"hosts: '{owner.Hosts.First(h => claimed.Contains(h.ToLowerInvariant()))}{tenant.PathPrefix}' is already served by tenant '{owner.Id}'.", "hosts");

        var password = NewPassword();
        var admin = new Member
        {
            TenantId = id, Email = request.AdminEmail!.Trim(), NormalizedEmail = normalizer.NormalizeEmail(request.AdminEmail.Trim())!,
            DisplayName = request.AdminName!.Trim(), Role = Roles.Admin, CreatedAt = clock.GetUtcNow(),
        };
        admin.PasswordHash = hasher.HashPassword(admin, password);

        Write(folder, bytes);
        bool added;
        try { added = await members.AddAsync(admin, ct); }
        catch
        {
            // Without its admin nobody could run the site: take the file back, so the form can simply be sent again.
            Directory.Delete(folder, recursive: true);
            throw;
        }
        if (!added)
        {
            Directory.Delete(folder, recursive: true);
            return new Error(ErrorKind.Conflict, $"A tenant with the id '{id}' already has members stored.", "id");
        }
        var addresses = tenant.Hosts.Select(h => h + tenant.PathPrefix).ToList();
        await audit.AuditAsync(SystemSite.TenantId, actorId, "tenant.created", id,
            $"{tenant.Name}; served at {string.Join(", ", addresses)}; theme {theme}; first admin {admin.Email}", clock.GetUtcNow(), ct);
        logger.LogInformation("Tenant {TenantId} created by system administrator {ActorId} at {Folder}", id, actorId, folder);
        return new CreatedTenant(id, addresses, admin.Email, password);
    }

    private Error? Rules(NewTenantRequest request)
    {
        if (Blank(request.VotingRule) is { } voting && catalog.CreateVoting(voting, null).Problem is { } v)
            return Error.Invalid("votingRule", $"Voting rule: {v}");
        foreach (var rule in request.ModerationRules ?? [])
            if (catalog.CreateModeration(rule, null).Problem is { } m)
                return Error.Invalid("moderationRules", $"Moderation rule: {m}");
        if (Blank(request.AnonymityPolicy) is { } anonymity && catalog.CreateAnonymity(anonymity, null).Problem is { } a)
            return Error.Invalid("anonymityPolicy", $"Anonymity policy: {a}");
        return null;
    }

    /// <summary>Only what was chosen: the file stays as short as one written by hand, and defaults stay the engine's.</summary>
    private static Dictionary<string, object> FileContent(NewTenantRequest request, string id, string theme)
    {
        var rules = new Dictionary<string, object>();
        if (Blank(request.VotingRule) is { } voting) rules["voting"] = new { rule = voting };
        if (request.ModerationRules is { Count: > 0 } moderation) rules["moderation"] = moderation.Select(m => new { rule = m }).ToList();
        if (Blank(request.AnonymityPolicy) is { } anonymity) rules["anonymity"] = new { rule = anonymity };
        var content = new Dictionary<string, object>
        {
            ["id"] = id,
            ["name"] = request.Name?.Trim() ?? "",
            ["state"] = "active",
            ["hosts"] = (request.Hosts ?? []).Select(h => h.Trim().ToLowerInvariant()).Where(h => h.Length > 0).ToList(),
            ["pathPrefix"] = request.PathPrefix?.Trim() ?? "",
            ["theme"] = theme,
            ["features"] = new { anonymousPosting = request.AnonymousPosting, downVotes = request.DownVotes },
            ["challenges"] = Array.Empty<object>(),
        };
        if (rules.Count > 0) content["rules"] = rules;
        return content;
    }

    /// <summary>The form field a tenant.json problem is about: "hosts[1]: ..." is the hosts field.</summary>
    private static string FieldOf(string message)
    {
        var end = message.IndexOfAny([':', '[', '.']);
        return end > 0 ? message[..end] : "id";
    }

    /// <summary>Written whole or not at all: the watcher never sees half a file.</summary>
    private static void Write(string folder, byte[] bytes)
    {
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, TenantFile.FileName + ".new");
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, Path.Combine(folder, TenantFile.FileName));
    }

    private static readonly JsonSerializerOptions Indented = new(TenantFile.Json) { WriteIndented = true };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string NewPassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', '-').Replace('/', '_');
}
