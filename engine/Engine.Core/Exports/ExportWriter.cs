using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using CsvHelper;

namespace Engine.Core.Exports;

/// <summary>
/// Writes exports as CSV (UTF-8 with a byte-order mark, so Excel reads accents; CRLF line ends) and JSON, row by row
/// into the output stream with asynchronous writes, so a large export never sits in memory as one string.
/// </summary>
public static class ExportWriter
{
    private const int FlushBytes = 32 * 1024;
    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    private static readonly Dictionary<ExportDataset, string[]> Headers = new()
    {
        [ExportDataset.Ideas] = ["id", "challenge", "title", "body", "status", "author", "anonymous", "source", "created_at", "up", "down", "voters", "comments", "merged_into", "language", "category", "fields"],
        [ExportDataset.Comments] = ["id", "idea_id", "challenge", "parent_id", "body", "author", "anonymous", "source", "official", "created_at", "language"],
        [ExportDataset.Votes] = ["idea_id", "challenge", "up", "down", "voters", "points"],
        [ExportDataset.Themes] = ["id", "challenge", "title", "summary", "big_idea_id", "idea_ids"],
        [ExportDataset.BigIdeas] = ["id", "challenge", "title", "summary", "description", "theme_ids"],
        [ExportDataset.Codes] = ["kind", "id", "idea_id", "challenge", "code", "analysts"],
    };

    public static string ContentType(ExportFormat format) => format == ExportFormat.Csv ? "text/csv; charset=utf-8" : "application/json; charset=utf-8";

    /// <param name="fieldKeys">The keys of the exported challenges' idea-form fields: the ideas CSV has a field:&lt;key&gt; column for each
    /// (as the import reads them, so an export's category and answers import again); JSON keeps them as one "fields" object.</param>
    public static async Task WriteAsync(IExportSnapshot snapshot, ExportDataset dataset, ExportFormat format, Stream output, CancellationToken ct,
        IReadOnlyList<string>? fieldKeys = null)
    {
        if (format == ExportFormat.Csv) await WriteCsvAsync(snapshot, dataset, output, fieldKeys ?? [], ct);
        else await WriteJsonAsync(snapshot, dataset, output, ct);
    }

    /// <summary>A dataset's CSV header: the ideas' answers as one column per form field, named as the import names them.</summary>
    public static IReadOnlyList<string> CsvHeader(ExportDataset dataset, IReadOnlyList<string> fieldKeys) => dataset == ExportDataset.Ideas
        ? [.. Headers[dataset].Where(h => h != "fields"), .. fieldKeys.Select(k => Imports.ImportFile.FieldPrefix + k)]
        : Headers[dataset];

    /// <summary>
    /// Every dataset in both formats in one zip, written as it is read, with ZipArchive's asynchronous API: straight into
    /// a response (which cannot seek: each entry's sizes follow its data), so the first bytes leave at once and a national
    /// site's bundle is never held in memory or on disk.
    /// </summary>
    public static async Task WriteZipAsync(IExportSnapshot snapshot, Stream output, CancellationToken ct, IReadOnlyList<string>? fieldKeys = null)
    {
        var response = new AsyncOnlyOutput(output);
        await using (var zip = await ZipArchive.CreateAsync(response, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, ct))
            foreach (var dataset in Enum.GetValues<ExportDataset>())
                foreach (var format in Enum.GetValues<ExportFormat>())
                {
                    var entry = zip.CreateEntry($"{dataset.Name()}.{format.ToString().ToLowerInvariant()}", CompressionLevel.Optimal);
                    await using (var stream = await entry.OpenAsync(ct))
                        await WriteAsync(snapshot, dataset, format, stream, ct, fieldKeys);
                    await response.DrainAsync(ct);
                }
        await response.FlushAsync(ct);
    }

    private static async Task WriteCsvAsync(IExportSnapshot snapshot, ExportDataset dataset, Stream output, IReadOnlyList<string> fieldKeys, CancellationToken ct)
    {
        await using var text = new StreamWriter(output, Utf8WithBom, bufferSize: FlushBytes, leaveOpen: true);
        await using var csv = new CsvWriter(text, CultureInfo.InvariantCulture, leaveOpen: true);
        foreach (var h in CsvHeader(dataset, fieldKeys)) csv.WriteField(h);
        await csv.NextRecordAsync();
        await foreach (var fields in Rows(snapshot, dataset, ct, typed: dataset == ExportDataset.Ideas))
        {
            // An idea's answers (typed, as JSON has them) spread over their field:<key> columns; an anonymous idea's are empty.
            var cells = dataset != ExportDataset.Ideas ? fields
                : [.. fields[..^1], .. fieldKeys.Select(k => (object?)(fields[^1] as IReadOnlyDictionary<string, string>)?.GetValueOrDefault(k))];
            foreach (var f in cells) csv.WriteField(Cell(f));
            await csv.NextRecordAsync();
        }
        await csv.FlushAsync();
        await text.FlushAsync(ct);
    }

    /// <summary>
    /// A CSV cell as text. Text that a spreadsheet would run as a formula (starting with = + - @, tab or CR) gets a
    /// leading apostrophe, as OWASP advises against CSV injection: a member's title "=HYPERLINK(...)" stays text.
    /// The JSON files keep the exact text.
    /// </summary>
    public static string? Cell(object? value) => value switch
    {
        null => null,
        bool b => b ? "true" : "false",
        string s when s.Length > 0 && s[0] is '=' or '+' or '-' or '@' or '\t' or '\r' => "'" + s,
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static async Task WriteJsonAsync(IExportSnapshot snapshot, ExportDataset dataset, Stream output, CancellationToken ct)
    {
        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        var headers = Headers[dataset];
        json.WriteStartArray();
        await foreach (var fields in Rows(snapshot, dataset, ct, typed: true))
        {
            json.WriteStartObject();
            for (var i = 0; i < headers.Length; i++)
            {
                json.WritePropertyName(headers[i]);
                switch (fields[i])
                {
                    case null: json.WriteNullValue(); break;
                    case string s: json.WriteStringValue(s); break;
                    case bool b: json.WriteBooleanValue(b); break;
                    case long l: json.WriteNumberValue(l); break;
                    case int n: json.WriteNumberValue(n); break;
                    case IReadOnlyDictionary<string, string> answers:
                        json.WriteStartObject();
                        foreach (var (key, value) in answers) json.WriteString(key, value);
                        json.WriteEndObject();
                        break;
                    case IReadOnlyList<long> ids:
                        json.WriteStartArray();
                        foreach (var id in ids) json.WriteNumberValue(id);
                        json.WriteEndArray();
                        break;
                    default: json.WriteStringValue(Convert.ToString(fields[i], CultureInfo.InvariantCulture)); break;
                }
            }
            json.WriteEndObject();
            if (json.BytesPending > FlushBytes) await json.FlushAsync(ct);
        }
        json.WriteEndArray();
        await json.FlushAsync(ct);
    }

    /// <summary>Each row as its fields, in the header's order: typed for JSON, as text for CSV.</summary>
    private static async IAsyncEnumerable<object?[]> Rows(IExportSnapshot snapshot, ExportDataset dataset,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct, bool typed = false)
    {
        object? Time(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        object? Ids(IReadOnlyList<long> ids) => typed ? ids : string.Join(' ', ids);
        // A JSON object by field key (typed, for the JSON file); the CSV spreads it over field:<key> columns.
        object? Answers(IReadOnlyDictionary<string, string>? fields) =>
            fields is null || fields.Count == 0 ? null : typed ? fields : JsonSerializer.Serialize(fields);
        switch (dataset)
        {
            case ExportDataset.Ideas:
                await foreach (var i in snapshot.IdeasAsync(ct))
                    yield return [i.Id, i.Challenge, i.Title, i.Body, i.Status, i.Author, i.Anonymous, i.Source, Time(i.CreatedAt), i.Up, i.Down, i.Voters, i.Comments, i.MergedInto, i.Language, i.Category, Answers(i.Fields)];
                break;
            case ExportDataset.Comments:
                await foreach (var k in snapshot.CommentsAsync(ct))
                    yield return [k.Id, k.IdeaId, k.Challenge, k.ParentId, k.Body, k.Author, k.Anonymous, k.Source, k.Official, Time(k.CreatedAt), k.Language];
                break;
            case ExportDataset.Votes:
                await foreach (var v in snapshot.VotesAsync(ct))
                    yield return [v.IdeaId, v.Challenge, v.Up, v.Down, v.Voters, v.Points];
                break;
            case ExportDataset.Themes:
                await foreach (var t in snapshot.ThemesAsync(ct))
                    yield return [t.Id, t.Challenge, t.Title, t.Summary, t.BigIdeaId, Ids(t.IdeaIds)];
                break;
            case ExportDataset.BigIdeas:
                await foreach (var b in snapshot.BigIdeasAsync(ct))
                    yield return [b.Id, b.Challenge, b.Title, b.Summary, b.Description, Ids(b.ThemeIds)];
                break;
            case ExportDataset.Codes:
                await foreach (var k in snapshot.CodesAsync(ct))
                    yield return [k.Kind, k.Id, k.IdeaId, k.Challenge, k.Code, k.Analysts];
                break;
        }
    }
}
