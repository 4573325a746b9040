using Engine.Core.Challenges;
using Engine.Core.Exports;
using Engine.Core.Moderation;
using Engine.Core.Tenancy;
using Microsoft.Net.Http.Headers;

namespace Engine.Web.DataExchange;

/// <summary>
/// Sends an export as a download: one dataset as CSV or JSON, or every dataset in a zip, each streamed as it is read
/// (bench/analysis.md measures a national site's: the memory they take and figure 5 meanwhile). Audited: an export is a copy of
/// the site's data leaving it.
/// </summary>
public sealed class ExportDownload(IExportSource source, IModerationStore audit, TimeProvider clock)
{
    /// <param name="dataset">Null with a null <paramref name="format"/>: the zip of everything.</param>
    public async Task SendAsync(HttpContext http, TenantDefinition tenant, long actorId, Challenge? challenge, ExportDataset? dataset, ExportFormat? format)
    {
        var ct = http.RequestAborted;
        var now = clock.GetUtcNow();
        var what = dataset is { } d && format is { } f ? $"{d.Name()}.{f.ToString().ToLowerInvariant()}" : "bundle.zip";
        var fileName = $"{tenant.Id}-{challenge?.Slug ?? "all-challenges"}-{now:yyyyMMdd-HHmm}-{what}";
        await audit.AuditAsync(tenant.Id, actorId, "data.exported", challenge is null ? "site" : $"challenge {challenge.Slug}", what, now, ct);

        var response = http.Response;
        response.Headers.CacheControl = "no-store";
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = fileName, FileName = fileName }.ToString();
        await using var snapshot = await source.OpenAsync(tenant.Id, challenge?.Id, ct);
        if (dataset is { } one && format is { } as_)
        {
            response.ContentType = ExportWriter.ContentType(as_);
            await ExportWriter.WriteAsync(snapshot, one, as_, response.Body, ct, FieldKeys(tenant, challenge));
            return;
        }
        response.ContentType = "application/zip";
        await ExportWriter.WriteZipAsync(snapshot, response.Body, ct, FieldKeys(tenant, challenge));
    }

    /// <summary>The keys of the idea-form fields of the exported challenge, or of every challenge with a form (tenant.json's or an admin's), in order.</summary>
    private static IReadOnlyList<string> FieldKeys(TenantDefinition tenant, Challenge? challenge) =>
        (challenge is not null ? new[] { challenge.Slug } : tenant.Challenges.Select(c => c.Slug).Concat(tenant.ChallengeOverrides.Keys))
        .SelectMany(slug => Core.IdeaForms.IdeaForm.For(tenant, slug).Fields.Select(f => f.Key)).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>"ideas", "csv" to the dataset and format, or false with nothing set.</summary>
    public static bool TryRead(string? dataset, string? format, out ExportDataset d, out ExportFormat f)
    {
        f = default;
        return ExportNames.TryParse(dataset, out d) & ExportNames.TryParse(format, out f);
    }
}
