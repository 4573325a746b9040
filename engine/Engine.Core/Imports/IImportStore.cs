namespace Engine.Core.Imports;

/// <summary>A row ready to be written: its stable key (see <see cref="ImportOfflineIdeas.RowKey"/>) and what it says, in <paramref name="Language"/>.</summary>
public sealed record RowToImport(string RowKey, ImportRowType Type, string Key, long ChallengeId, string Title, string Body, string Parent, DateTimeOffset CreatedAt,
    string? Language = null)
{
    /// <summary>An idea's category and answers to its challenge's idea form, already checked against it.</summary>
    public IdeaForms.IdeaAnswers Answers { get; init; } = IdeaForms.IdeaAnswers.None;
}

public sealed record NewImport(ImportSource Source, string FileName, string FileHash, IReadOnlyList<RowToImport> Rows, long ActorId, DateTimeOffset Now, long? UploadId);

/// <summary>What an import wrote: its source's id, or null when there was nothing new (the same file, or only rows already imported).</summary>
public sealed record ImportResult(long? SourceId, int IdeasAdded, int CommentsAdded, int AlreadyImported);

/// <summary>A file uploaded on the admin page and kept until it is imported (the preview step), so the confirm step need not upload it again.</summary>
public sealed record StagedUpload(long Id, string FileName, byte[] Content, long UploadedBy, DateTimeOffset UploadedAt);

public interface IImportStore
{
    /// <summary>The import of exactly this file, if there was one.</summary>
    Task<ImportedBatch?> FindByHashAsync(string tenantId, string fileHash, CancellationToken ct = default);

    /// <summary>Which of these row keys are already on the site.</summary>
    Task<IReadOnlySet<string>> ImportedKeysAsync(string tenantId, IReadOnlyCollection<string> rowKeys, CancellationToken ct = default);

    /// <summary>
    /// Writes every row not already imported, in one transaction: all of them or none. A file imported before,
    /// or rows imported before (by key), add nothing. The staged upload, if any, is removed in the same transaction.
    /// </summary>
    Task<ImportResult> ImportAsync(string tenantId, NewImport import, CancellationToken ct = default);

    Task<IReadOnlyList<ImportedBatch>> ListAsync(string tenantId, CancellationToken ct = default);

    /// <summary>Keeps an uploaded file for the confirm step; uploads older than a day are dropped on the way.</summary>
    Task<long> StageAsync(string tenantId, string fileName, byte[] content, long uploadedBy, DateTimeOffset now, CancellationToken ct = default);

    Task<StagedUpload?> FindStagedAsync(string tenantId, long id, CancellationToken ct = default);
}
