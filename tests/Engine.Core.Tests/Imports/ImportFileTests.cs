using System.Text;
using Engine.Core.Exports;
using Engine.Core.Imports;

namespace Engine.Core.Tests.Imports;

public class ImportFileTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly string[] Slugs = ["waiting-well", "last-year"];
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private const string Header = "type,key,challenge,title,body,parent,submitted_at";

    private static ImportFileContents Read(string text) => ImportFile.Read(Encoding.UTF8.GetBytes(text), Slugs, London, Now);

    private static ImportError OnlyError(ImportFileContents file) =>
        file.FileErrors.Concat(file.Rows.SelectMany(r => r.Errors)).Should().ContainSingle().Subject;

    [Fact]
    public void A_good_file_reads_every_row_with_its_line()
    {
        var file = Read($"{Header}\nidea,1,waiting-well,Text reminders please,Send a text the day before,,2026-05-12 10:15\ncomment,2,,,Yes please,1,\n");
        file.FileErrors.Should().BeEmpty();
        file.Rows.Should().HaveCount(2).And.OnlyContain(r => r.Valid);
        file.Rows[0].Should().Match<ImportRow>(r => r.Line == 2 && r.Type == ImportRowType.Idea && r.Title == "Text reminders please");
        file.Rows[0].SubmittedAt.Should().Be(new DateTimeOffset(2026, 5, 12, 9, 15, 0, TimeSpan.Zero), "10:15 in London in May is 09:15 UTC");
        file.Rows[1].Should().Match<ImportRow>(r => r.Line == 3 && r.Type == ImportRowType.Comment && r.Challenge == "waiting-well" && r.Parent == "1",
            "a comment's challenge is its idea's");
    }

    [Fact]
    public void A_byte_order_mark_and_crlf_line_ends_are_read_as_plain_utf8()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes($"{Header}\r\nidea,1,waiting-well,Café opening hours,Open the café earlier,,\r\n")).ToArray();
        var file = ImportFile.Read(bytes, Slugs, London, Now);
        file.FileErrors.Should().BeEmpty();
        file.Rows.Should().ContainSingle().Which.Should().Match<ImportRow>(r => r.Valid && r.Title == "Café opening hours" && r.Body == "Open the café earlier");
    }

    [Fact]
    public void Quoted_fields_keep_commas_quotes_and_line_breaks_and_later_lines_are_still_counted_right()
    {
        var file = Read($"{Header}\r\nidea,1,waiting-well,\"Reminders, by text\",\"First line\r\nSecond line with \"\"quotes\"\"\",,\r\nidea,2,waiting-well,Hi,short title,,\r\n");
        file.Rows[0].Body.Should().Be("First line\r\nSecond line with \"quotes\"");
        file.Rows[0].Title.Should().Be("Reminders, by text");
        var error = OnlyError(file);
        error.Line.Should().Be(4, "the quoted field spans lines 2 and 3");
        error.ColumnName.Should().Be("title");
        error.Column.Should().Be(4);
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_refused_with_the_line_rather_than_turned_into_mojibake()
    {
        var bytes = Encoding.UTF8.GetBytes($"{Header}\nidea,1,waiting-well,Caf").Concat(new byte[] { 0xE9 }).Concat(Encoding.UTF8.GetBytes(" hours,body,,\n")).ToArray();
        var error = OnlyError(ImportFile.Read(bytes, Slugs, London, Now));
        error.Line.Should().Be(2);
        error.Message.Should().Contain("not UTF-8").And.Contain("0xE9").And.Contain("CSV UTF-8");
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused_before_it_is_read()
    {
        var bytes = new byte[ImportFile.MaxBytes + 1];
        OnlyError(ImportFile.Read(bytes, Slugs, London, Now)).Message.Should().Contain("larger than 10 MB");
    }

    [Theory]
    [InlineData("type,key,challenge,title", "body")]
    [InlineData("type,key,challenge,title,body,author", "author")]
    [InlineData("type,key,challenge,title,body,body", "body")]
    public void Wrong_or_missing_columns_are_named_on_line_one(string header, string column)
    {
        var file = Read($"{header}\nidea,1,waiting-well,A title here,b\n");
        var error = OnlyError(file);
        error.Line.Should().Be(1);
        error.ColumnName.Should().Be(column);
        file.Rows.Should().BeEmpty("nothing is read under a wrong header");
    }

    [Theory]
    [InlineData("idea,1,nowhere,A title here,body,,", "challenge", "There is no challenge “nowhere”")]
    [InlineData("idea,1,waiting-well,,body,,", "title", "Title is required")]
    [InlineData("idea,1,waiting-well,A title here,,,", "body", "Body is required")]
    [InlineData("idea,1,waiting-well,A title here,body,,2026-13-45", "submitted_at", "is not a date")]
    [InlineData("idea,1,waiting-well,A title here,body,,12 May", "submitted_at", "is not a date")]
    [InlineData("idea,1,waiting-well,A title here,body,,2027-01-01", "submitted_at", "in the future")]
    [InlineData("suggestion,1,waiting-well,A title here,body,,", "type", "is not a type")]
    [InlineData("idea,,waiting-well,A title here,body,,", "key", "Key is required")]
    [InlineData("comment,2,,,A comment,99,", "parent", "no idea with key “99”")]
    [InlineData("comment,2,,,A comment,,", "parent", "Parent is required")]
    [InlineData("comment,2,,Title,A comment,x,", "title", "A comment has no title")]
    [InlineData("idea,1,waiting-well,A title here,body,1,", "parent", "An idea has no parent")]
    public void A_bad_row_gets_an_error_naming_its_line_and_column(string row, string column, string message)
    {
        // An idea after it, for the comments to be on.
        var file = Read($"{Header}\n{row}\nidea,x,waiting-well,Another idea here,body,,\n");
        var error = OnlyError(file);
        error.Line.Should().Be(2);
        error.ColumnName.Should().Be(column);
        error.Column.Should().Be(Array.IndexOf(Header.Split(','), column) + 1);
        error.Message.Should().Contain(message);
    }

    [Fact]
    public void Text_over_the_posting_limits_is_refused_with_its_length()
    {
        var error = OnlyError(Read($"{Header}\nidea,1,waiting-well,{new string('t', 151)},body,,\n"));
        error.Message.Should().Contain("150 characters or fewer (it has 151)");
    }

    [Fact]
    public void A_row_with_a_missing_comma_and_a_repeated_key_are_both_reported()
    {
        var file = Read($"{Header}\nidea,1,waiting-well,A title here,body,,\nidea,1,waiting-well,Another title,body,\n");
        var errors = file.Rows[1].Errors;
        errors.Should().Contain(e => e.Message.Contains("6 columns but the header has 7"));
        errors.Should().Contain(e => e.ColumnName == "key" && e.Message.Contains("also on line 2"));
    }

    [Fact]
    public void A_comment_on_an_idea_with_errors_cannot_be_imported_either()
    {
        var file = Read($"{Header}\nidea,1,nowhere,A title here,body,,\ncomment,2,,,A comment,1,\n");
        file.Rows[1].Errors.Should().ContainSingle().Which.Message.Should().Contain("line 2");
    }

    [Fact]
    public void The_same_bytes_have_the_same_hash_and_any_change_a_different_one()
    {
        var a = Read($"{Header}\nidea,1,waiting-well,A title here,body,,\n");
        var b = Read($"{Header}\nidea,1,waiting-well,A title here,body,,\n");
        var c = Read($"{Header}\nidea,1,waiting-well,A title here,body!,,\n");
        a.FileHash.Should().Be(b.FileHash).And.NotBe(c.FileHash).And.HaveLength(64);
    }

    [Fact]
    public void A_row_key_depends_on_its_source_so_the_same_words_from_another_session_are_another_row()
    {
        var row = Read($"{Header}\nidea,1,waiting-well,A title here,body,,\n").Rows[0];
        var may = new ImportSource("Connect session", new DateOnly(2026, 5, 12), null);
        ImportOfflineIdeas.RowKey(may, row).Should().Be(ImportOfflineIdeas.RowKey(may with { Facilitator = "Jo" }, row));
        ImportOfflineIdeas.RowKey(may, row).Should().NotBe(ImportOfflineIdeas.RowKey(may with { HeldOn = new DateOnly(2026, 5, 13) }, row));
        ImportOfflineIdeas.RowKey(may, row).Should().NotBe(ImportOfflineIdeas.RowKey(may, row with { Body = "other" }));
    }

    [Fact]
    public void A_date_before_the_challenge_opened_or_more_than_a_week_before_the_session_is_refused_unless_kept()
    {
        var opens = new Dictionary<string, DateTimeOffset>
        {
            ["waiting-well"] = new(2026, 11, 16, 9, 0, 0, TimeSpan.Zero),
            ["last-year"] = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero),
        };
        var text = $"{Header}\n" +
            "idea,1,waiting-well,Said as it opened,b,,2026-11-16 09:00\n" +
            "idea,2,waiting-well,A minute too early,b,,2026-11-16 08:59\n" +
            "idea,3,last-year,A week before the session,b,,2026-11-11 00:00\n" +
            "idea,4,last-year,Eight days before the session,b,,2026-11-10 23:59\n" +
            "idea,5,last-year,No date of its own,b,,\n";
        ImportFileContents Read(bool keep) =>
            ImportFile.Read(Encoding.UTF8.GetBytes(text), Slugs, London, Now, new ImportDates(new DateOnly(2026, 11, 18), opens, keep));

        var refused = Read(keep: false);
        refused.Rows.Where(r => !r.Valid).Select(r => r.Key).Should().Equal("2", "4");
        refused.Rows.SelectMany(r => r.Errors).Select(e => (e.Line, e.Column, e.ColumnName)).Should().Equal((3, 7, "submitted_at"), (5, 7, "submitted_at"));
        refused.Rows[1].Errors[0].Message.Should().StartWith("16 November 2026 is before the challenge “waiting-well” opened (16 November 2026)");
        refused.Rows[3].Errors[0].Message.Should().StartWith("10 November 2026 is more than 7 days before the session (18 November 2026)");

        var kept = Read(keep: true);
        kept.Rows.Should().OnlyContain(r => r.Valid);
        kept.Rows.Where(r => r.EarlyDateKept).Select(r => r.Key).Should().Equal("2", "4");
    }

    [Fact]
    public void The_documented_example_file_reads_without_errors_for_the_sample_site()
    {
        var bytes = File.ReadAllBytes(Path.Combine(TestRepository.Root, "docs", "import-example.csv"));
        // The sample site's challenges opened on 16 November 2026; the example's session was two days later.
        var opened = new DateTimeOffset(2026, 11, 16, 9, 0, 0, TimeSpan.Zero);
        var dates = new ImportDates(new DateOnly(2026, 11, 18), new Dictionary<string, DateTimeOffset> { ["rethinking-demand"] = opened, ["hip-and-knee-waits"] = opened }, false);
        var file = ImportFile.Read(bytes, ["rethinking-demand", "hip-and-knee-waits"], London, Now, dates);
        file.FileErrors.Concat(file.Rows.SelectMany(r => r.Errors)).Should().BeEmpty();
        file.Rows.Select(r => r.Type).Should().Equal(ImportRowType.Idea, ImportRowType.Idea, ImportRowType.Idea, ImportRowType.Comment, ImportRowType.Comment);
        file.Rows[1].Body.Should().Contain("\r\n", "a quoted line break is kept");
    }

    [Theory]
    [InlineData(null, "2026-05-12", "source")]
    [InlineData("Connect session", "", "heldOn")]
    [InlineData("Connect session", "12 May", "heldOn")]
    [InlineData("Connect session", "2026-12-01", "heldOn")]
    public void The_source_form_is_checked_naming_its_field(string? name, string heldOn, string field)
    {
        var outcome = ImportSource.Validate(name, heldOn, null, new DateOnly(2026, 11, 22));
        outcome.Error!.Field.Should().Be(field);
    }

    [Fact]
    public void A_source_describes_itself_as_the_site_shows_it()
    {
        ImportSource.Validate(" Connect session ", "2026-05-12", " Jo Bloggs ", new DateOnly(2026, 11, 22)).Value!.Describe()
            .Should().Be("From Connect session, 12 May 2026, facilitated by Jo Bloggs");
        new ImportSource("Tweet chat #SolvingTogether", new DateOnly(2026, 6, 1), null).Describe().Should().Be("From Tweet chat #SolvingTogether, 1 June 2026");
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")")]
    [InlineData("+1", "'+1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("plain", "plain")]
    public void Export_cells_that_a_spreadsheet_would_run_as_formulas_stay_text(string text, string cell) =>
        ExportWriter.Cell(text).Should().Be(cell);

    [Fact]
    public void A_language_column_names_one_of_the_site_s_languages_and_an_unknown_one_is_refused_with_its_line_and_column()
    {
        const string text = "type,key,challenge,title,body,language\nidea,1,waiting-well,Cur pen yn y ciw,Golau llachar,cy\nidea,2,waiting-well,Bright lights,Too bright,\nidea,3,waiting-well,Lumières vives,Trop fortes,fr\n";
        var file = ImportFile.Read(Encoding.UTF8.GetBytes(text), Slugs, London, Now, languages: ["en-GB", "cy-GB"]);
        file.Rows[0].Language.Should().Be("cy-GB");
        file.Rows[1].Language.Should().BeNull("an empty language is the site's default, chosen when imported");
        file.Rows[2].Errors.Should().ContainSingle().Which.ToString().Should()
            .Be("Line 4, column 6 (language): “fr” is not one of this site's languages: use en-GB or cy-GB, or leave it empty for en-GB.");
        file.Rows.Take(2).Should().OnlyContain(r => r.Valid);
    }

    [Fact]
    public void Export_numbers_and_booleans_are_written_plainly() =>
        new[] { ExportWriter.Cell(-3), ExportWriter.Cell(true), ExportWriter.Cell(null) }.Should().Equal("-3", "true", null);
}
