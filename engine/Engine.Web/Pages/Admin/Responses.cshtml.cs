using System.Globalization;
using Engine.Core.Administration;
using Engine.Core.Challenges;
using Engine.Core.Members;
using Engine.Sdk;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Engine.Web.Pages.Admin;

/// <summary>
/// "Every comment is read and responded to": ideas and comments with no official reply yet, filtered
/// by challenge and by who is to answer; community managers and up assign them to the team; and how
/// quickly the team has answered in each challenge.
/// </summary>
public sealed class ResponsesModel(IResponsivenessStore store, Responsiveness responsiveness, IChallengeStore challenges,
    IMemberStore members, TimeProvider clock) : AdminPageModel
{
    /// <summary>Assignee filter: nobody yet.</summary>
    public const string Unassigned = "none";

    [BindProperty(SupportsGet = true, Name = "challenge")]
    public string? ChallengeSlug { get; set; }

    /// <summary>Empty for anyone, <see cref="Unassigned"/>, or a team member's id.</summary>
    [BindProperty(SupportsGet = true, Name = "assignee")]
    public string? Assignee { get; set; }

    public IReadOnlyList<Unanswered> Waiting { get; private set; } = [];
    public int WaitingInAll { get; private set; }
    public IReadOnlyList<ResponseTimes> Times { get; private set; } = [];
    public IReadOnlyList<Challenge> Challenges { get; private set; } = [];
    public IReadOnlyList<Member> Team { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }
    public bool CanAssign => Roles.Managers.Any(User.IsInRole);

    public string? FailedField { get; private set; }
    public string? Typed { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAssignAsync(string? kind, long id, string? memberId, CancellationToken ct)
    {
        // The form is only shown to community managers and up; this is what actually stops a champion.
        if (!CanAssign) return ForbiddenPage();
        await LoadAsync(ct);
        if (kind is not ("idea" or "comment")) return Invalid("waiting", Core.Common.Error.NotFound("That item"));
        long? to = null;
        if (!string.IsNullOrEmpty(memberId))
        {
            if (!long.TryParse(memberId, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
                return Failed(AssignField(kind, id), memberId, Core.Common.Error.Invalid("memberId", "Choose someone from the list.").Keyed("admin.responses.choose-member"));
            to = parsed;
        }
        var contribution = kind == "idea" ? ContributionKind.Idea : ContributionKind.Comment;
        var outcome = await responsiveness.AssignAsync(Tenant, ActorId, contribution, id, to, ct);
        if (!outcome.Succeeded) return Failed(AssignField(kind, id), memberId, outcome.Error!);
        var name = to is null ? null : Team.FirstOrDefault(m => m.Id == to)?.DisplayName ?? Words("admin.responses.member-n", to);
        return Done(name is null ? Words("admin.responses.done-unassigned-" + kind, id) : Words("admin.responses.done-assigned", Words("admin.moderation." + kind + "-n", id), name),
            new { challenge = ChallengeSlug, assignee = Assignee });
    }

    public static string AssignField(string kind, long id) => $"assign-{kind}-{id}";
    public static string Kind(ContributionKind kind) => kind == ContributionKind.Idea ? "idea" : "comment";

    /// <summary>Hours as a person reads them, in the page's language: minutes under an hour, hours under two days, then days.</summary>
    public string Hours(double? hours) => hours switch
    {
        null => Words("admin.responses.no-responses"),
        < 1 => Words("admin.responses.minutes", Math.Max(1, Math.Round(hours.Value * 60)).ToString("0", HttpContext.Culture())),
        < 48 => Words("admin.responses.hours", hours.Value.ToString("0.#", HttpContext.Culture())),
        _ => Words("admin.responses.days", (hours.Value / 24).ToString("0.#", HttpContext.Culture())),
    };

    public string Waited(DateTimeOffset since) => Hours((Now - since).TotalHours);

    public string ChallengeTitle(string slug) => Challenges.FirstOrDefault(c => c.Slug == slug)?.Title ?? slug;


    private PageResult Failed(string field, string? typed, Core.Common.Error error)
    {
        FailedField = field;
        Typed = typed;
        return Invalid(error.Kind == Core.Common.ErrorKind.NotFound ? "waiting" : field, error);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Now = clock.GetUtcNow();
        Challenges = await challenges.ListAsync(Tenant.Id, ct);
        Team = await members.WithRolesAsync(Tenant.Id, Roles.Team, ct);
        var all = await store.UnansweredAsync(Tenant.Id, ct);
        WaitingInAll = all.Count;
        Waiting = all
            .Where(u => string.IsNullOrEmpty(ChallengeSlug) || u.ChallengeSlug == ChallengeSlug)
            .Where(u => string.IsNullOrEmpty(Assignee)
                || (Assignee == Unassigned ? u.AssignedTo is null : u.AssignedTo?.ToString(CultureInfo.InvariantCulture) == Assignee))
            .ToList();
        Times = await responsiveness.TimesAsync(Tenant, ct);
    }
}
