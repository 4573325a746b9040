using System.Globalization;
using Engine.Core.Common;

namespace Engine.Core.Imports;

/// <summary>
/// Where a batch of offline ideas came from: a video call, a tweet chat, a workshop. Imported ideas and comments
/// show this instead of an author, because the people who spoke at the session never registered.
/// </summary>
public sealed record ImportSource(string Name, DateOnly HeldOn, string? Facilitator)
{
    public const int NameMin = 3, NameMax = 150, FacilitatorMax = 100;

    /// <summary>"From Connect session, 12 May 2026, facilitated by Jo Bloggs": what the site shows in place of an author.</summary>
    public string Describe() =>
        $"From {Name}, {HeldOn.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))}" +
        (string.IsNullOrWhiteSpace(Facilitator) ? "" : $", facilitated by {Facilitator}");

    /// <summary>Checks the source typed into the import form; errors name the form field (source, heldOn, facilitator).</summary>
    public static Outcome<ImportSource> Validate(string? name, string? heldOn, string? facilitator, DateOnly today)
    {
        if (TextRules.Check("source", name, NameMin, NameMax, out var n) is { } nameError) return nameError;
        if (string.IsNullOrWhiteSpace(heldOn))
            return Error.Invalid("heldOn", "Enter the date the session was held, such as 2026-05-12.").Keyed("admin.import.held-on-required");
        if (!DateOnly.TryParseExact(heldOn.Trim(), ["yyyy-MM-dd", "d/M/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return Error.Invalid("heldOn", $"“{heldOn.Trim()}” is not a date: enter it as year-month-day, such as 2026-05-12.").Keyed("admin.import.held-on-format", heldOn.Trim());
        if (date > today)
            return Error.Invalid("heldOn", "The session's date is in the future: enter the day it was held.").Keyed("admin.import.held-on-future");
        var f = facilitator?.Trim();
        if (f is { Length: > FacilitatorMax })
            return Error.Invalid("facilitator", $"Facilitator must be {FacilitatorMax} characters or fewer (it has {f.Length}).")
                .Keyed("admin.import.facilitator-too-long", FacilitatorMax, f.Length);
        return new ImportSource(n, date, string.IsNullOrEmpty(f) ? null : f);
    }
}

/// <summary>A source as stored with an import: what the site shows, and when and by whom the file was imported.</summary>
public sealed record ImportedBatch(long Id, ImportSource Source, string FileName, string FileHash, int Ideas, int Comments,
    DateTimeOffset ImportedAt, string ImportedBy);
