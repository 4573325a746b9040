using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Engine.Core.Members;

namespace Engine.Web.Tests.IdeaForms;

/// <summary>
/// The admin page for a challenge's idea form, driven as a browser without script: categories one a line, a fieldset per
/// question (with an empty one to add), positions to reorder, a box to remove; checked as the API checks, naming the input,
/// and nothing saved half-way. Runs on SQLite, and on PostgreSQL with ENGINE_TEST_STORE=postgres.
/// </summary>
public sealed class IdeaFormPageTests(IdeaFormsApp app) : IClassFixture<IdeaFormsApp>
{
    private const string Page = "/admin/settings/challenges/admin-set/idea-form", NewIdea = "challenges/admin-set/ideas/new";

    private static Task<HttpResponseMessage> SaveAsync(Visitor admin, Dictionary<string, string> fields, string handler = "") =>
        admin.Http.PostAsync(Page + handler, new FormUrlEncodedContent(fields));

    private static Dictionary<string, string> Row(int i, string key, string label, string kind, string choices, int order, bool required = false, bool remove = false) => new()
    {
        [$"Rows[{i}].Key"] = key, [$"Rows[{i}].Label"] = label, [$"Rows[{i}].Kind"] = kind, [$"Rows[{i}].Choices"] = choices,
        [$"Rows[{i}].Order"] = $"{order}", [$"Rows[{i}].Required"] = required ? "true" : "false", [$"Rows[{i}].Remove"] = remove ? "true" : "false",
    };

    private static Dictionary<string, string> Form(string categories, params Dictionary<string, string>[] rows) =>
        rows.SelectMany(r => r).Append(new("Categories", categories)).ToDictionary();

    [Fact]
    public async Task An_admin_adds_reorders_edits_and_removes_questions_and_categories_and_the_new_idea_form_follows_at_once()
    {
        var (admin, _) = await app.MemberAsync("forms.test", Roles.Admin, "Form Admin");
        using var member = (await app.MemberAsync("forms.test", Roles.Member)).Visitor;
        var (status, empty) = await admin.GetPageAsync(Page);
        status.Should().Be(HttpStatusCode.OK);
        empty.Should().Contain("Idea form for Challenge admin-set").And.Contain("id=\"Rows[0].Key\"").And.NotContain("id=\"Rows[1].Key\"", "one empty question to add");
        (await admin.GetPageAsync("/admin/settings/challenges/admin-set")).Html.Should().Contain($"href=\"{Page}\"", "the challenge's settings link the page");

        var added = await SaveAsync(admin, Form("Maternity\nSurgery", Row(0, "area", "Area", "organisation", "North\nSouth", 1, required: true)));
        added.StatusCode.Should().Be(HttpStatusCode.Redirect);
        WebUtility.HtmlDecode((await admin.GetPageAsync(Page)).Html).Should().Contain("The idea form for “Challenge admin-set” is saved").And.Contain("id=\"Rows[1].Key\"");
        var form = (await member.GetPageAsync(NewIdea)).Html;
        form.Should().Contain("name=\"fields.area\"").And.Contain("<option value=\"North\">").And.Contain("<option value=\"Surgery\">");

        // A second question put first, then the first renamed and the second removed.
        (await SaveAsync(admin, Form("Maternity\nSurgery", Row(0, "area", "Area", "organisation", "North\nSouth", 2, required: true),
            Row(1, "role", "I am a", "choice", "patient\ncarer", 1)))).StatusCode.Should().Be(HttpStatusCode.Redirect);
        form = (await member.GetPageAsync(NewIdea)).Html;
        form.IndexOf("name=\"fields.role\"", StringComparison.Ordinal).Should().BeInRange(0, form.IndexOf("name=\"fields.area\"", StringComparison.Ordinal), "the question given position 1 comes first");
        (await SaveAsync(admin, Form("Surgery", Row(0, "role", "I am a", "choice", "patient\ncarer", 1, remove: true),
            Row(1, "area", "Area of the region", "organisation", "North\nSouth\nEast", 2)))).StatusCode.Should().Be(HttpStatusCode.Redirect);
        form = (await member.GetPageAsync(NewIdea)).Html;
        form.Should().NotContain("name=\"fields.role\"").And.Contain("Area of the region").And.Contain("<option value=\"East\">").And.NotContain("<option value=\"Maternity\">");

        // Audited like the other settings, as before -> after.
        var audit = await admin.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/audit?action=setting.changed");
        audit.EnumerateArray().Should().Contain(e => e.GetProperty("subject").GetString() == "challenge admin-set: ideaForm"
            && e.GetProperty("detail").GetString() == "none -> categories: Maternity, Surgery; area \"Area\" (organisation, required): North, South");

        // Back to tenant.json's form, which for this challenge is none.
        (await SaveAsync(admin, [], "?handler=Reset")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await member.GetPageAsync(NewIdea)).Html.Should().NotContain("name=\"fields.area\"");
        admin.Dispose();
    }

    [Fact]
    public async Task A_form_the_api_would_refuse_is_refused_naming_the_input_and_nothing_of_it_is_saved()
    {
        var (admin, _) = await app.MemberAsync("forms-london.test", Roles.Admin, "Form Admin");
        using var member = (await app.MemberAsync("forms-london.test", Roles.Member)).Visitor;
        (await SaveAsync(admin, Form("Maternity", Row(0, "area", "Area", "organisation", "North\nSouth", 1)))).StatusCode.Should().Be(HttpStatusCode.Redirect);

        foreach (var (fields, input, message) in new (Dictionary<string, string>, string, string)[]
                 {
                     (Form("Maternity", Row(0, "area", "Area", "organisation", "North\nSouth", 1), Row(1, "role", "I am a", "choice", "patient", 2)),
                         "Rows[1].Choices", "Question 2, Answers to choose from: list at least two answers to pick from."),
                     (Form("Maternity", Row(0, "Area!", "Area", "organisation", "North\nSouth", 1)), "Rows[0].Key", "Question 1, Key: use lower-case letters"),
                     (Form("Maternity", Row(0, "area", "Area", "organisation", "North\nSouth", 1), Row(1, "area", "Again", "choice", "a\nb", 2)),
                         "Rows[1].Key", "Question 2, Key: 'area' is used twice."),
                     (Form("Maternity", Row(0, "area", "", "organisation", "North\nSouth", 1)), "Rows[0].Label", "Question 1, Question: is required"),
                     (Form("Maternity", Row(0, "area", "Area", "text", "North\nSouth", 1)), "Rows[0].Choices", "short text takes no choices"),
                     (Form("Maternity", Row(0, "area", "Area", "organisation", "North\nSouth", 1)).With("Rows[0].Order", "first"), "Rows[0].Order", "Question 1: enter its position as a whole number"),
                     (Form("Maternity", Row(0, "area", "Area", "poll", "North\nSouth", 1)), "Rows[0].Kind", "Question 1: choose a kind of answer"),
                     (Form("Maternity\nmaternity", Row(0, "area", "Area", "organisation", "North\nSouth", 1)), "Categories", "Categories: 'Maternity' is listed twice."),
                 })
        {
            var refused = await SaveAsync(admin, fields);
            refused.StatusCode.Should().Be(HttpStatusCode.BadRequest, input);
            var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
            html.Should().Contain($"href=\"#{input}\"", "the error summary links the input at fault").And.Contain(message).And.Contain($"id=\"{input}-error\"");
        }
        // What was typed is shown again, and the saved form is the first one still.
        var again = WebUtility.HtmlDecode(await (await SaveAsync(admin, Form("Maternity", Row(0, "area", "Area", "organisation", "North\nSouth", 1), Row(1, "role", "I am a", "choice", "patient", 2)))).Content.ReadAsStringAsync());
        again.Should().Contain("value=\"role\"").And.Contain("value=\"I am a\"");
        var form = (await member.GetPageAsync(NewIdea)).Html;
        form.Should().Contain("name=\"fields.area\"").And.NotContain("name=\"fields.role\"", "nothing of a refused form is saved");
        admin.Dispose();
    }

    [Fact]
    public async Task A_form_refused_on_the_welsh_admin_page_says_why_in_welsh()
    {
        var (admin, _) = await app.MemberAsync("forms.test", Roles.Admin, "Ceri Gweinyddwr");
        using var _ = admin;
        (await admin.GetPageAsync(Page + "?lang=cy")).Html.Should().Contain("<html lang=\"cy\"");
        var refused = await SaveAsync(admin, Form("Mamolaeth\nmamolaeth", Row(0, "ardal", "Ardal", "organisation", "Gogledd\nDe", 1),
            Row(1, "ardal", "Eto", "choice", "a\nb", 2)));
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        html.Should().Contain("defnyddir 'ardal' ddwywaith.").And.NotContain("is used twice");
    }
}

internal static class FormFields
{
    public static Dictionary<string, string> With(this Dictionary<string, string> fields, string name, string value) => new(fields) { [name] = value };
}
