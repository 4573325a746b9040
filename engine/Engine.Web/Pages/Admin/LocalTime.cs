using System.Globalization;
using Engine.Core.Common;

namespace Engine.Web.Pages.Admin;

/// <summary>
/// Admins type and read times in the site's own time zone (a datetime-local input has no zone);
/// the store keeps UTC, so a challenge opens at the same instant on every server.
/// </summary>
public static class LocalTime
{
    private static readonly string[] Formats = ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"];

    /// <summary>"London time" for Europe/London: how the zone reads in a label.</summary>
    public static string Name(TimeZoneInfo zone) => zone == TimeZoneInfo.Utc ? "UTC" : $"{ZoneCity(zone)} time";

    /// <summary>"London time" in English, "amser London" in Welsh: the zone's city, as the zone database names it.</summary>
    public static string ZoneName(this HttpContext context, TimeZoneInfo zone) =>
        zone == TimeZoneInfo.Utc ? "UTC" : context.Words("admin.challenges.zone", ZoneCity(zone));

    private static string ZoneCity(TimeZoneInfo zone) => zone.Id[(zone.Id.LastIndexOf('/') + 1)..].Replace('_', ' ');

    /// <summary>The value a datetime-local input shows for a stored instant.</summary>
    public static string Input(DateTimeOffset? at, TimeZoneInfo zone) =>
        at is { } value ? TimeZoneInfo.ConvertTime(value, zone).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture) : "";

    public static string Show(DateTimeOffset? at, TimeZoneInfo zone) =>
        at is { } value ? TimeZoneInfo.ConvertTime(value, zone).ToString("d MMM yyyy, HH:mm", CultureInfo.GetCultureInfo("en-GB")) : "Not set";

    /// <summary>A stored instant in the site's zone, with the page's language's month names; "Not set" in that language.</summary>
    public static string Show(this HttpContext context, DateTimeOffset? at, TimeZoneInfo zone) =>
        at is { } value ? TimeZoneInfo.ConvertTime(value, zone).ToString("d MMM yyyy, HH:mm", context.Culture()) : context.Words("admin.challenges.not-set");

    /// <summary>Reads what was typed as a time in the site's zone; empty is "not set". The error names the field.</summary>
    public static bool TryParse(string? text, TimeZoneInfo zone, string field, out DateTimeOffset? utc, out Error? error)
    {
        utc = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (!DateTime.TryParseExact(text.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            error = Error.Invalid(field, "Enter a date and time, such as 2026-03-01 09:00.").Keyed("admin.challenge-edit.time-format");
            return false;
        }
        if (zone.IsInvalidTime(local))
        {
            error = Error.Invalid(field, $"{local:d MMM yyyy, HH:mm} does not exist in {Name(zone)}: the clocks go forward then. Choose another time.")
                .Keyed("admin.challenge-edit.time-skipped", local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), ZoneCity(zone));
            return false;
        }
        utc = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone), TimeSpan.Zero);
        return true;
    }
}
