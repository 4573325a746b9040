using Engine.Core.Challenges;
using Engine.Core.Ideas;

namespace Engine.Web.Pages.Admin;

/// <summary>A challenge's ideas, newest first, with their place on the roadmap: where a community manager goes to change an idea's status.</summary>
public sealed class IdeasModel(IChallengeStore challenges, ListIdeas list) : AdminPageModel
{
    public const int PageSize = 50;

    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true, Name = "challenge")]
    public string? ChallengeSlug { get; set; }

    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Challenge> Challenges { get; private set; } = [];
    public Challenge? Chosen { get; private set; }
    public IdeaPage? Found { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Challenges = (await challenges.ListAsync(Tenant.Id, ct)).Where(c => c.State != ChallengeState.Archived).ToList();
        Chosen = Challenges.FirstOrDefault(c => c.Slug == ChallengeSlug) ?? Challenges.FirstOrDefault();
        if (Chosen is null) return;
        ChallengeSlug = Chosen.Slug;
        PageNumber = Math.Max(1, PageNumber);
        Found = await list.PageAsync(Tenant, Chosen, IdeaSort.New, PageNumber, PageSize, ct);
    }
}
