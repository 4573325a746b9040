namespace Engine.Web.DataExchange;

/// <summary>The example import file offered on the admin page (docs/import-example.csv is the same, for the sample site).</summary>
public static class ImportExample
{
    public static string Csv(string challengeSlug) => $"""
        type,key,challenge,title,body,parent,submitted_at
        idea,1,{challengeSlug},Text reminders the day before,"Several people said a text the day before would stop wasted appointments, ""and let someone else have the slot"".",,2026-05-12 10:15
        idea,2,{challengeSlug},A named contact while waiting,"One person to ring while you wait.
        Raised by three people in the breakout room.",,2026-05-12 10:40
        comment,3,,,Our practice already does this and it works well.,1,2026-05-12 10:20
        comment,4,,,Could the contact be a volunteer?,2,

        """.Replace("\n", "\r\n");
}
