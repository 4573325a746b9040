using Engine.Core.Challenges;
using Engine.Core.Coding;
using Microsoft.AspNetCore.Mvc;

namespace Engine.Web.Pages.Admin;

/// <summary>
/// Coding, one contribution at a time: its words (never its author), the site's codes as checkboxes, and links to the
/// previous and next. Saving goes on to the next contribution this analyst has not coded (their queue). Plain forms and
/// links, so it works without script; coding.js adds the keys (1-9 toggle codes, Enter saves, arrows move).
/// For analysts and admins, whether the challenge is open or closed.
/// </summary>
public sealed class CodingModel(IChallengeStore challenges, ICodingStore store, CodeFrames frames, CodeContribution coding) : AdminPageModel
{
    public IReadOnlyList<Challenge> Challenges { get; private set; } = [];
    public Challenge? Selected { get; private set; }
    public TenantCoding Frame { get; private set; } = new();
    /// <summary>The contribution being coded; null when there is nothing to code.</summary>
    public CodingItem? Item { get; private set; }
    public IReadOnlySet<string> Chosen { get; private set; } = new HashSet<string>();
    public bool Finished { get; private set; }
    public ContributionRef? Previous { get; private set; }
    public ContributionRef? Next { get; private set; }
    public ContributionRef? NextInQueue { get; private set; }
    public int Total { get; private set; }
    public int Coded { get; private set; }
    public string? Slug => Selected?.Slug;

    public async Task<IActionResult> OnGetAsync(string? challenge, string? item, CancellationToken ct)
    {
        if (!await LoadAsync(challenge, ct)) return NotFound();
        var wanted = ContributionRef.Parse(item);
        if (item is not null && wanted is null) return NotFound();
        var current = wanted ?? await store.NextAsync(Tenant.Id, Selected?.Id, null, false, ActorId, ct);
        if (current is { } c && !await ShowAsync(c, null, ct)) return NotFound();
        if (current is null) (Total, Coded) = await store.ProgressAsync(Tenant.Id, Selected?.Id, ActorId, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? challenge, string? item, List<string>? codes, CancellationToken ct)
    {
        if (!await LoadAsync(challenge, ct)) return NotFound();
        if (ContributionRef.Parse(item) is not { } target) return NotFound();
        var done = await coding.HandleAsync(Tenant, ActorId, target, codes ?? [], ct);
        if (!done.Succeeded)
        {
            if (done.Error!.Kind == Core.Common.ErrorKind.NotFound) return NotFound();
            await ShowAsync(target, (codes ?? []).ToHashSet(StringComparer.Ordinal), ct);
            return Invalid("codes", done.Error);
        }
        var next = await store.NextAsync(Tenant.Id, Selected?.Id, target, false, ActorId, ct)
            ?? await store.NextAsync(Tenant.Id, Selected?.Id, null, false, ActorId, ct);
        var named = done.Value!.Count == 0 ? Words("admin.coding.no-code") : string.Join(", ", Frame.Ordered.Where(c => done.Value.Contains(c.Id)).Select(c => c.Name));
        return Done(Words("admin.coding.done", Describe(HttpContext, target), named), new { challenge = Slug, item = next?.ToString() });
    }

    private async Task<bool> LoadAsync(string? challenge, CancellationToken ct)
    {
        Challenges = await challenges.ListAsync(Tenant.Id, ct);
        Frame = await frames.ForAsync(Tenant, ct);
        if (string.IsNullOrEmpty(challenge)) return true;
        Selected = Challenges.FirstOrDefault(c => c.Slug == challenge);
        return Selected is not null;
    }

    private async Task<bool> ShowAsync(ContributionRef item, IReadOnlySet<string>? typed, CancellationToken ct)
    {
        Item = await store.ItemAsync(Tenant.Id, item, ct);
        if (Item is null) return false;
        var (codes, finished) = await store.CodingOfAsync(Tenant.Id, item, ActorId, ct);
        Chosen = typed ?? codes;
        Finished = finished;
        Previous = await store.NextAsync(Tenant.Id, Selected?.Id, item, true, null, ct);
        Next = await store.NextAsync(Tenant.Id, Selected?.Id, item, false, null, ct);
        NextInQueue = await store.NextAsync(Tenant.Id, Selected?.Id, item, false, ActorId, ct);
        (Total, Coded) = await store.ProgressAsync(Tenant.Id, Selected?.Id, ActorId, ct);
        return true;
    }

    public static string Describe(HttpContext context, ContributionRef item) =>
        context.Words(item.Kind == Core.Stats.ContributionKind.Idea ? "admin.coding.idea-n" : "admin.coding.comment-n", item.Id);
}
