using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;
using CsvHelper;
using CsvHelper.Configuration;
using Engine.Core.Comments;
using Engine.Core.Common;
using Engine.Core.Ideas;

namespace Engine.Core.Imports;

public enum ImportRowType { Idea, Comment }

/// <summary>A problem in the file, where a spreadsheet user can find it: line (1 is the header) and column (1-based, and its name).</summary>
public sealed record ImportError(int Line, int? Column, string? ColumnName, string Message)
{
    /// <summary>
    /// The message's key in the engine's catalogues, so the import page words it in its language (<c>{1}</c>... are
    /// <see cref="Values"/>; <c>{0}</c> the column's name as a field, for the idea and comment rules' own keys);
    /// <see cref="Message"/> stays the English, which the API answers with. A <see cref="DateOnly"/> value is a day to word.
    /// </summary>
    public string? Key { get; init; }

    public IReadOnlyList<object> Values { get; init; } = [];

    /// <summary>This problem with the key (and values) its message is worded by in other languages.</summary>
    public ImportError Keyed(string key, params object[] values) => this with { Key = key, Values = values };

    public override string ToString() =>
        $"Line {Line}" + (Column is { } c ? $", column {c}" + (ColumnName is null ? "" : $" ({ColumnName})") : "") + $": {Message}";
}

/// <summary>One row of the file as read, with the errors found in it (none means it can be imported).</summary>
public sealed record ImportRow(int Line, ImportRowType? Type, string Key, string Challenge, string Title, string Body, string Parent,
    DateTimeOffset? SubmittedAt, IReadOnlyList<ImportError> Errors)
{
    public bool Valid => Errors.Count == 0;

    /// <summary>Its date is earlier than <see cref="ImportDates"/> allows, and the admin said it is right.</summary>
    public bool EarlyDateKept { get; init; }

    /// <summary>The site's language the row names (a culture such as cy-GB); null when it names none (the site's default then).</summary>
    public string? Language { get; init; }

    /// <summary>An idea's category and answers to its challenge's idea form (the category and field:&lt;key&gt; columns), checked as the form checks them.</summary>
    public IdeaForms.IdeaAnswers Answers { get; init; } = IdeaForms.IdeaAnswers.None;
}

/// <summary>The file read and checked on its own (the site's data is checked by <see cref="ImportOfflineIdeas"/>).</summary>
public sealed record ImportFileContents(string FileHash, IReadOnlyList<ImportRow> Rows, IReadOnlyList<ImportError> FileErrors);

/// <summary>
/// The CSV format for ideas and comments gathered offline (docs/import.md). One row per idea or comment:
/// type (idea or comment), key (the row's own name, unique in the file), challenge (its slug), title, body,
/// parent (for a comment, the key of the idea it is on) and submitted_at (optional, a date or date and time,
/// in the site's time zone unless it says otherwise), language (optional, one of the site's languages: cy or cy-GB), and an
/// idea's answers to its challenge's idea form: category, and field:&lt;key&gt; for each extra field (optional, checked as the form checks them).
/// The file must be UTF-8 (a byte-order mark is fine);
/// lines may end in CRLF or LF; fields may be quoted and may then hold commas, quotes ("") and line breaks.
/// </summary>
public static class ImportFile
{
    public const long MaxBytes = 10 * 1024 * 1024;
    public const int KeyMax = 100;
    public static readonly string[] Required = ["type", "key", "challenge", "title", "body"];
    public static readonly string[] Optional = ["parent", "submitted_at", "language", "category"];
    public static IEnumerable<string> Columns => Required.Concat(Optional);

    /// <summary>The column of a challenge's idea-form field: "field:role" holds the answers to the field with key "role".</summary>
    public const string FieldPrefix = "field:";

    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd", "yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss",
        "d/M/yyyy", "d/M/yyyy H:mm", "d/M/yyyy H:mm:ss",
    ];

    /// <summary>The file's identity for idempotence: the same bytes are the same import, whatever the file is called.</summary>
    public static string Hash(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>The uploaded file's name as shown and audited: no path, no control characters, not too long.</summary>
    public static string CleanName(string fileName)
    {
        var name = Path.GetFileName(fileName ?? "").Trim();
        name = new string(name.Where(ch => !char.IsControl(ch)).ToArray());
        return name.Length == 0 ? "upload.csv" : name.Length > 200 ? name[..200] : name;
    }

    /// <param name="challengeSlugs">The site's challenges, to name an unknown one.</param>
    /// <param name="zone">The site's time zone, for dates and times written without an offset.</param>
    /// <param name="dates">How early a row may be dated; null for no such check.</param>
    /// <param name="languages">The site's languages (ContentLanguage.Offered), which the language column may name; null for none.</param>
    /// <param name="forms">Each challenge's idea form by slug, which an idea's category and field:&lt;key&gt; columns answer; none when missing.</param>
    public static ImportFileContents Read(ReadOnlySpan<byte> bytes, IReadOnlyCollection<string> challengeSlugs, TimeZoneInfo zone, DateTimeOffset now,
        ImportDates? dates = null, IReadOnlyList<string>? languages = null, IReadOnlyDictionary<string, IdeaForms.IdeaForm>? forms = null)
    {
        var hash = Hash(bytes);
        if (bytes.Length > MaxBytes)
            return new(hash, [], [new ImportError(1, null, null, $"The file is larger than {MaxBytes / 1024 / 1024} MB: split it into smaller files.")
                .Keyed("admin.import.problem.too-large", MaxBytes / 1024 / 1024)]);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) bytes = bytes[3..];
        if (Decode(bytes, out var text) is { } encodingError) return new(hash, [], [encodingError]);
        if (string.IsNullOrWhiteSpace(text))
            return new(hash, [], [new ImportError(1, null, null, $"The file is empty: it needs a header line ({string.Join(",", Columns)}) and a row per idea or comment.")
                .Keyed("admin.import.problem.empty", string.Join(",", Columns))]);

        var rows = new List<ImportRow>();
        var fileErrors = new List<ImportError>();
        var badData = new List<(int Line, string Field)>();
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            DetectColumnCountChanges = false,
            MissingFieldFound = null,
            BadDataFound = args => badData.Add((args.Context.Parser?.RawRow ?? 0, args.Field)),
            TrimOptions = TrimOptions.None,
        };
        using var reader = new CsvReader(new StringReader(text), config);
        if (!reader.Read())
            return new(hash, [], [new ImportError(1, null, null, "The file has no header line.").Keyed("admin.import.problem.no-header")]);
        var headerLine = reader.Parser.RawRow;
        var header = reader.Parser.Record ?? [];
        var columns = ReadHeader(header, headerLine, fileErrors);
        if (fileErrors.Count > 0) return new(hash, [], fileErrors);

        var lastLine = headerLine;
        while (reader.Read())
        {
            var line = lastLine + 1;
            lastLine = reader.Parser.RawRow;
            var record = reader.Parser.Record ?? [];
            if (record.All(string.IsNullOrWhiteSpace)) continue;
            var errors = new List<ImportError>();
            foreach (var bad in badData)
                errors.Add(new ImportError(line, null, null, "A quote (\") in a field that does not start with one: put the whole field in quotes and double the quotes inside it (\"\").")
                    .Keyed("admin.import.problem.stray-quote"));
            badData.Clear();
            if (record.Length != header.Length)
                errors.Add(new ImportError(line, null, null, $"This row has {record.Length} columns but the header has {header.Length}: check for a missing or extra comma.")
                    .Keyed("admin.import.problem.column-count", record.Length, header.Length));
            string Field(string name) => columns.TryGetValue(name, out var i) && i < record.Length ? record[i].Trim() : "";
            void Fail(string column, string message, string? key, object[] values) =>
                errors.Add(new ImportError(line, columns.TryGetValue(column, out var i) ? i + 1 : null, column, message) { Key = key, Values = values });
            var row = CheckRow(line, Field, Fail, errors, challengeSlugs, zone, now);
            rows.Add(row with
            {
                Language = CheckLanguage(Field("language"), languages ?? [], Fail),
                Answers = CheckAnswers(row, columns, Field, Fail, forms) ?? IdeaForms.IdeaAnswers.None,
            });
        }
        if (rows.Count == 0) fileErrors.Add(new ImportError(headerLine + 1, null, null, "The file has a header but no rows.").Keyed("admin.import.problem.no-rows"));
        CheckAcrossRows(rows, columns);
        if (dates is not null) CheckDates(rows, columns, dates, zone);
        return new(hash, rows, fileErrors);
    }

    /// <summary>Records a problem in a column of the row: its English message, and its key and values for other languages.</summary>
    private delegate void Failing(string column, string message, string? key, object[] values);

    private static ImportRow CheckRow(int line, Func<string, string> field, Failing fail, List<ImportError> errors,
        IReadOnlyCollection<string> challengeSlugs, TimeZoneInfo zone, DateTimeOffset now)
    {
        ImportRowType? type = field("type").ToLowerInvariant() switch
        {
            "idea" => ImportRowType.Idea,
            "comment" => ImportRowType.Comment,
            _ => null,
        };
        if (type is null)
        {
            if (field("type").Length == 0) fail("type", "Type is required: idea or comment.", "admin.import.problem.type-required", []);
            else fail("type", $"“{field("type")}” is not a type: use idea or comment.", "admin.import.problem.not-a-type", [field("type")]);
        }

        var key = field("key");
        if (key.Length == 0) fail("key", "Key is required: a name for the row that is unique in the file, such as a row number.", "admin.import.problem.key-required", []);
        else if (key.Length > KeyMax) fail("key", $"Key must be {KeyMax} characters or fewer (it has {key.Length}).", "admin.import.problem.key-too-long", [KeyMax, key.Length]);

        var challenge = field("challenge");
        if (challenge.Length == 0 && type != ImportRowType.Comment)
            fail("challenge", "Challenge is required: the challenge's slug, as in its address (/challenges/slug).", "admin.import.problem.challenge-required", []);
        else if (challenge.Length > 0 && !challengeSlugs.Contains(challenge, StringComparer.Ordinal))
            fail("challenge", $"There is no challenge “{challenge}” on this site. The challenges are: {string.Join(", ", challengeSlugs)}.",
                "admin.import.problem.no-such-challenge", [challenge, string.Join(", ", challengeSlugs)]);

        var title = field("title");
        var body = field("body");
        var parent = field("parent");
        if (type == ImportRowType.Idea)
        {
            if (IdeaRules.Validate(title, body) is { Succeeded: false, Error: { } invalid }) Refused(invalid);
            if (parent.Length > 0) fail("parent", "An idea has no parent: leave parent empty (it is for comments).", "admin.import.problem.idea-parent", []);
        }
        else if (type == ImportRowType.Comment)
        {
            if (title.Length > 0) fail("title", "A comment has no title: put its words in body and leave title empty.", "admin.import.problem.comment-title", []);
            if (CommentRules.Validate(body, null) is { Succeeded: false, Error: { } invalid }) Refused(invalid);
            if (parent.Length == 0) fail("parent", "Parent is required for a comment: the key of the idea it is on.", "admin.import.problem.parent-required", []);
        }

        DateTimeOffset? submittedAt = null;
        var when = field("submitted_at");
        if (when.Length > 0)
        {
            if (TryParseWhen(when, zone, out var at))
            {
                if (at > now.AddMinutes(5)) fail("submitted_at", $"{when} is in the future.", "admin.import.problem.future", [when]);
                else submittedAt = at;
            }
            else fail("submitted_at", $"“{when}” is not a date: use 2026-05-12, 2026-05-12 14:30 or 12/05/2026 14:30.", "admin.import.problem.not-a-date", [when]);
        }
        return new ImportRow(line, type, key, challenge, title, body, parent, submittedAt, errors);

        // The idea and comment rules' own refusal, keyed as they key it ("error.too-short": {0} is the field).
        void Refused(Error invalid) => fail(invalid.Field!, invalid.Message, invalid.Key, [.. invalid.Values]);
    }

    private static string? CheckLanguage(string language, IReadOnlyList<string> languages, Failing fail)
    {
        if (language.Length == 0) return null;
        if (Tenancy.ContentLanguage.Find(languages, language) is { } found) return found;
        // The languages listed with "or" in English, with commas for a language whose "or" is not the English one.
        fail("language", $"“{language}” is not one of this site's languages: use {string.Join(" or ", languages)}, or leave it empty for {languages.FirstOrDefault() ?? "the site's"}.",
            "admin.import.problem.language", [language, string.Join(", ", languages), languages.FirstOrDefault() ?? "", string.Join(" or ", languages)]);
        return null;
    }

    /// <summary>
    /// An idea's category and field:&lt;key&gt; answers, checked by its challenge's idea form exactly as a posted idea's are (choices
    /// from the list, required fields answered, lengths); the error names the column. A comment answers no form. An empty cell
    /// is no answer, so one file can hold ideas for challenges whose forms differ.
    /// </summary>
    private static IdeaForms.IdeaAnswers? CheckAnswers(ImportRow row, IReadOnlyDictionary<string, int> columns, Func<string, string> field,
        Failing fail, IReadOnlyDictionary<string, IdeaForms.IdeaForm>? forms)
    {
        var answered = columns.Keys.Where(c => (c == "category" || c.StartsWith(FieldPrefix, StringComparison.Ordinal)) && field(c).Length > 0).ToList();
        if (row.Type == ImportRowType.Comment)
        {
            foreach (var column in answered)
                fail(column, "A comment answers no idea form: leave category and field: columns empty on a comment.", "admin.import.problem.comment-answers", []);
            return null;
        }
        if (row.Type != ImportRowType.Idea || !row.Valid && row.Errors.Any(e => e.ColumnName == "challenge")) return null;
        var form = forms?.GetValueOrDefault(row.Challenge) ?? IdeaForms.IdeaForm.None;
        var given = columns.Keys.Where(c => c.StartsWith(FieldPrefix, StringComparison.Ordinal) && field(c).Length > 0)
            .ToDictionary(c => c[FieldPrefix.Length..], c => (string?)field(c));
        var checkedAnswers = IdeaForms.IdeaAnswers.Check(form, field("category"), given);
        if (checkedAnswers.Succeeded) return checkedAnswers.Value;
        var error = checkedAnswers.Error!;
        // The form names its fields as a page does ("fields.role"); the file names them as its header does ("field:role").
        fail(error.Field is { } f && f.StartsWith("fields.", StringComparison.Ordinal) ? FieldPrefix + f["fields.".Length..] : error.Field ?? "category",
            error.Message, error.Key, [.. error.Values]);
        return null;
    }

    /// <summary>What needs the whole file: keys unique, and every comment's parent an idea in it, on the same challenge.</summary>
    private static void CheckAcrossRows(List<ImportRow> rows, IReadOnlyDictionary<string, int> columns)
    {
        ImportError At(ImportRow row, string column, string message, string key, params object[] values) =>
            new ImportError(row.Line, columns[column] + 1, column, message).Keyed(key, values);
        var firstByKey = new Dictionary<string, ImportRow>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row.Key.Length == 0) continue;
            if (firstByKey.TryGetValue(row.Key, out var first))
                rows[i] = row with { Errors = [.. row.Errors, At(row, "key", $"Key “{row.Key}” is also on line {first.Line}: each row needs its own key.", "admin.import.problem.key-twice", row.Key, first.Line)] };
            else firstByKey[row.Key] = row;
        }
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row.Type != ImportRowType.Comment || row.Parent.Length == 0) continue;
            if (!firstByKey.TryGetValue(row.Parent, out var parent) || parent.Type != ImportRowType.Idea)
            {
                rows[i] = row with { Errors = [.. row.Errors, At(row, "parent", $"There is no idea with key “{row.Parent}” in this file.", "admin.import.problem.no-such-idea", row.Parent)] };
                continue;
            }
            if (!parent.Valid)
                rows[i] = row with { Errors = [.. row.Errors, At(row, "parent", $"Its idea (line {parent.Line}) has errors, so the comment cannot be imported either.", "admin.import.problem.idea-has-errors", parent.Line)] };
            else if (row.Challenge.Length > 0 && row.Challenge != parent.Challenge)
                rows[i] = row with
                {
                    Errors = [.. row.Errors, At(row, "challenge", $"The comment says challenge “{row.Challenge}” but its idea (line {parent.Line}) is in “{parent.Challenge}”.",
                        "admin.import.problem.other-challenge", row.Challenge, parent.Line, parent.Challenge)],
                };
            else if (row.Challenge.Length == 0)
                rows[i] = row with { Challenge = parent.Challenge };
        }
    }

    /// <summary>Dates too early (see <see cref="ImportDates"/>), once each comment has its idea's challenge.</summary>
    private static void CheckDates(List<ImportRow> rows, IReadOnlyDictionary<string, int> columns, ImportDates dates, TimeZoneInfo zone)
    {
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row.SubmittedAt is not { } at || dates.TooEarly(at, row.Challenge, zone) is not { } why) continue;
            rows[i] = dates.KeepEarlyDates ? row with { EarlyDateKept = true } : row with
            {
                Errors = [.. row.Errors, new ImportError(row.Line, columns["submitted_at"] + 1, "submitted_at",
                    $"{why.Message}: check the date, or if it is right, say so (“Keep dates from before the session or the challenge”) and preview again.")
                    { Key = why.Key, Values = why.Values }],
            };
        }
    }

    private static Dictionary<string, int> ReadHeader(string[] header, int line, List<ImportError> errors)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            var name = header[i].Trim().ToLowerInvariant().Replace(' ', '_');
            if (!Columns.Contains(name) && !IsFieldColumn(name))
                errors.Add(new ImportError(line, i + 1, header[i],
                    $"“{header[i]}” is not a column the import knows. The columns are: {string.Join(", ", Columns)}, and {FieldPrefix}<key> for each of a challenge's idea-form fields.")
                    .Keyed("admin.import.problem.unknown-column", header[i], string.Join(", ", Columns)));
            else if (!columns.TryAdd(name, i))
                errors.Add(new ImportError(line, i + 1, name, $"Column “{name}” appears twice (columns {columns[name] + 1} and {i + 1}).")
                    .Keyed("admin.import.problem.column-twice", name, columns[name] + 1, i + 1));
        }
        foreach (var missing in Required.Where(r => !columns.ContainsKey(r)))
            errors.Add(new ImportError(line, null, missing, $"The header has no “{missing}” column. The first line must name the columns: {string.Join(",", Columns)}.")
                .Keyed("admin.import.problem.missing-column", missing, string.Join(",", Columns)));
        return columns;
    }

    /// <summary>A field:&lt;key&gt; column whose key could be a form field's (lower-case letters, digits and hyphens).</summary>
    private static bool IsFieldColumn(string name) =>
        name.StartsWith(FieldPrefix, StringComparison.Ordinal) && name.Length > FieldPrefix.Length
        && name[FieldPrefix.Length..].All(ch => ch is >= 'a' and <= 'z' or >= '0' and <= '9' or '-');

    private static bool TryParseWhen(string text, TimeZoneInfo zone, out DateTimeOffset at)
    {
        at = default;
        // An explicit offset or Z is taken as written; otherwise the time is the site's local time.
        if ((text.EndsWith('Z') || text.LastIndexOfAny(['+', '-']) > 10) &&
            DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out at))
            return true;
        if (!DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)) return false;
        if (zone.IsInvalidTime(local)) local = local.AddHours(1);
        at = new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
        return true;
    }

    /// <summary>Strict UTF-8: a file saved as Windows-1252 (say, "café" from Excel's plain CSV) is refused with where, not turned into mojibake.</summary>
    private static ImportError? Decode(ReadOnlySpan<byte> bytes, out string text)
    {
        var chars = ArrayPool<char>.Shared.Rent(Math.Max(1, bytes.Length));
        try
        {
            var status = Utf8.ToUtf16(bytes, chars, out var read, out var written, replaceInvalidSequences: false);
            if (status == OperationStatus.Done)
            {
                text = new string(chars, 0, written);
                return null;
            }
            text = "";
            var before = bytes[..read];
            var line = before.Count((byte)'\n') + 1;
            var lineStart = before.LastIndexOf((byte)'\n') + 1;
            var column = Encoding.UTF8.GetCharCount(before[lineStart..]) + 1;
            return new ImportError(line, null, null,
                $"The file is not UTF-8 text: character {column} on this line is the byte 0x{bytes[read]:X2}, which UTF-8 does not allow. " +
                "In Excel choose Save As, “CSV UTF-8 (Comma delimited)”, and upload that file.").Keyed("admin.import.problem.not-utf8", column, $"{bytes[read]:X2}");
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }
}
