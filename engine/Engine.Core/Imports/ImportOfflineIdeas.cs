using System.Security.Cryptography;
using System.Text;
using Engine.Core.Challenges;
using Engine.Core.Common;
using Engine.Core.Moderation;
using Engine.Core.Tenancy;

namespace Engine.Core.Imports;

public enum RowStatus { New, AlreadyImported, Invalid }

public sealed record PreviewRow(ImportRow Row, RowStatus Status);

/// <summary>
/// Everything an admin needs before importing: every row with its status and errors, errors in the file as a whole,
/// and whether this exact file was imported before (then nothing would be added).
/// </summary>
public sealed record ImportPreview(ImportSource? Source, IReadOnlyList<Error> SourceErrors, string FileName, string FileHash,
    IReadOnlyList<PreviewRow> Rows, IReadOnlyList<ImportError> FileErrors, ImportedBatch? ImportedBefore)
{
    public IEnumerable<ImportError> RowErrors => Rows.SelectMany(r => r.Row.Errors);
    public int ErrorCount => FileErrors.Count + SourceErrors.Count + Rows.Sum(r => r.Row.Errors.Count);
    public int NewIdeas => Rows.Count(r => r.Status == RowStatus.New && r.Row.Type == ImportRowType.Idea);
    public int NewComments => Rows.Count(r => r.Status == RowStatus.New && r.Row.Type == ImportRowType.Comment);
    public int AlreadyImported => Rows.Count(r => r.Status == RowStatus.AlreadyImported);
    /// <summary>Rows dated earlier than <see cref="ImportDates"/> allows, kept because the admin said the dates are right.</summary>
    public int EarlyDatesKept => Rows.Count(r => r.Row.EarlyDateKept);
    /// <summary>All or nothing: one error anywhere and nothing is imported.</summary>
    public bool CanImport => ErrorCount == 0 && NewIdeas + NewComments > 0;
}

/// <summary>
/// Import of ideas and comments gathered offline (video calls, tweet chats, workshops), for the site's admins.
/// A preview reads and checks the whole file and writes nothing; the import writes every new row in one transaction,
/// or none. Re-importing adds nothing twice: the same file is recognised by its SHA-256, and each row by a key made of
/// its source and contents, so a longer version of a file adds only its new rows.
/// Imported content is published without the moderation rules: the admin importing it is trusted, has read every
/// row in the preview, and the rules (word lists, personal data, first posts) judge a member's own post, which
/// these are not. It still meets the same length limits as posted ideas and comments. Audited.
/// </summary>
public sealed class ImportOfflineIdeas(IChallengeStore challenges, IImportStore store, IModerationStore audit, TimeProvider clock)
{
    /// <param name="keepEarlyDates">The admin says rows dated before their challenge opened, or long before the session, are right.</param>
    public async Task<ImportPreview> PreviewAsync(TenantDefinition tenant, string? sourceName, string? heldOn, string? facilitator,
        string fileName, byte[] bytes, CancellationToken ct = default, bool keepEarlyDates = false)
    {
        var now = clock.GetUtcNow();
        var zone = tenant.Zone();
        var source = ImportSource.Validate(sourceName, heldOn, facilitator, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime));
        var sourceErrors = source.Succeeded ? [] : new List<Error> { source.Error! };
        var known = await challenges.ListAsync(tenant.Id, ct);
        var dates = new ImportDates(source.Value?.HeldOn,
            known.Where(c => c.OpensAt is not null).ToDictionary(c => c.Slug, c => c.OpensAt!.Value, StringComparer.Ordinal), keepEarlyDates);
        var forms = known.ToDictionary(c => c.Slug, c => IdeaForms.IdeaForm.For(tenant, c.Slug), StringComparer.Ordinal);
        var file = ImportFile.Read(bytes, known.Select(c => c.Slug).ToList(), zone, now, dates, ContentLanguage.Offered(tenant), forms);
        var before = await store.FindByHashAsync(tenant.Id, file.FileHash, ct);

        var keys = source.Succeeded ? file.Rows.Where(r => r.Valid).ToDictionary(r => r.Line, r => RowKey(source.Value!, r)) : [];
        var imported = before is null ? await store.ImportedKeysAsync(tenant.Id, keys.Values.ToList(), ct) : new HashSet<string>();
        var rows = file.Rows.Select(r => new PreviewRow(r,
            !r.Valid ? RowStatus.Invalid
            : before is not null || (keys.TryGetValue(r.Line, out var key) && imported.Contains(key)) ? RowStatus.AlreadyImported
            : RowStatus.New)).ToList();
        return new ImportPreview(source.Value, sourceErrors, ImportFile.CleanName(fileName), file.FileHash, rows, file.FileErrors, before);
    }

    /// <summary>Imports the file if its preview has no errors; otherwise returns the preview (and writes nothing).</summary>
    public async Task<(ImportPreview Preview, ImportResult? Result)> ImportAsync(TenantDefinition tenant, long actorId, string? sourceName, string? heldOn,
        string? facilitator, string fileName, byte[] bytes, long? uploadId = null, CancellationToken ct = default, bool keepEarlyDates = false)
    {
        var preview = await PreviewAsync(tenant, sourceName, heldOn, facilitator, fileName, bytes, ct, keepEarlyDates);
        if (preview.ErrorCount > 0) return (preview, null);
        if (preview.ImportedBefore is not null || preview.NewIdeas + preview.NewComments == 0)
            return (preview, new ImportResult(null, 0, 0, preview.AlreadyImported));

        var source = preview.Source!;
        var zone = tenant.Zone();
        // A row without a time of its own is dated at noon on the session's day, in the site's time zone.
        var sessionDay = new DateTimeOffset(source.HeldOn.ToDateTime(new TimeOnly(12, 0)), zone.GetUtcOffset(source.HeldOn.ToDateTime(new TimeOnly(12, 0))));
        var challengeIds = (await challenges.ListAsync(tenant.Id, ct)).ToDictionary(c => c.Slug, c => c.Id);
        var rows = preview.Rows.Select(p => p.Row).Select(r => new RowToImport(RowKey(source, r), r.Type!.Value, r.Key, challengeIds[r.Challenge],
            r.Title, r.Body, r.Parent, r.SubmittedAt ?? sessionDay, r.Language ?? tenant.Locale) { Answers = r.Answers }).ToList();
        var now = clock.GetUtcNow();
        var result = await store.ImportAsync(tenant.Id, new NewImport(source, preview.FileName, preview.FileHash, rows, actorId, now, uploadId), ct);
        if (result.SourceId is { } id)
            await audit.AuditAsync(tenant.Id, actorId, "ideas.imported", $"import {id}",
                $"{result.IdeasAdded} ideas and {result.CommentsAdded} comments {source.Describe().ToLowerInvariant()[..4]}{source.Describe()[4..]}; " +
                $"file {preview.FileName} (SHA-256 {preview.FileHash[..12]}…)" + (result.AlreadyImported > 0 ? $"; {result.AlreadyImported} rows were already imported" : "") +
                (preview.EarlyDatesKept > 0 ? $"; {preview.EarlyDatesKept} rows kept {ImportDates.Described}, as the admin said" : ""),
                now, ct);
        return (preview, result);
    }

    /// <summary>
    /// A row's identity across imports: its source (name and date) and everything it says. The same row in a later,
    /// longer file from the same session is recognised; the same words from another session are not the same row.
    /// </summary>
    public static string RowKey(ImportSource source, ImportRow row)
    {
        var text = string.Join('\u001f', source.Name.ToLowerInvariant(), source.HeldOn.ToString("yyyy-MM-dd"), row.Type, row.Challenge, row.Key,
            row.Title, row.Body, row.Parent, row.SubmittedAt?.ToUnixTimeMilliseconds());
        // Answers join the key only when there are some, so rows imported before the form's columns existed keep their keys.
        if (row.Answers.Category is not null || row.Answers.Values.Count > 0)
            text += '\u001f' + row.Answers.Category + '\u001f' + string.Join('\u001e', row.Answers.Values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={v.Value}"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
