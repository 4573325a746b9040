using Engine.Core.Challenges;
using Engine.Core.Exports;
using Engine.Web.DataExchange;
using Microsoft.AspNetCore.Mvc;

namespace Engine.Web.Pages.Admin;

/// <summary>
/// Downloads of the site's data, for the whole site or one challenge: ideas, comments, vote tallies, themes and big
/// ideas as CSV or JSON, or all of them in a zip. What the public site shows, and no more: anonymous contributions
/// carry no identity, and votes are counted per idea, never listed per member.
/// </summary>
public sealed class ExportsModel(IChallengeStore challenges, ExportDownload download) : AdminPageModel
{
    public IReadOnlyList<Challenge> Challenges { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Challenges = await challenges.ListAsync(Tenant.Id, ct);

    public async Task<IActionResult> OnGetDownloadAsync(string? challenge, string? dataset, string? format, CancellationToken ct)
    {
        Challenge? one = null;
        if (!string.IsNullOrEmpty(challenge) && (one = await challenges.FindBySlugAsync(Tenant.Id, challenge, ct)) is null) return NotFound();
        if (dataset is null && format is null)
        {
            await download.SendAsync(HttpContext, Tenant, ActorId, one, null, null);
            return new EmptyResult();
        }
        if (!ExportDownload.TryRead(dataset, format, out var d, out var f)) return NotFound();
        await download.SendAsync(HttpContext, Tenant, ActorId, one, d, f);
        return new EmptyResult();
    }

    /// <summary>The key of a dataset's name on the page ("Votes (tallies per idea)").</summary>
    public static string DatasetKey(ExportDataset d) => d switch
    {
        ExportDataset.Ideas => "admin.exports.dataset-ideas",
        ExportDataset.Comments => "admin.exports.dataset-comments",
        ExportDataset.Votes => "admin.exports.dataset-votes",
        ExportDataset.Themes => "admin.exports.dataset-themes",
        ExportDataset.Codes => "admin.exports.dataset-codes",
        _ => "admin.exports.dataset-big-ideas",
    };
}
