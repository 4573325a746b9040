using System.Text;
using Engine.Core.IdeaForms;
using Engine.Core.Imports;

namespace Engine.Core.Tests.Imports;

/// <summary>The import's category and field:&lt;key&gt; columns answer a challenge's idea form, checked exactly as the form checks them.</summary>
public class ImportIdeaFormColumnsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private const string Header = "type,key,challenge,title,body,parent,category,field:role,field:trust";

    private static readonly IdeaForm Form = new()
    {
        Categories = ["Waiting", "Parking"],
        Fields =
        [
            new IdeaField { Key = "role", Label = "I am a", Required = true, Choices = ["patient", "carer", "member of staff"] },
            new IdeaField { Key = "trust", Label = "Your trust", Kind = IdeaFieldKind.Text },
        ],
    };

    private static ImportFileContents Read(string rows) => ImportFile.Read(Encoding.UTF8.GetBytes($"{Header}\n{rows}"), ["waiting-well", "plain"], London, Now,
        forms: new Dictionary<string, IdeaForm> { ["waiting-well"] = Form, ["plain"] = IdeaForm.None });

    private static ImportError OnlyError(ImportFileContents file) =>
        file.FileErrors.Concat(file.Rows.SelectMany(r => r.Errors)).Should().ContainSingle().Subject;

    [Fact]
    public void An_idea_answering_its_challenges_form_reads_its_category_and_answers()
    {
        var file = Read("idea,1,waiting-well,Text reminders please,The day before,,Waiting,carer,North Trust\nidea,2,plain,A bench by the door,For the wait,,,,\n");

        file.Rows.Should().OnlyContain(r => r.Valid);
        file.Rows[0].Answers.Category.Should().Be("Waiting");
        file.Rows[0].Answers.Values.Should().BeEquivalentTo(new Dictionary<string, string> { ["role"] = "carer", ["trust"] = "North Trust" });
        (file.Rows[1].Answers.Category, file.Rows[1].Answers.Values.Count).Should().Be(((string?)null, 0),
            "an empty cell is no answer, so challenges with other forms share the file");
    }

    [Theory]
    [InlineData("idea,1,waiting-well,Text reminders please,Body,,Waiting,surgeon,", "field:role", 8, "must be one of: patient, carer, member of staff")]
    [InlineData("idea,1,waiting-well,Text reminders please,Body,,Waiting,,", "field:role", 8, "'I am a' is required")]
    [InlineData("idea,1,waiting-well,Text reminders please,Body,,Cakes,carer,", "category", 7, "Category must be one of: Waiting, Parking")]
    [InlineData("idea,1,plain,Text reminders please,Body,,,carer,", "field:role", 8, "has no field 'role'")]
    [InlineData("comment,2,,,A reply,1,Waiting,,", "category", 7, "A comment answers no idea form")]
    public void A_bad_answer_is_refused_with_its_line_and_column(string row, string column, int number, string says)
    {
        var rows = row.StartsWith("comment") ? $"idea,1,waiting-well,Text reminders please,Body,,Waiting,carer,\n{row}\n" : row + "\n";
        var error = OnlyError(Read(rows));

        (error.Line, error.ColumnName, error.Column).Should().Be((row.StartsWith("comment") ? 3 : 2, column, number));
        error.Message.Should().Contain(says);
    }

    [Fact]
    public void A_short_text_answer_longer_than_the_form_allows_is_refused()
    {
        var error = OnlyError(Read($"idea,1,waiting-well,Text reminders please,Body,,Waiting,carer,{new string('x', IdeaField.TextMax + 1)}\n"));

        (error.ColumnName, error.Column).Should().Be(("field:trust", 9));
        error.Message.Should().Contain($"{IdeaField.TextMax} characters or fewer");
    }

    [Fact]
    public void A_field_column_whose_key_no_form_could_have_is_refused_in_the_header()
    {
        var file = ImportFile.Read(Encoding.UTF8.GetBytes("type,key,challenge,title,body,field:Your Role!\nidea,1,plain,A bench by the door,For the wait,x\n"),
            ["plain"], London, Now);

        var error = OnlyError(file);
        (error.Line, error.Column).Should().Be((1, 6));
        error.Message.Should().Contain("field:<key>");
    }
}
