using System.Globalization;

namespace Engine.Core.Imports;

/// <summary>
/// How early an imported row may say it was submitted: not before its challenge opened, and not more than
/// <see cref="DaysBeforeSession"/> days before the session it was gathered at (a tweet chat's thread may start the
/// week before; a date months out is almost always a slip in the spreadsheet). An earlier date is refused with its
/// line and column, unless the admin says the file's dates are right (<see cref="KeepEarlyDates"/>): those rows are
/// then imported as dated, and the import's audit entry counts them.
/// </summary>
/// <param name="SessionDay">The session's date, when the form gave a good one.</param>
/// <param name="ChallengeOpens">When each challenge (by slug) opened, for those with an opening date.</param>
public sealed record ImportDates(DateOnly? SessionDay, IReadOnlyDictionary<string, DateTimeOffset> ChallengeOpens, bool KeepEarlyDates)
{
    public const int DaysBeforeSession = 7;

    /// <summary>What the form's checkbox and the API's query parameter are called.</summary>
    public const string KeepEarlyDatesField = "keepEarlyDates";

    /// <summary>What an admin who keeps such dates is told, and what the audit entry says of them.</summary>
    public static string Described => $"a date from before their challenge opened or more than {DaysBeforeSession} days before the session";

    /// <summary>
    /// Why <paramref name="at"/> is too early for a row in <paramref name="challenge"/>, or null when it is not: in English,
    /// and as the key of the whole problem (the reason and what to do) with its values, the days as <see cref="DateOnly"/>.
    /// </summary>
    public (string Message, string Key, object[] Values)? TooEarly(DateTimeOffset at, string challenge, TimeZoneInfo zone)
    {
        var culture = CultureInfo.GetCultureInfo("en-GB");
        DateOnly Day(DateTimeOffset t) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(t, zone).DateTime);
        string Text(DateOnly day) => day.ToString("d MMMM yyyy", culture);
        if (ChallengeOpens.TryGetValue(challenge, out var opens) && at < opens)
            return ($"{Text(Day(at))} is before the challenge “{challenge}” opened ({Text(Day(opens))})", "admin.import.problem.before-challenge", [Day(at), challenge, Day(opens)]);
        if (SessionDay is { } session && Day(at) < session.AddDays(-DaysBeforeSession))
            return ($"{Text(Day(at))} is more than {DaysBeforeSession} days before the session ({Text(session)})", "admin.import.problem.before-session",
                [Day(at), DaysBeforeSession, session]);
        return null;
    }
}
