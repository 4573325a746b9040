using Dapper;
using Engine.Core.Imports;

namespace Engine.Data.Stores;

public sealed class ImportStore(Database db) : IImportStore
{
    private const string SelectBatch = """
        SELECT s.id, s.name, s.held_on, s.facilitator, s.file_name, s.file_hash, s.idea_count, s.comment_count, s.imported_at,
               s.imported_by, m.display_name AS importer_name
        FROM import_sources s LEFT JOIN members m ON m.tenant_id = s.tenant_id AND m.id = s.imported_by
        WHERE s.tenant_id = @tenantId
        """;

    public async Task<ImportedBatch?> FindByHashAsync(string tenantId, string fileHash, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        var row = await c.QuerySingleOrDefaultAsync<BatchRow>($"{SelectBatch} AND s.file_hash = @fileHash", new { tenantId, fileHash });
        return row?.ToBatch();
    }

    public async Task<IReadOnlyList<ImportedBatch>> ListAsync(string tenantId, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        return (await c.QueryAsync<BatchRow>($"{SelectBatch} ORDER BY s.id DESC", new { tenantId })).Select(r => r.ToBatch()).ToList();
    }

    public async Task<IReadOnlySet<string>> ImportedKeysAsync(string tenantId, IReadOnlyCollection<string> rowKeys, CancellationToken ct = default)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        await using var c = db.OpenReader();
        // In chunks: SQLite allows a limited number of parameters in one statement.
        foreach (var chunk in rowKeys.Chunk(500))
            found.UnionWith(await c.QueryAsync<string>($"SELECT row_key FROM imported_rows WHERE tenant_id = @tenantId AND {db.IsIn("row_key", "chunk")}", new { tenantId, chunk }));
        return found;
    }

    public Task<ImportResult> ImportAsync(string tenantId, NewImport import, CancellationToken ct = default) =>
        db.WriteAsync(tenantId, (c, tx) =>
        {
            // Checked again inside the write: two confirmations of the same file cannot both import it.
            if (c.ExecuteScalar<long?>("SELECT id FROM import_sources WHERE tenant_id = @tenantId AND file_hash = @FileHash",
                    new { tenantId, import.FileHash }, tx) is not null)
                return new ImportResult(null, 0, 0, import.Rows.Count);

            var existing = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var chunk in import.Rows.Select(r => r.RowKey).Chunk(500))
                foreach (var (rowKey, contentId) in c.Query<(string, long)>(
                             $"SELECT row_key, content_id FROM imported_rows WHERE tenant_id = @tenantId AND {db.IsIn("row_key", "chunk")}", new { tenantId, chunk }, tx))
                    existing[rowKey] = contentId;
            var fresh = import.Rows.Where(r => !existing.ContainsKey(r.RowKey)).ToList();
            if (fresh.Count == 0)
            {
                DropUpload(c, tx, tenantId, import.UploadId);
                return new ImportResult(null, 0, 0, import.Rows.Count);
            }

            var sourceId = Sequences.Next(c, tx, tenantId, "import_source");
            var source = import.Source;
            c.Execute("""
                INSERT INTO import_sources (tenant_id, id, name, held_on, facilitator, file_name, file_hash, idea_count, comment_count, imported_at, imported_by)
                VALUES (@tenantId, @sourceId, @Name, @heldOn, @Facilitator, @FileName, @FileHash, 0, 0, @now, @ActorId)
                """, new { tenantId, sourceId, source.Name, heldOn = source.HeldOn.ToString("yyyy-MM-dd"), source.Facilitator,
                    import.FileName, import.FileHash, now = import.Now.ToUnixMs(), import.ActorId }, tx);

            var authorKey = $"source:{sourceId}";
            // Ideas first, so every comment finds its idea: in this file, or imported before under the same key.
            var ideaIds = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var row in import.Rows.Where(r => r.Type == ImportRowType.Idea))
                if (existing.TryGetValue(row.RowKey, out var id)) ideaIds[row.Key] = id;
            int ideas = 0, comments = 0;
            foreach (var row in fresh.Where(r => r.Type == ImportRowType.Idea))
            {
                var id = Sequences.Next(c, tx, tenantId, "idea");
                var args = new DynamicParameters(new { tenantId, id, row.ChallengeId, authorKey, row.Title, row.Body, createdAt = row.CreatedAt.ToUnixMs(), sourceId, row.Language,
                    row.Answers.Category, answers = StoredAnswers.Write(row.Answers) });
                args.AddDynamicParams(IdeaSearch.IndexedWords(row.Language, row.Title, row.Body));
                c.Execute("""
                    INSERT INTO ideas (tenant_id, id, challenge_id, author_id, author_key, anonymous, title, body, status, moderation, created_at, source_id,
                                       language, title_words, body_words, category, answers)
                    VALUES (@tenantId, @id, @ChallengeId, NULL, @authorKey, 0, @Title, @Body, 'submitted', 'published', @createdAt, @sourceId,
                            @Language, @titleWords, @bodyWords, @Category, @answers)
                    """, args, tx);
                Remember(c, tx, tenantId, row.RowKey, sourceId, "idea", id);
                ideaIds[row.Key] = id;
                ideas++;
            }
            foreach (var row in fresh.Where(r => r.Type == ImportRowType.Comment))
            {
                var ideaId = ideaIds[row.Parent];
                var id = Sequences.Next(c, tx, tenantId, "comment");
                c.Execute("""
                    INSERT INTO comments (tenant_id, id, idea_id, parent_id, author_id, author_key, anonymous, body, moderation, official, created_at, source_id, language)
                    VALUES (@tenantId, @id, @ideaId, NULL, NULL, @authorKey, 0, @Body, 'published', 0, @createdAt, @sourceId, @Language)
                    """, new { tenantId, id, ideaId, authorKey, row.Body, createdAt = row.CreatedAt.ToUnixMs(), sourceId, row.Language }, tx);
                c.Execute("UPDATE ideas SET comment_count = comment_count + 1 WHERE tenant_id = @tenantId AND id = @ideaId", new { tenantId, ideaId }, tx);
                Remember(c, tx, tenantId, row.RowKey, sourceId, "comment", id);
                comments++;
            }
            c.Execute("UPDATE import_sources SET idea_count = @ideas, comment_count = @comments WHERE tenant_id = @tenantId AND id = @sourceId",
                new { tenantId, sourceId, ideas, comments }, tx);
            DropUpload(c, tx, tenantId, import.UploadId);
            return new ImportResult(sourceId, ideas, comments, import.Rows.Count - fresh.Count);
        }, ct);

    public Task<long> StageAsync(string tenantId, string fileName, byte[] content, long uploadedBy, DateTimeOffset now, CancellationToken ct = default) =>
        db.WriteAsync(tenantId, (c, tx) =>
        {
            c.Execute("DELETE FROM import_uploads WHERE tenant_id = @tenantId AND uploaded_at < @dayAgo",
                new { tenantId, dayAgo = now.AddDays(-1).ToUnixMs() }, tx);
            var id = Sequences.Next(c, tx, tenantId, "import_upload");
            c.Execute("""
                INSERT INTO import_uploads (tenant_id, id, file_name, content, uploaded_by, uploaded_at)
                VALUES (@tenantId, @id, @fileName, @content, @uploadedBy, @now)
                """, new { tenantId, id, fileName, content = Convert.ToBase64String(content), uploadedBy, now = now.ToUnixMs() }, tx);
            return id;
        }, ct);

    public async Task<StagedUpload?> FindStagedAsync(string tenantId, long id, CancellationToken ct = default)
    {
        await using var c = db.OpenReader();
        var row = await c.QuerySingleOrDefaultAsync<(long Id, string FileName, string Content, long UploadedBy, long UploadedAt)?>(
            "SELECT id, file_name, content, uploaded_by, uploaded_at FROM import_uploads WHERE tenant_id = @tenantId AND id = @id", new { tenantId, id });
        return row is { } r ? new StagedUpload(r.Id, r.FileName, Convert.FromBase64String(r.Content), r.UploadedBy, Time.FromUnixMs(r.UploadedAt)) : null;
    }

    private static void Remember(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction tx, string tenantId, string rowKey, long sourceId, string kind, long contentId) =>
        c.Execute("""
            INSERT INTO imported_rows (tenant_id, row_key, source_id, kind, content_id) VALUES (@tenantId, @rowKey, @sourceId, @kind, @contentId)
            """, new { tenantId, rowKey, sourceId, kind, contentId }, tx);

    private static void DropUpload(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction tx, string tenantId, long? id)
    {
        if (id is { } uploadId)
            c.Execute("DELETE FROM import_uploads WHERE tenant_id = @tenantId AND id = @uploadId", new { tenantId, uploadId }, tx);
    }

    private sealed record BatchRow(long Id, string Name, string HeldOn, string? Facilitator, string FileName, string FileHash,
        long IdeaCount, long CommentCount, long ImportedAt, long ImportedBy, string? ImporterName)
    {
        public ImportedBatch ToBatch() => new(Id, new ImportSource(Name, DateOnly.ParseExact(HeldOn, "yyyy-MM-dd"), Facilitator),
            FileName, FileHash, (int)IdeaCount, (int)CommentCount, Time.FromUnixMs(ImportedAt), ImporterName ?? $"member {ImportedBy}");
    }
}
