using Engine.Core.Challenges;
using Engine.Core.Imports;
using Engine.Core.Tenancy;
using Engine.Web.DataExchange;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Engine.Web.Pages.Admin;

/// <summary>
/// Import of ideas and comments gathered offline: upload a CSV and name its source, see every row and every error,
/// then confirm. Nothing is written to the site until the confirmation, and then every new row or none. The upload
/// is kept (staged) between the two steps, so the file is not sent twice.
/// Antiforgery is checked in the handlers, after the size check: the framework's own check reads the form first,
/// and a 50 MB upload would then get a bare 400 instead of the message that it is too large.
/// </summary>
[IgnoreAntiforgeryToken]
[RequestSizeLimit(Uploads.RequestLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = Uploads.RequestLimit)]
public sealed class ImportModel(ImportOfflineIdeas import, IImportStore store, IChallengeStore challenges, IAntiforgery antiforgery, TimeProvider clock)
    : AdminPageModel
{
    public string? Source { get; private set; }
    public string? HeldOn { get; private set; }
    public string? Facilitator { get; private set; }
    /// <summary>The admin says rows dated before their challenge or long before the session are right (see <see cref="ImportDates"/>).</summary>
    public bool KeepEarlyDates { get; private set; }
    public ImportPreview? Preview { get; private set; }
    public long? UploadId { get; private set; }
    public IReadOnlyList<ImportedBatch> History { get; private set; } = [];
    public IReadOnlyList<Challenge> Challenges { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>A small example file using this site's own challenges, to start from.</summary>
    public async Task<IActionResult> OnGetExampleAsync(CancellationToken ct)
    {
        var slug = (await challenges.ListAsync(Tenant.Id, ct)).FirstOrDefault()?.Slug ?? "your-challenge";
        // With the columns its idea form takes (category, field:<key>), answered as the form allows.
        var form = Engine.Core.IdeaForms.IdeaForm.For(Tenant, slug);
        // Dated yesterday, so that whenever it is downloaded its times have passed and a session held then takes them.
        var yesterday = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Tenant.Zone()).DateTime).AddDays(-1);
        return File(System.Text.Encoding.UTF8.GetBytes(ImportExample.Csv(slug, form, yesterday)), "text/csv; charset=utf-8", "import-example.csv");
    }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        var (form, refused) = await ReadFormAsync(ct);
        if (refused is not null) return refused;
        ReadSource(form!);
        var file = form!.Files.GetFile("file");
        if (file is null || file.Length == 0) return await InvalidAsync("file", Words("admin.import.choose-file"), ct);
        if (file.Length > ImportFile.MaxBytes) return await InvalidAsync("file", TooLarge, ct);
        await using var stream = file.OpenReadStream();
        if (await Uploads.ReadLimitedAsync(stream, ct) is not { } bytes) return await InvalidAsync("file", TooLarge, ct);

        Preview = await import.PreviewAsync(Tenant, Source, HeldOn, Facilitator, file.FileName, bytes, ct, KeepEarlyDates);
        ShowErrors(Preview);
        if (Preview.CanImport) UploadId = await store.StageAsync(Tenant.Id, Preview.FileName, bytes, ActorId, clock.GetUtcNow(), ct);
        await LoadAsync(ct);
        var page = Page();
        if (Errors.Count > 0) page.StatusCode = StatusCodes.Status400BadRequest;
        return page;
    }

    public async Task<IActionResult> OnPostImportAsync(CancellationToken ct)
    {
        var (form, refused) = await ReadFormAsync(ct);
        if (refused is not null) return refused;
        ReadSource(form!);
        if (!long.TryParse(form!["uploadId"], out var uploadId) || await store.FindStagedAsync(Tenant.Id, uploadId, ct) is not { } staged)
            return await InvalidAsync("file", Words("admin.import.upload-gone"), ct);

        var (preview, result) = await import.ImportAsync(Tenant, ActorId, Source, HeldOn, Facilitator, staged.FileName, staged.Content, uploadId, ct, KeepEarlyDates);
        if (result is null)
        {
            // The site changed since the preview (a challenge renamed, say): show why, and import nothing.
            Preview = preview;
            ShowErrors(preview);
            await LoadAsync(ct);
            var page = Page();
            page.StatusCode = StatusCodes.Status400BadRequest;
            return page;
        }
        return Done(ImportMessage.For(preview, result, HttpContext.Culture()));
    }

    public static string StatusKey(PreviewRow row) => row.Status switch
    {
        RowStatus.New => "admin.import.status-new",
        RowStatus.AlreadyImported => "admin.import.status-already",
        _ => "admin.import.status-error",
    };

    /// <summary>The confirm button: "Import 2 ideas and 1 comment".</summary>
    public static string ImportButton(HttpContext context, ImportPreview preview) =>
        context.Words("admin.import.import", ImportMessage.Counted(context.Culture(), preview.NewIdeas, preview.NewComments));

    public static string Excerpt(string text) => text.Length <= 160 ? text : text[..160].TrimEnd() + "…";

    private async Task<(IFormCollection? Form, IActionResult? Refused)> ReadFormAsync(CancellationToken ct)
    {
        if (Request.ContentLength > Uploads.RequestLimit) return (null, await InvalidAsync("file", TooLarge, ct));
        IFormCollection form;
        try
        {
            form = await Request.ReadFormAsync(ct);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException)
        {
            return (null, await InvalidAsync("file", TooLarge, ct));
        }
        try
        {
            await antiforgery.ValidateRequestAsync(HttpContext);
        }
        catch (AntiforgeryValidationException)
        {
            return (null, BadRequest());
        }
        return (form, null);
    }

    private void ReadSource(IFormCollection form)
    {
        Source = form["source"];
        HeldOn = form["heldOn"];
        Facilitator = form["facilitator"];
        KeepEarlyDates = form[ImportDates.KeepEarlyDatesField] == "true";
    }

    private void ShowErrors(ImportPreview preview)
    {
        foreach (var e in preview.SourceErrors) Errors.Add(new FieldError(e.Field ?? "source", HttpContext.Words(e)));
        foreach (var e in preview.FileErrors) Errors.Add(new FieldError("file", Describe(e)));
        // The summary names the first errors; every one is also beside its row in the table, however many there are.
        var rowErrors = preview.Rows.SelectMany(r => r.Row.Errors.Select(e => new FieldError($"line-{r.Row.Line}", Describe(e)))).ToList();
        Errors.AddRange(rowErrors.Take(SummaryLimit));
        if (rowErrors.Count > SummaryLimit)
            Errors.Add(new FieldError("preview-rows", HttpContext.Words("admin.import.more-errors", rowErrors.Count - SummaryLimit)));
    }

    private const int SummaryLimit = 50;

    /// <summary>Where the problem is and what it is, in the page's language ("Line 3, column 2 (title): ...").</summary>
    private string Describe(ImportError e)
    {
        var problem = Problem(HttpContext.Culture(), e);
        return e.Column is not { } column ? Words("admin.import.error-line", e.Line, problem)
            : e.ColumnName is null ? Words("admin.import.error-line-column", e.Line, column, problem)
            : Words("admin.import.error-line-column-named", e.Line, column, e.ColumnName, problem);
    }

    /// <summary>The problem itself in the page's language, by its key (a day worded as the page words days), else as the check wrote it.</summary>
    public static string Problem(System.Globalization.CultureInfo culture, ImportError e)
    {
        object[] values = [.. e.Values.Select(v => v is DateOnly day ? day.ToString("d MMMM yyyy", culture) : v)];
        return Languages.ErrorWords.Text(culture, new Core.Common.Error(Core.Common.ErrorKind.Validation, e.Message, e.ColumnName) { Key = e.Key, Values = values });
    }

    private string TooLarge => Words("admin.import.too-large", ImportFile.MaxBytes / 1024 / 1024);

    private async Task<PageResult> InvalidAsync(string field, string message, CancellationToken ct)
    {
        await LoadAsync(ct);
        return Invalid(field, new Core.Common.Error(Core.Common.ErrorKind.Validation, message, field));
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        History = await store.ListAsync(Tenant.Id, ct);
        Challenges = await challenges.ListAsync(Tenant.Id, ct);
    }
}
