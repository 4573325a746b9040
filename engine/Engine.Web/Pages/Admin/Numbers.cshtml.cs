using System.Globalization;
using System.Text.Json;
using Engine.Core.Challenges;
using Engine.Core.Stats;
using Engine.Core.Tenancy;
using Microsoft.AspNetCore.Mvc;

namespace Engine.Web.Pages.Admin;

/// <summary>
/// The team's numbers over time: the site's or one challenge's headline numbers, and day by day (in the site's
/// time zone) as charts, with the same figures in tables. Definitions are Core.Stats.Numbers, as on the public page.
/// </summary>
public sealed class NumbersModel(IStatsQuery stats, IChallengeStore challenges, TimeProvider clock, Core.IdeaForms.IIdeaFacetStore facets) : AdminPageModel
{
    public IReadOnlyList<Challenge> Challenges { get; private set; } = [];
    public Challenge? Selected { get; private set; }
    public SiteStats Totals { get; private set; } = SiteStats.None;
    public IReadOnlyList<DayNumbers> Days { get; private set; } = [];
    /// <summary>People who had taken part by the end of each day.</summary>
    public IReadOnlyList<int> PeopleSoFar { get; private set; } = [];
    public string ZoneName => Tenant.TimeZone;
    /// <summary>The chosen challenge's ideas by category and by its form's answers, no group smaller than 5 people (admins too: they export and share these).</summary>
    public IReadOnlyList<Engine.Themes.Pages.BreakdownView> Breakdowns { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? challenge, CancellationToken ct)
    {
        Challenges = await challenges.ListAsync(Tenant.Id, ct);
        if (!string.IsNullOrEmpty(challenge))
        {
            Selected = Challenges.FirstOrDefault(c => c.Slug == challenge);
            if (Selected is null) return NotFound();
        }
        Totals = Selected is null ? await stats.GetAsync(Tenant.Id, ct) : await stats.ForChallengeAsync(Tenant.Id, Selected.Id, ct);
        Days = await stats.DailyAsync(Tenant.Id, Selected?.Id, Tenant.Zone(), clock.GetUtcNow(), ct);
        var total = 0;
        PeopleSoFar = Days.Select(d => total += d.NewPeople).ToList();
        if (Selected is not null)
            Breakdowns = await Site.IdeaFormViews.BreakdownsAsync(Tenant, Selected, facets, HttpContext.Culture(), Words("admin.breakdowns.other"), ct);
        return Page();
    }

    /// <summary>The chart's data, as JSON for a data attribute (Razor encodes it for the attribute).</summary>
    public string Series() => JsonSerializer.Serialize(Days.Select((d, n) => new
    {
        day = d.Day.ToString("d MMM", HttpContext.Culture()),
        ideas = d.Ideas, comments = d.Comments, votes = d.Votes, people = d.People, peopleSoFar = PeopleSoFar[n],
    }));
}
