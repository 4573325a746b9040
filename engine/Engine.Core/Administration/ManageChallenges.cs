using System.Text.RegularExpressions;
using Engine.Core.Challenges;
using Engine.Core.Common;
using Engine.Core.Moderation;
using Engine.Core.Tenancy;

namespace Engine.Core.Administration;

/// <summary>
/// Admins create, edit, schedule, reorder and archive challenges. A challenge opens and closes by
/// itself at its times (see <see cref="Challenge.StateAt"/>); every change is audited.
/// </summary>
public sealed partial class ManageChallenges(IChallengeStore challenges, IModerationStore audit, TimeProvider clock)
{
    public async Task<Outcome<ChallengeDefinition>> SaveAsync(TenantDefinition tenant, long actorId, ChallengeDefinition input, bool create, CancellationToken ct = default)
    {
        if (!Slug().IsMatch(input.Slug ?? "")) return Error.Invalid("slug", "Use lower-case letters, digits and hyphens, such as 'waiting-well'.").Keyed("admin.challenge-edit.slug-format");
        if (TextRules.Check("title", input.Title, 3, 150, out var title) is { } titleError) return titleError;
        if ((input.Description ?? "").Length > 2000) return Error.Invalid("description", "The description must be 2000 characters or fewer.").Keyed("admin.challenge-edit.description-long");
        if (input.OpensAt is { } opens && input.ClosesAt is { } closes && closes <= opens) return Error.Invalid("closesAt", "The closing time must be after the opening time.").Keyed("admin.challenge-edit.closes-before-opens");
        if (input.Audience == AudienceKind.Groups && input.Groups.Count == 0)
            return Error.Invalid("groups", "Name at least one group whose members may see the challenge, or choose another audience.")
                .Keyed("admin.challenge-edit.no-groups");
        if (input.Groups.FirstOrDefault(g => !Slug().IsMatch(g)) is { } group)
            return Error.Invalid("groups", $"'{group}' is not a group's id: use lower-case letters, digits and hyphens, such as 'leeds-trust'.")
                .Keyed("admin.challenge-edit.group-format", group);
        var challenge = input with { Title = title, Description = (input.Description ?? "").Trim() };
        if (!await challenges.SaveAsync(tenant.Id, challenge, create, ct))
            return create ? new Error(ErrorKind.Conflict, $"A challenge called '{input.Slug}' already exists.", "slug").Keyed("admin.challenge-edit.slug-taken", input.Slug!) : Error.NotFound("Challenge");
        await audit.AuditAsync(tenant.Id, actorId, create ? "challenge.created" : "challenge.updated", $"challenge {challenge.Slug}",
            $"{challenge.State.ToString().ToLowerInvariant()}, opens {challenge.OpensAt:u}, closes {challenge.ClosesAt:u}, seen by {challenge.ToAudience()}", clock.GetUtcNow(), ct);
        return challenge;
    }

    public async Task<Outcome<bool>> ArchiveAsync(TenantDefinition tenant, long actorId, string slug, CancellationToken ct = default)
    {
        var existing = await challenges.FindBySlugAsync(tenant.Id, slug, ct);
        if (existing is null) return Error.NotFound("Challenge");
        var archived = new ChallengeDefinition
        {
            Slug = existing.Slug, Title = existing.Title, Description = existing.Description,
            OpensAt = existing.OpensAt, ClosesAt = existing.ClosesAt, State = ChallengeState.Archived,
            Audience = existing.Audience.Kind, Groups = existing.Audience.Groups,
        };
        await challenges.SaveAsync(tenant.Id, archived, create: false, ct);
        await audit.AuditAsync(tenant.Id, actorId, "challenge.archived", $"challenge {slug}", "", clock.GetUtcNow(), ct);
        return true;
    }

    public async Task<Outcome<bool>> ReorderAsync(TenantDefinition tenant, long actorId, IReadOnlyList<string>? slugs, CancellationToken ct = default)
    {
        if (slugs is null || !await challenges.ReorderAsync(tenant.Id, slugs, ct))
            return Error.Invalid("slugs", "List every challenge of the site exactly once, in the order you want.").Keyed("admin.challenges.list-every-once");
        await audit.AuditAsync(tenant.Id, actorId, "challenge.reordered", "challenges", string.Join(", ", slugs), clock.GetUtcNow(), ct);
        return true;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")] private static partial Regex Slug();
}
