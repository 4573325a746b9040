using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CsvHelper;
using Dapper;
using Engine.Core.Members;
using Microsoft.Extensions.DependencyInjection;

namespace Engine.Web.Tests.IdeaForms;

/// <summary>The import takes an idea's category and field:&lt;key&gt; answers, checked as the idea form checks them; the ideas CSV export writes the same columns.</summary>
public sealed class ImportIdeaFormsTests(IdeaFormsApp app) : IClassFixture<IdeaFormsApp>
{
    private const string Header = "type,key,challenge,title,body,category,field:role,field:trust,field:ward";

    [Fact]
    public async Task A_file_with_one_bad_answer_imports_nothing_and_names_its_line_and_column_on_the_api_and_the_page()
    {
        var (admin, _) = await app.MemberAsync("forms.test", Roles.Admin);
        var file = $"{Header}\nidea,1,api-checks,Imported with good answers,Body,Outpatients,carer,Leeds,Ward 7\n" +
                   "idea,2,api-checks,Imported with a bad answer,Body,Outpatients,surgeon,,\n";

        var refused = await ImportAsync(admin, file, "Bad answers session");
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var error = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rows").EnumerateArray()
            .SelectMany(r => r.GetProperty("errors").EnumerateArray()).Should().ContainSingle().Subject;
        (error.GetProperty("line").GetInt32(), error.GetProperty("column").GetInt32(), error.GetProperty("columnName").GetString()).Should().Be((3, 7, "field:role"));
        error.GetProperty("message").GetString().Should().Contain("'I am a' must be one of: patient, carer, member of staff");
        (await IdeasTitledAsync("Imported with good answers")).Should().Be(0, "a file with any bad row stores nothing");

        var page = await Admin.DataExchangeTests.PagePostAsync(admin, "Preview",
            new() { ["source"] = "Bad answers session", ["heldOn"] = Today() }, Encoding.UTF8.GetBytes(file));
        page.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()).Should().Contain("Line 3, column 7 (field:role): 'I am a' must be one of");
    }

    [Fact]
    public async Task Imported_answers_are_stored_and_the_ideas_csv_export_imports_again_with_the_same_answers()
    {
        var (admin, _) = await app.MemberAsync("forms.test", Roles.Admin);
        var file = $"{Header}\nidea,1,filtered,Round trip with every answer,\"Body, with a comma\",Waiting lists,member of staff,York,Ward 12\n" +
                   "idea,2,filtered,Round trip with the required answer only,Body,,patient,,\n";
        var imported = await ImportAsync(admin, file, "Round trip session");
        imported.StatusCode.Should().Be(HttpStatusCode.Created, await imported.Content.ReadAsStringAsync());

        var exported = await admin.Http.GetStringAsync("api/v1/admin/exports/ideas.csv?challenge=filtered");
        using var csv = new CsvReader(new StringReader(exported.TrimStart('\uFEFF')), CultureInfo.InvariantCulture);
        var rows = csv.GetRecords<dynamic>().Cast<IDictionary<string, object>>()
            .Where(r => ((string)r["title"]).StartsWith("Round trip", StringComparison.Ordinal)).ToList();
        rows.Should().HaveCount(2);
        rows.Single(r => (string)r["title"] == "Round trip with every answer").Should().Contain(new Dictionary<string, object>
        {
            ["category"] = "Waiting lists", ["field:role"] = "member of staff", ["field:trust"] = "York", ["field:ward"] = "Ward 12",
        });

        // The export's own columns, under the import's names, import again as new rows of another session, with the same answers.
        var columns = new[] { "challenge", "title", "body", "category", "field:role", "field:trust", "field:ward" };
        var again = new StringBuilder($"type,key,{string.Join(',', columns)}\n");
        foreach (var row in rows)
            again.Append($"idea,{row["id"]},").AppendJoin(',', columns.Select(c => $"\"{((string)row[c]).Replace("\"", "\"\"")}\"")).Append('\n');
        var reimported = await ImportAsync(admin, again.ToString(), "Round trip again");
        reimported.StatusCode.Should().Be(HttpStatusCode.Created, await reimported.Content.ReadAsStringAsync());

        var ideas = (await admin.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/exports/ideas.json?challenge=filtered")).EnumerateArray()
            .Where(i => i.GetProperty("title").GetString() == "Round trip with every answer").ToList();
        ideas.Should().HaveCount(2, "the original and its re-import");
        ideas.Should().AllSatisfy(i =>
        {
            i.GetProperty("category").GetString().Should().Be("Waiting lists");
            i.GetProperty("fields").GetProperty("role").GetString().Should().Be("member of staff");
            i.GetProperty("fields").GetProperty("ward").GetString().Should().Be("Ward 12");
        });
    }

    [Fact]
    public async Task The_example_file_the_page_offers_has_its_challenges_category_and_field_columns_and_imports_cleanly()
    {
        var (admin, _) = await app.MemberAsync("forms.test", Roles.Admin);
        var example = await admin.Http.GetStringAsync("/admin/import?handler=Example");
        example.Should().StartWith("type,key,challenge,title,body,parent,submitted_at,category,field:role,field:trust,field:ward\r\n",
            "the first challenge's form has categories and three fields");

        var imported = await ImportAsync(admin, example, "Example file session");
        imported.StatusCode.Should().Be(HttpStatusCode.Created, await imported.Content.ReadAsStringAsync());

        var ideas = (await admin.Http.GetFromJsonAsync<JsonElement>($"api/v1/admin/exports/ideas.json?challenge={IdeaFormsApp.Slugs[0]}")).EnumerateArray()
            .Where(i => i.GetProperty("title").GetString() is "Text reminders the day before" or "A named contact while waiting")
            .ToDictionary(i => i.GetProperty("title").GetString()!);
        ideas.Keys.Should().BeEquivalentTo("Text reminders the day before", "A named contact while waiting");
        var every = ideas["Text reminders the day before"];
        every.GetProperty("category").GetString().Should().Be("Outpatients");
        every.GetProperty("fields").GetProperty("role").GetString().Should().Be("patient");
        every.GetProperty("fields").GetProperty("trust").GetString().Should().Be("Leeds");
        every.GetProperty("fields").GetProperty("ward").GetString().Should().Be("Said at the session");
        var required = ideas["A named contact while waiting"];
        required.GetProperty("category").GetString().Should().Be("Waiting lists");
        required.GetProperty("fields").GetProperty("role").GetString().Should().Be("member of staff");
        required.GetProperty("fields").TryGetProperty("trust", out _).Should().BeFalse("an empty cell is no answer");
    }

    private static string Today() => TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/London")).ToString("yyyy-MM-dd");

    private static Task<HttpResponseMessage> ImportAsync(Visitor admin, string file, string source) =>
        Admin.DataExchangeTests.ApiImportAsync(admin, Encoding.UTF8.GetBytes(file), source: source, heldOn: Today());

    private async Task<long> IdeasTitledAsync(string title)
    {
        await using var c = app.Services.GetRequiredService<Engine.Data.Database>().OpenReader();
        return await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM ideas WHERE tenant_id = 'forms' AND title = @title", new { title });
    }
}
