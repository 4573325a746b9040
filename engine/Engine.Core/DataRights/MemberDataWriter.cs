using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CsvHelper;
using Engine.Core.Exports;

namespace Engine.Core.DataRights;

/// <summary>
/// The member's data as one zip: my-data.json with everything, and a CSV file per kind of record for a spreadsheet
/// (UTF-8 with a byte-order mark, cells that a spreadsheet would run as formulas made text, as in the site's exports).
/// </summary>
public static class MemberDataWriter
{
    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>A member's data is small, so the zip is made in memory; ZipArchive writes synchronously.</summary>
    public static byte[] Zip(MemberData data)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var json = zip.CreateEntry("my-data.json", CompressionLevel.Optimal).Open())
                JsonSerializer.Serialize(json, data, Json);
            foreach (var (name, header, rows) in Tables(data))
            {
                using var entry = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                WriteCsv(entry, header, rows);
            }
        }
        return buffer.ToArray();
    }

    private static void WriteCsv(Stream output, string[] header, IEnumerable<object?[]> rows)
    {
        using var text = new StreamWriter(output, Utf8WithBom, leaveOpen: true);
        using var csv = new CsvWriter(text, CultureInfo.InvariantCulture);
        foreach (var h in header) csv.WriteField(h);
        csv.NextRecord();
        foreach (var row in rows)
        {
            foreach (var field in row) csv.WriteField(ExportWriter.Cell(field));
            csv.NextRecord();
        }
    }

    private static string Time(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
    private static string? Time(DateTimeOffset? t) => t is { } at ? Time(at) : null;

    private static IEnumerable<(string Name, string[] Header, IEnumerable<object?[]> Rows)> Tables(MemberData d)
    {
        var a = d.Account;
        yield return ("account.csv", ["id", "display_name", "email", "email_confirmed", "role", "blocked", "language", "created_at"],
            [[a.Id, a.DisplayName, a.Email, a.EmailConfirmed, a.Role, a.Blocked, a.Language, Time(a.CreatedAt)]]);
        yield return ("ideas.csv", ["id", "challenge", "title", "body", "anonymous", "moderation", "moderation_reason", "created_at"],
            d.Ideas.Select(i => new object?[] { i.Id, i.Challenge, i.Title, i.Body, i.Anonymous, i.Moderation, i.ModerationReason, Time(i.CreatedAt) }));
        yield return ("images.csv", ["id", "idea_id", "alt_text", "width", "height", "created_at"],
            d.Images.Select(i => new object?[] { i.Id, i.IdeaId, i.AltText, i.Width, i.Height, Time(i.CreatedAt) }));
        yield return ("comments.csv", ["id", "idea_id", "idea_title", "challenge", "body", "anonymous", "moderation", "moderation_reason", "created_at"],
            d.Comments.Select(k => new object?[] { k.Id, k.IdeaId, k.Title, k.Challenge, k.Body, k.Anonymous, k.Moderation, k.ModerationReason, Time(k.CreatedAt) }));
        yield return ("votes.csv", ["idea_id", "idea_title", "challenge", "value", "created_at"],
            d.Votes.Select(v => new object?[] { v.IdeaId, v.IdeaTitle, v.Challenge, v.Value, Time(v.CreatedAt) }));
        yield return ("follows.csv", ["kind", "id", "title", "created_at"],
            d.Follows.Select(f => new object?[] { f.Kind, f.TargetId, f.Title, Time(f.CreatedAt) }));
        var p = d.EmailPreferences;
        yield return ("email-preferences.csv", ["replies", "status_changes", "official_responses", "admin_updates", "digest"],
            [[p.Replies, p.StatusChanges, p.OfficialResponses, p.AdminUpdates, p.Digest.ToString().ToLowerInvariant()]]);
        yield return ("tokens.csv", ["id", "name", "created_at", "last_used_at", "expires_at"],
            d.Tokens.Select(t => new object?[] { t.Id, t.Name, Time(t.CreatedAt), Time(t.LastUsedAt), Time(t.ExpiresAt) }));
        yield return ("sessions.csv", ["signed_out_at"], d.EndedSessions.Select(s => new object?[] { Time(s.EndedAt) }));
        yield return ("signed-in.csv", ["started_at", "how", "browser"], d.Sessions.Select(s => new object?[] { Time(s.StartedAt), s.How, s.Device }));
        yield return ("provider-links.csv", ["provider", "subject", "created_at"],
            d.ProviderLinks.Select(l => new object?[] { l.Provider, l.Subject, Time(l.CreatedAt) }));
        yield return ("two-factor.csv", ["enabled", "recovery_codes_left"], [[d.TwoFactor.Enabled, d.TwoFactor.RecoveryCodesLeft]]);
    }
}
