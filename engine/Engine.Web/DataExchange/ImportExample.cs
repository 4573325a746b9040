namespace Engine.Web.DataExchange;

/// <summary>The example import file offered on the admin page (docs/import-example.csv is the same, for the sample site).</summary>
public static class ImportExample
{
    /// <param name="day">The day its rows are dated: a session held then imports them as they are (an import refuses dates long before its session).</param>
    public static string Csv(string challengeSlug, DateOnly day) => $"""
        type,key,challenge,title,body,parent,submitted_at
        idea,1,{challengeSlug},Text reminders the day before,"Several people said a text the day before would stop wasted appointments, ""and let someone else have the slot"".",,{day:yyyy-MM-dd} 10:15
        idea,2,{challengeSlug},A named contact while waiting,"One person to ring while you wait.
        Raised by three people in the breakout room.",,{day:yyyy-MM-dd} 10:40
        comment,3,,,Our practice already does this and it works well.,1,{day:yyyy-MM-dd} 10:20
        comment,4,,,Could the contact be a volunteer?,2,

        """.Replace("\n", "\r\n");
}
