using System.Text;
using Engine.Core.IdeaForms;

namespace Engine.Web.DataExchange;

/// <summary>The example import file offered on the admin page (docs/import-example.csv is the same, for the sample site).</summary>
public static class ImportExample
{
    /// <param name="challengeSlug">The challenge its ideas are on.</param>
    /// <param name="form">That challenge's idea form: the file has its category column and a field:&lt;key&gt; column per field,
    /// answered as the form allows, so it shows every column the import takes for the challenge and imports as it is.</param>
    /// <param name="day">The day its rows are dated: a session held then imports them as they are (an import refuses dates long before its session).</param>
    public static string Csv(string challengeSlug, IdeaForm form, DateOnly day)
    {
        var csv = new StringBuilder();
        Row(["type", "key", "challenge", "title", "body", "parent", "submitted_at", "category", .. form.Fields.Select(f => "field:" + f.Key)]);
        // The first idea answers every field; the second only the required ones (an empty cell is no answer) and the last category.
        Row(["idea", "1", challengeSlug, "Text reminders the day before",
            "Several people said a text the day before would stop wasted appointments, \"and let someone else have the slot\".", "", $"{day:yyyy-MM-dd} 10:15",
            form.Categories.FirstOrDefault() ?? "", .. form.Fields.Select(f => Answer(f, first: true))]);
        Row(["idea", "2", challengeSlug, "A named contact while waiting", "One person to ring while you wait.\nRaised by three people in the breakout room.", "",
            $"{day:yyyy-MM-dd} 10:40", form.Categories.Count > 1 ? form.Categories[^1] : "", .. form.Fields.Select(f => f.Required ? Answer(f, first: false) : "")]);
        // A comment answers no form: its category and field: cells stay empty.
        Row(["comment", "3", "", "", "Our practice already does this and it works well.", "1", $"{day:yyyy-MM-dd} 10:20", "", .. form.Fields.Select(_ => "")]);
        Row(["comment", "4", "", "", "Could the contact be a volunteer?", "2", "", "", .. form.Fields.Select(_ => "")]);
        return csv.ToString();

        void Row(IEnumerable<string> cells) => csv.AppendJoin(',', cells.Select(Cell)).Append("\r\n");
    }

    private static string Answer(IdeaField field, bool first) =>
        field.Kind == IdeaFieldKind.Text ? "Said at the session" : first ? field.Choices[0] : field.Choices[^1];

    // As spreadsheets write them: quoted when it holds a comma, a quote or a line break, quotes inside doubled.
    private static string Cell(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"").Replace("\n", "\r\n") + "\"";
}
