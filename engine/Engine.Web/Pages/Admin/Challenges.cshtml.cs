using Engine.Core.Administration;
using Engine.Core.Challenges;
using Engine.Core.Tenancy;
using Microsoft.AspNetCore.Mvc;

namespace Engine.Web.Pages.Admin;

/// <summary>Every challenge of the site in the order the public site shows them: move, archive, and links to create and edit.</summary>
public sealed class ChallengesModel(IChallengeStore challenges, ManageChallenges manage, TimeProvider clock) : AdminPageModel
{
    public IReadOnlyList<Challenge> All { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }
    public TimeZoneInfo Zone => Tenant.Zone();

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>Moves one challenge up or down a place; without script, one step per press.</summary>
    public async Task<IActionResult> OnPostMoveAsync(string? slug, string? direction, CancellationToken ct)
    {
        await LoadAsync(ct);
        var order = All.Select(c => c.Slug).ToList();
        var at = order.IndexOf(slug ?? "");
        if (at < 0) return Invalid("challenges", Core.Common.Error.NotFound("Challenge"));
        var to = direction == "up" ? at - 1 : direction == "down" ? at + 1 : -1;
        if (to < 0 || to >= order.Count) return Invalid($"move-{direction}-{slug}", Core.Common.Error.Invalid("direction", $"“{All[at].Title}” cannot move {direction ?? "there"}.")
            .Keyed(direction == "up" ? "admin.challenges.cannot-move-up" : direction == "down" ? "admin.challenges.cannot-move-down" : "admin.challenges.cannot-move", All[at].Title));
        (order[at], order[to]) = (order[to], order[at]);
        var outcome = await manage.ReorderAsync(Tenant, ActorId, order, ct);
        return outcome.Succeeded ? Done(Words(direction == "up" ? "admin.challenges.done-up" : "admin.challenges.done-down", All[at].Title)) : Invalid("challenges", outcome.Error!);
    }

    public async Task<IActionResult> OnPostArchiveAsync(string? slug, CancellationToken ct)
    {
        await LoadAsync(ct);
        var outcome = await manage.ArchiveAsync(Tenant, ActorId, slug ?? "", ct);
        if (!outcome.Succeeded) return Invalid("challenges", outcome.Error!);
        return Done(Words("admin.challenges.done-archive", All.First(c => c.Slug == slug).Title));
    }

    public static string Tag(ChallengeState state) => state switch
    {
        ChallengeState.Open => "nhsuk-tag--green",
        ChallengeState.Closed => "nhsuk-tag--grey",
        ChallengeState.Draft => "nhsuk-tag--blue",
        _ => "nhsuk-tag--white",
    };

    private async Task LoadAsync(CancellationToken ct)
    {
        Now = clock.GetUtcNow();
        All = await challenges.ListAsync(Tenant.Id, ct);
    }
}
