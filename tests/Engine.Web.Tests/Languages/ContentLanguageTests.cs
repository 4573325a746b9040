using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Engine.Core.Members;

namespace Engine.Web.Tests.Languages;

/// <summary>
/// Ideas and comments record the language they were written in (the page's, or one chosen on the form), pages mark it with
/// <c>lang</c>, the API carries it, and search and similar ideas read a Welsh query by Welsh rules, whatever the mutation.
/// Runs on SQLite, and on PostgreSQL with ENGINE_TEST_STORE=postgres.
/// </summary>
public class ContentLanguageTests(LanguageChoiceTests.App app) : IClassFixture<LanguageChoiceTests.App>
{
    [Fact]
    public async Task An_idea_written_in_welsh_is_marked_so_and_found_in_welsh_whatever_the_mutation()
    {
        var (author, _) = await app.MemberAsync("cymru.test", Roles.Member, "Ann Jones");
        // The form offers the site's languages, the page's own selected, each named in itself.
        var (_, form) = await author.GetPageAsync("/challenges/waiting-well/ideas/new?lang=cy");
        form.Should().Contain("<select id=\"language\" name=\"language\" aria-describedby=\"language-hint\">")
            .And.Contain("<option value=\"en\" lang=\"en\">English</option>")
            .And.Contain("<option value=\"cy\" lang=\"cy\" selected>Cymraeg</option>")
            .And.Contain("<label for=\"language\">Iaith eich syniad</label>");

        // Posted from the Welsh page without changing the choice: recorded as Welsh.
        var posted = await author.SubmitAsync("/challenges/waiting-well/ideas/new", "/challenges/waiting-well/ideas",
            new() { ["title"] = "Cur pen yn yr ystafell aros", ["body"] = "Mae'r golau llachar yn rhoi cur pen i bobl sy'n aros am gymorth." });
        posted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var welsh = long.Parse(posted.Headers.Location!.OriginalString.Split('/')[^1]);
        // Chosen on the form: English, on the same Welsh page.
        var chosen = await author.SubmitAsync("/challenges/waiting-well/ideas/new", "/challenges/waiting-well/ideas",
            new() { ["title"] = "Softer lights in the waiting room", ["body"] = "Bright lights give people a headache.", ["language"] = "en" });
        var english = long.Parse(chosen.Headers.Location!.OriginalString.Split('/')[^1]);

        using var visitor = app.Visit("cymru.test");
        var (_, page) = await visitor.GetPageAsync($"/ideas/{welsh}");
        page.Should().Contain("<h1 lang=\"cy-GB\">Cur pen yn yr ystafell aros</h1>").And.Contain("<div class=\"idea-body\" lang=\"cy-GB\">");
        (await visitor.GetPageAsync($"/ideas/{english}")).Html.Should().Contain("<h1 lang=\"en-GB\">Softer lights in the waiting room</h1>");
        (await visitor.GetPageAsync("/challenges/waiting-well")).Html.Should()
            .Contain($"<a href=\"/ideas/{welsh}\" lang=\"cy-GB\">Cur pen yn yr ystafell aros</a>")
            .And.Contain("<p class=\"idea-excerpt\" lang=\"cy-GB\">");
        (await visitor.Http.GetFromJsonAsync<JsonElement>($"api/v1/ideas/{welsh}")).GetProperty("language").GetString().Should().Be("cy-GB");
        (await visitor.Http.GetFromJsonAsync<JsonElement>($"api/v1/ideas/{english}")).GetProperty("language").GetString().Should().Be("en-GB");

        // A Welsh page finds it by any mutation of pen and of cymorth; an English page reads "ben" as English, which has no such word.
        foreach (var word in new[] { "pen", "ben", "mhen", "phen", "nghymorth", "chymorth" })
            (await visitor.GetPageAsync($"/search?q={word}&lang=cy")).Html.Should().Contain($"href=\"/ideas/{welsh}\"", $"\"{word}\" is a form of a word in the idea");
        (await visitor.GetPageAsync("/search?q=ben&lang=en")).Html.Should().NotContain($"href=\"/ideas/{welsh}\"").And.Contain("0 ideas found");
        var api = await visitor.Http.GetFromJsonAsync<JsonElement>("api/v1/search?q=fy+mhen&lang=cy");
        api.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).Should().Equal(welsh);
        api.GetProperty("items")[0].GetProperty("language").GetString().Should().Be("cy-GB");
        (await visitor.Http.GetFromJsonAsync<JsonElement>("api/v1/challenges/waiting-well/similar-ideas?title=Fy+mhen+yn+y+ciw&lang=cy"))
            .EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).Should().Equal(welsh);
        author.Dispose();
    }

    [Fact]
    public async Task The_comment_form_offers_the_sites_languages_with_the_members_own_chosen_and_records_the_one_chosen()
    {
        var (author, _) = await app.MemberAsync("cymru.test", Roles.Member, "Carys Hughes");
        var idea = await author.PostIdeaAsync(title: "Arwyddion yn y maes parcio", body: "Mae angen arwyddion cliriach.");
        // The member chose Welsh once (kept on their account and this browser): the form has Welsh chosen on the next page.
        await author.GetPageAsync("/?lang=cy");
        var (_, form) = await author.GetPageAsync($"/ideas/{idea}");
        form.Should().Contain("<label for=\"language\">Iaith eich sylw</label>")
            .And.Contain("<select id=\"language\" name=\"language\" aria-describedby=\"language-hint\">")
            .And.Contain("<option value=\"en\" lang=\"en\">English</option>")
            .And.Contain("<option value=\"cy\" lang=\"cy\" selected>Cymraeg</option>");

        // Chosen on the form: English, on the Welsh page; and left as it was: Welsh.
        (await author.SubmitAsync($"/ideas/{idea}", $"/ideas/{idea}/comments", new() { ["body"] = "Signs in English too, please.", ["language"] = "en" }))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await author.SubmitAsync($"/ideas/{idea}", $"/ideas/{idea}/comments", new() { ["body"] = "Syniad da iawn.", ["language"] = "cy" }))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        // A language the site does not offer is refused, and what was typed is kept.
        var refused = await author.SubmitAsync($"/ideas/{idea}", $"/ideas/{idea}/comments", new() { ["body"] = "Très bien.", ["language"] = "fr" });
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("Très bien.");

        using var visitor = app.Visit("cymru.test");
        var (_, page) = await visitor.GetPageAsync($"/ideas/{idea}?lang=en");
        page.Should().Contain("<div class=\"comment-body\" lang=\"en-GB\"><p>Signs in English too, please.</p>")
            .And.Contain("<div class=\"comment-body\" lang=\"cy-GB\"><p>Syniad da iawn.</p>")
            .And.NotContain("Très bien.");
        var comments = (await visitor.Http.GetFromJsonAsync<JsonElement>($"api/v1/ideas/{idea}")).GetProperty("comments").EnumerateArray()
            .ToDictionary(c => c.GetProperty("body").GetString()!, c => c.GetProperty("language").GetString());
        comments.Should().Equal(new Dictionary<string, string?> { ["Signs in English too, please."] = "en-GB", ["Syniad da iawn."] = "cy-GB" });
        // Switched to English, the member finds English chosen.
        (await author.GetPageAsync($"/ideas/{idea}?lang=en")).Html.Should().Contain("<label for=\"language\">Language of your comment</label>")
            .And.Contain("<option value=\"en\" lang=\"en\" selected>English</option>");
        author.Dispose();
    }

    [Fact]
    public async Task The_api_takes_a_language_the_site_offers_and_names_the_field_for_one_it_does_not()
    {
        var (author, _) = await app.MemberAsync("cymru.test", Roles.Member, "Bryn Evans");
        var posted = await author.Http.PostAsJsonAsync("api/v1/challenges/waiting-well/ideas", new { title = "Arwyddion dwyieithog", body = "Ym mhob ward.", language = "cy" });
        posted.StatusCode.Should().Be(HttpStatusCode.Created, await posted.Content.ReadAsStringAsync());
        var idea = (await posted.Content.ReadFromJsonAsync<JsonElement>());
        idea.GetProperty("language").GetString().Should().Be("cy-GB");

        var refused = await author.Http.PostAsJsonAsync("api/v1/challenges/waiting-well/ideas", new { title = "Des panneaux bilingues", body = "Partout.", language = "fr" });
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await Visitor.ProblemAsync(refused);
        problem.GetRawText().Should().Contain("language").And.Contain("'fr' is not one of this site's languages (en-GB, cy-GB).");

        // A comment records the language it names, or the request's when it names none: here the site's own, English.
        var comment = await author.Http.PostAsJsonAsync($"api/v1/ideas/{idea.GetProperty("id").GetInt64()}/comments", new { body = "Da iawn.", language = "cy-GB" });
        comment.StatusCode.Should().Be(HttpStatusCode.Created, await comment.Content.ReadAsStringAsync());
        (await comment.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("language").GetString().Should().Be("cy-GB");
        var plain = await author.Http.PostAsJsonAsync($"api/v1/ideas/{idea.GetProperty("id").GetInt64()}/comments", new { body = "Good idea." });
        (await plain.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("language").GetString().Should().Be("en-GB");
        author.Dispose();
    }

    [Fact]
    public async Task Imported_rows_keep_the_language_their_column_names_into_the_exports_and_search()
    {
        var (admin, _) = await app.MemberAsync("cymru.test", Roles.Admin, "Ada Admin");
        var csv = "type,key,challenge,title,body,parent,language\r\nidea,1,waiting-well,Parcio i ofalwyr sy'n ymweld,Dylai parcio fod am ddim i ofalwyr.,,cy\r\n" +
                  "comment,2,,,Cytuno'n llwyr.,1,cy-GB\r\nidea,3,waiting-well,Carers' parking permits,Free permits for carers.,,\r\n";
        var refused = await ImportAsync(admin, csv.Replace(",cy\r\n", ",gd\r\n"));
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var error = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rows")[0].GetProperty("errors").EnumerateArray().Single();
        (error.GetProperty("line").GetInt32(), error.GetProperty("column").GetInt32(), error.GetProperty("columnName").GetString(), error.GetProperty("message").GetString())
            .Should().Be((2, 7, "language", "“gd” is not one of this site's languages: use en-GB or cy-GB, or leave it empty for en-GB."));
        var imported = await ImportAsync(admin, csv);
        imported.StatusCode.Should().Be(HttpStatusCode.Created, await imported.Content.ReadAsStringAsync());

        var ideas = await admin.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/exports/ideas.json");
        var welsh = ideas.EnumerateArray().Single(i => i.GetProperty("title").GetString() == "Parcio i ofalwyr sy'n ymweld");
        welsh.GetProperty("language").GetString().Should().Be("cy-GB");
        ideas.EnumerateArray().Single(i => i.GetProperty("title").GetString() == "Carers' parking permits").GetProperty("language").GetString()
            .Should().Be("en-GB", "an empty language is the site's default");
        (await admin.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/exports/comments.json")).EnumerateArray()
            .Single(k => k.GetProperty("body").GetString() == "Cytuno'n llwyr.").GetProperty("language").GetString().Should().Be("cy-GB");
        var exportedCsv = (await admin.Http.GetStringAsync("api/v1/admin/exports/ideas.csv")).TrimStart('\uFEFF').Split("\r\n");
        exportedCsv[0].Should().EndWith(",merged_into,language,category");
        exportedCsv.Should().Contain(l => l.StartsWith($"{welsh.GetProperty("id").GetInt64()},") && l.EndsWith(",cy-GB,"));

        // "ofalwyr" is gofalwyr with its g dropped: a Welsh query finds it as gofalwyr too.
        using var visitor = app.Visit("cymru.test");
        (await visitor.Http.GetFromJsonAsync<JsonElement>("api/v1/search?q=gofalwyr+parcio&lang=cy")).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("id").GetInt64()).Should().Equal(welsh.GetProperty("id").GetInt64());
        admin.Dispose();
    }

    private static Task<HttpResponseMessage> ImportAsync(Visitor admin, string csv)
    {
        var content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        return admin.Http.PostAsync("api/v1/admin/imports?source=Connect%20session&heldOn=" + DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd") + "&fileName=sesiwn.csv", content);
    }
}
