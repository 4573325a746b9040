using Engine.Core.Common;
using Engine.Core.Exports;
using Engine.Core.Imports;
using Engine.Web.Accounts;
using Engine.Web.DataExchange;
using Engine.Web.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Engine.Web.Api;

/// <summary>
/// Import of ideas and comments gathered offline, and exports of the site's data, for the site's admins.
/// An import file is sent as the request body (Content-Type text/csv), the source in the query string; the preview
/// writes nothing, the import writes every row or none. Exports stream CSV, JSON or a zip of everything.
/// </summary>
public static class DataExchangeApi
{
    public sealed record RowResponse(int Line, string? Type, string Key, string Challenge, string Title, string Body, string Parent,
        DateTimeOffset? SubmittedAt, string Status, IReadOnlyList<ErrorResponse> Errors);
    public sealed record ErrorResponse(int Line, int? Column, string? ColumnName, string Message);
    public sealed record BatchResponse(long Id, string Source, string Name, DateOnly HeldOn, string? Facilitator, string FileName, string FileHash,
        int Ideas, int Comments, DateTimeOffset ImportedAt, string ImportedBy);
    public sealed record PreviewResponse(bool CanImport, int NewIdeas, int NewComments, int AlreadyImported, int ErrorCount,
        IReadOnlyDictionary<string, string[]> SourceErrors, IReadOnlyList<ErrorResponse> FileErrors, IReadOnlyList<RowResponse> Rows,
        BatchResponse? ImportedBefore, string FileHash);
    public sealed record ImportResponse(long? ImportId, int IdeasAdded, int CommentsAdded, int AlreadyImported, string Message);

    public static void MapDataExchangeApi(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin").RequireAuthorization(Policies.Admin).AddEndpointFilter<CookieAntiforgery>().WithTags("Import and export");
        var limit = new RequestSizeLimitAttribute(Uploads.RequestLimit);

        admin.MapPost("/imports/preview", async Task<Results<Ok<PreviewResponse>, ProblemHttpResult>> (HttpContext context, string? source, string? heldOn, string? facilitator, string? fileName,
            bool? keepEarlyDates, ImportOfflineIdeas import) =>
        {
            if (await Uploads.ReadBodyAsync(context.Request, context.RequestAborted) is not { } bytes) return TooLarge();
            var preview = await import.PreviewAsync(context.Tenant(), source, heldOn, facilitator, fileName ?? "upload.csv", bytes, context.RequestAborted,
                keepEarlyDates == true);
            return TypedResults.Ok(Response(preview));
        }).WithMetadata(limit).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
          .WithSummary("Check an import file (CSV body; source, heldOn, facilitator and keepEarlyDates in the query) and see every row and error; writes nothing.");

        admin.MapPost("/imports", async Task<Results<Created<ImportResponse>, Ok<ImportResponse>, JsonHttpResult<PreviewResponse>, ProblemHttpResult>> (HttpContext context, string? source, string? heldOn, string? facilitator, string? fileName,
            bool? keepEarlyDates, ImportOfflineIdeas import) =>
        {
            if (await Uploads.ReadBodyAsync(context.Request, context.RequestAborted) is not { } bytes) return TooLarge();
            var (preview, result) = await import.ImportAsync(context.Tenant(), context.User.MemberId()!.Value, source, heldOn, facilitator,
                fileName ?? "upload.csv", bytes, ct: context.RequestAborted, keepEarlyDates: keepEarlyDates == true);
            if (result is null)
                return TypedResults.Json(Response(preview), statusCode: StatusCodes.Status400BadRequest);
            var body = new ImportResponse(result.SourceId, result.IdeasAdded, result.CommentsAdded, result.AlreadyImported, ImportMessage.For(preview, result));
            return result.SourceId is { } id ? TypedResults.Created($"{context.Request.PathBase}/api/v1/admin/imports", body) : TypedResults.Ok(body);
        }).WithMetadata(limit).Produces<PreviewResponse>(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
          .WithSummary("Import the file: every new row, or (with any error) nothing; importing the same file again adds nothing. Audited.");

        admin.MapGet("/imports", async (HttpContext context, IImportStore store) =>
            (await store.ListAsync(context.Tenant().Id, context.RequestAborted)).Select(Batch).ToList())
            .WithSummary("Files imported so far, newest first.");

        admin.MapGet("/exports/{dataset}.{format}", async Task<Results<EmptyHttpResult, Refusal>> (HttpContext context, string dataset, string format, string? challenge,
            Core.Challenges.IChallengeStore challenges, ExportDownload download) =>
        {
            if (!ExportDownload.TryRead(dataset, format, out var d, out var f))
                return ApiResults.Problem(new Core.Common.Error(Core.Common.ErrorKind.NotFound, $"Export {dataset}.{format} (try ideas, comments, votes, themes or big-ideas, as csv or json) was not found."));
            return await SendAsync(context, challenge, challenges, download, d, f);
        }).Produces<Stream>(StatusCodes.Status200OK, "text/csv", "application/json").Refuses(ErrorKind.NotFound)
            .Offers("dataset", Enum.GetValues<ExportDataset>().Select(d => d.Name())).Offers("format", Enum.GetValues<ExportFormat>().Select(f => f.ToString().ToLowerInvariant()))
            .WithSummary("One dataset (ideas, comments, votes, themes, big-ideas) as CSV or JSON, for the site or one challenge (?challenge=slug).");

        admin.MapGet("/exports/bundle.zip", async (HttpContext context, string? challenge, Core.Challenges.IChallengeStore challenges, ExportDownload download) =>
            await SendAsync(context, challenge, challenges, download, null, null))
            .Produces<Stream>(StatusCodes.Status200OK, "application/zip").Refuses(ErrorKind.NotFound).WithSummary("Every dataset in CSV and JSON, in one zip, read from one snapshot.");
    }

    private static async Task<Results<EmptyHttpResult, Refusal>> SendAsync(HttpContext context, string? slug, Core.Challenges.IChallengeStore challenges, ExportDownload download,
        ExportDataset? dataset, ExportFormat? format)
    {
        var tenant = context.Tenant();
        Core.Challenges.Challenge? challenge = null;
        if (!string.IsNullOrEmpty(slug) && (challenge = await challenges.FindBySlugAsync(tenant.Id, slug, context.RequestAborted)) is null)
            return ApiResults.Problem(Core.Common.Error.NotFound("Challenge"));
        await download.SendAsync(context, tenant, context.User.MemberId()!.Value, challenge, dataset, format);
        return TypedResults.Empty;
    }

    private static ProblemHttpResult TooLarge() =>
        TypedResults.Problem(Uploads.TooLargeMessage, statusCode: StatusCodes.Status413PayloadTooLarge, title: "The file is too large",
            extensions: new Dictionary<string, object?> { ["code"] = "problem.file-too-large" });

    private static ErrorResponse Error(ImportError e) => new(e.Line, e.Column, e.ColumnName, e.Message);

    private static BatchResponse Batch(ImportedBatch b) => new(b.Id, b.Source.Describe(), b.Source.Name, b.Source.HeldOn, b.Source.Facilitator,
        b.FileName, b.FileHash, b.Ideas, b.Comments, b.ImportedAt, b.ImportedBy);

    private static PreviewResponse Response(ImportPreview p) => new(p.CanImport, p.NewIdeas, p.NewComments, p.AlreadyImported, p.ErrorCount,
        p.SourceErrors.ToDictionary(e => e.Field ?? "source", e => new[] { e.Message }),
        p.FileErrors.Select(Error).ToList(),
        p.Rows.Select(r => new RowResponse(r.Row.Line, r.Row.Type?.ToString().ToLowerInvariant(), r.Row.Key, r.Row.Challenge, r.Row.Title, r.Row.Body,
            r.Row.Parent, r.Row.SubmittedAt, r.Status switch { RowStatus.New => "new", RowStatus.AlreadyImported => "already-imported", _ => "invalid" },
            r.Row.Errors.Select(Error).ToList())).ToList(),
        p.ImportedBefore is { } b ? Batch(b) : null, p.FileHash);
}
