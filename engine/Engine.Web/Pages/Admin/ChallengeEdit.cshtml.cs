using Engine.Core.Administration;
using Engine.Core.Challenges;
using Engine.Core.Tenancy;
using Microsoft.AspNetCore.Mvc;

namespace Engine.Web.Pages.Admin;

/// <summary>Creates a challenge, or edits and reschedules one: times typed in the site's zone, stored in UTC.</summary>
public sealed class ChallengeEditModel(IChallengeStore challenges, ManageChallenges manage) : AdminPageModel
{
    /// <summary>The challenge being edited; null when creating one.</summary>
    /// <remarks>From the route only: the create form posts a field called slug too.</remarks>
    public string? Editing => RouteData.Values["slug"] as string;

    public bool Creating => string.IsNullOrEmpty(Editing);
    public TimeZoneInfo Zone => Tenant.Zone();

    /// <summary>What the form shows: the stored challenge, or what was typed.</summary>
    public ChallengeForm Form { get; private set; } = new();

    public sealed record ChallengeForm
    {
        public string? Slug { get; init; }
        public string? Title { get; init; }
        public string? Description { get; init; }
        public string? OpensAt { get; init; }
        public string? ClosesAt { get; init; }
        public string State { get; init; } = "draft";
        public string Audience { get; init; } = "everyone";
        /// <summary>The groups' ids, separated by commas, for audience "groups".</summary>
        public string? Groups { get; init; }
    }

    /// <summary>The radios, in this order; worded by <see cref="ChallengeWords"/>.</summary>
    public static readonly IReadOnlyList<AudienceKind> Audiences = [AudienceKind.Everyone, AudienceKind.Members, AudienceKind.Groups, AudienceKind.Invited];

    public static readonly IReadOnlyList<ChallengeState> States = [ChallengeState.Draft, ChallengeState.Open, ChallengeState.Closed, ChallengeState.Archived];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Creating) return Page();
        var existing = await challenges.FindBySlugAsync(Tenant.Id, Editing!, ct);
        if (existing is null) return NotFound();
        Form = new ChallengeForm
        {
            Slug = existing.Slug, Title = existing.Title, Description = existing.Description,
            OpensAt = LocalTime.Input(existing.OpensAt, Zone), ClosesAt = LocalTime.Input(existing.ClosesAt, Zone),
            State = existing.State.ToString().ToLowerInvariant(),
            Audience = existing.Audience.Kind.ToString().ToLowerInvariant(), Groups = string.Join(", ", existing.Audience.Groups),
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? slug, string? title, string? description, string? opensAt, string? closesAt, string? state,
        string? audience, string? groups, CancellationToken ct)
    {
        if (!Creating && await challenges.FindBySlugAsync(Tenant.Id, Editing!, ct) is null) return NotFound();
        Form = new ChallengeForm
        {
            Slug = Creating ? slug : Editing, Title = title, Description = description, OpensAt = opensAt, ClosesAt = closesAt, State = state ?? "",
            Audience = audience ?? "everyone", Groups = groups,
        };
        if (!Enum.TryParse<ChallengeState>(state, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(state, out _))
            return Invalid("state-draft", Core.Common.Error.Invalid("state", "Choose whether the challenge is a draft, open, closed or archived.").Keyed("admin.challenge-edit.choose-state"));
        if (!Enum.TryParse<AudienceKind>(audience ?? "everyone", ignoreCase: true, out var seenBy) || !Enum.IsDefined(seenBy) || int.TryParse(audience, out _))
            return Invalid("audience-everyone", Core.Common.Error.Invalid("audience", "Choose who may see the challenge: everyone, signed-in members, members of groups or people with an invite link.")
                .Keyed("admin.challenge-edit.choose-audience"));
        if (!LocalTime.TryParse(opensAt, Zone, "opensAt", out var opens, out var opensError)) return Invalid("opensAt", opensError!);
        if (!LocalTime.TryParse(closesAt, Zone, "closesAt", out var closes, out var closesError)) return Invalid("closesAt", closesError!);
        var definition = new ChallengeDefinition
        {
            Slug = (Form.Slug ?? "").Trim(), Title = title ?? "", Description = description ?? "", OpensAt = opens, ClosesAt = closes, State = parsed,
            Audience = seenBy, Groups = seenBy == AudienceKind.Groups ? (groups ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [],
        };
        var outcome = await manage.SaveAsync(Tenant, ActorId, definition, create: Creating, ct);
        if (!outcome.Succeeded) return Invalid(outcome.Error!.Field ?? "title", outcome.Error!);
        TempData[DoneKey] = Words(Creating ? "admin.challenge-edit.done-create" : "admin.challenge-edit.done-save", outcome.Value!.Title);
        return RedirectToPage("/Admin/Challenges");
    }
}
