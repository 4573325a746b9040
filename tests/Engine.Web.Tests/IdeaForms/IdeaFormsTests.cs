using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Engine.Core.Members;

namespace Engine.Web.Tests.IdeaForms;

/// <summary>
/// A challenge's own idea form: its fields checked on the form and in the API naming the field, shown on idea pages, and the
/// filters over its ideas, which never list the ideas of fewer than 5 people by their answers (an anonymous author who is the
/// only carer stays unknown). Runs on SQLite, and on PostgreSQL with ENGINE_TEST_STORE=postgres.
/// </summary>
public sealed class IdeaFormsTests(IdeaFormsApp app) : IClassFixture<IdeaFormsApp>
{
    private async Task<Visitor> MemberAsync(string host = "forms.test", string name = "Pat Example") => (await app.MemberAsync(host, Roles.Member, name)).Visitor;

    private static async Task<(HttpStatusCode Status, JsonElement Json)> PostAsync(Visitor visitor, string challenge, object idea)
    {
        var response = await visitor.Http.PostAsJsonAsync($"api/v1/challenges/{challenge}/ideas", idea);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private static async Task<JsonElement> ListAsync(Visitor visitor, string query)
    {
        var response = await visitor.Http.GetAsync($"api/v1/challenges/filtered/ideas?{query}");
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task The_api_refuses_answers_the_form_does_not_take_naming_the_field_and_stores_nothing()
    {
        using var member = await MemberAsync();
        const string title = "Text patients their waiting-list position";
        foreach (var (idea, field) in new (object, string)[]
                 {
                     (new { title, body = "No role given.", fields = new { ward = "Ward 7" } }, "fields.role"),
                     (new { title, body = "A role not on the list.", fields = new { role = "nurse" } }, "fields.role"),
                     (new { title, body = "A field the form lacks.", fields = new { role = "carer", age = "40" } }, "fields.age"),
                     (new { title, body = "A category not on the list.", category = "Cardiology", fields = new { role = "carer" } }, "category"),
                     (new { title, body = "Too long.", fields = new { role = "carer", ward = new string('w', 121) } }, "fields.ward"),
                 })
        {
            var (status, problem) = await PostAsync(member, "api-checks", idea);
            status.Should().Be(HttpStatusCode.BadRequest);
            problem.GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue($"the error names {field}: {problem}");
        }
        (await member.Http.GetFromJsonAsync<JsonElement>("api/v1/challenges/api-checks/ideas")).GetProperty("total").GetInt32()
            .Should().Be(0, "no refused idea is stored, not even half-way");

        var (created, posted) = await PostAsync(member, "api-checks",
            new { title, body = "All answered.", category = "Waiting lists", fields = new { role = "carer", trust = "York", ward = " Ward 7 " } });
        created.Should().Be(HttpStatusCode.Created, posted.ToString());
        posted.GetProperty("category").GetString().Should().Be("Waiting lists");
        posted.GetProperty("fields").Deserialize<Dictionary<string, string>>().Should()
            .BeEquivalentTo(new Dictionary<string, string> { ["role"] = "carer", ["trust"] = "York", ["ward"] = "Ward 7" });
        var read = await member.Http.GetFromJsonAsync<JsonElement>($"api/v1/ideas/{posted.GetProperty("id").GetInt64()}");
        read.GetProperty("fields").GetProperty("role").GetString().Should().Be("carer");
        read.GetProperty("category").GetString().Should().Be("Waiting lists");
    }

    [Fact]
    public async Task The_form_shows_the_challenge_s_fields_keeps_what_was_typed_when_refused_and_the_idea_page_shows_the_answers()
    {
        using var member = await MemberAsync(name: "Nurse Jo");
        var (_, form) = await member.GetPageAsync("challenges/site-form/ideas/new");
        form.Should().Contain("<select id=\"fields.role\" name=\"fields.role\"").And.Contain("<option value=\"member of staff\">member of staff</option>")
            .And.Contain("name=\"category\"").And.Contain("<input id=\"fields.ward\" name=\"fields.ward\" type=\"text\"")
            .And.Contain("Organisation (optional)");

        var refused = await member.SubmitAsync("challenges/site-form/ideas/new", "challenges/site-form/ideas",
            new() { ["title"] = "Open the clinic on Saturdays", ["body"] = "For people who work.", ["category"] = "Outpatients", ["fields.ward"] = "Ward 7" });
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var page = await refused.Content.ReadAsStringAsync();
        page.Should().Contain("<a href=\"#fields.role\">&#x27;I am a&#x27; is required.</a>", "the error summary links to the field")
            .And.Contain("id=\"fields.role-error\"").And.Contain("value=\"Open the clinic on Saturdays\"")
            .And.Contain("<option value=\"Outpatients\" selected>").And.Contain("value=\"Ward 7\"");
        (await member.Http.GetFromJsonAsync<JsonElement>("api/v1/challenges/site-form/ideas")).GetProperty("total").GetInt32().Should().Be(0);

        var posted = await member.SubmitAsync("challenges/site-form/ideas/new", "challenges/site-form/ideas",
            new() { ["title"] = "Open the clinic on Saturdays", ["body"] = "For people who work.", ["category"] = "Outpatients", ["fields.role"] = "carer", ["fields.ward"] = "Ward 7" });
        posted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var (_, idea) = await member.GetPageAsync(posted.Headers.Location!.OriginalString.TrimStart('/'));
        idea.Should().Contain("<dt>I am a</dt><dd>carer</dd>").And.Contain("<dt>Category</dt><dd>Outpatients</dd>")
            .And.Contain("<dt>Ward or team</dt><dd>Ward 7</dd>").And.NotContain("<dt>Organisation</dt>", "an optional field left empty is not shown");
    }

    [Fact]
    public async Task Filters_narrow_the_list_keep_their_state_in_the_url_and_never_list_an_answer_fewer_than_five_people_gave()
    {
        var ids = new List<long>();
        for (var i = 1; i <= 5; i++)
        {
            using var staff = await MemberAsync(name: $"Staff {i}");
            var (status, json) = await PostAsync(staff, "filtered", new
            {
                title = $"Staff idea number {i}", body = "From the ward.", category = i <= 3 ? "Outpatients" : "Waiting lists",
                fields = new { role = "member of staff", trust = "Leeds" },
            });
            status.Should().Be(HttpStatusCode.Created, json.ToString());
            ids.Add(json.GetProperty("id").GetInt64());
        }
        using var carer = await MemberAsync(name: "Sam Quiet");
        var (anonymousStatus, anonymousIdea) = await PostAsync(carer, "filtered", new
        {
            title = "An anonymous idea about respite", body = "Only I look after someone here.", anonymous = true, category = "Outpatients",
            fields = new { role = "carer", trust = "York" },
        });
        anonymousStatus.Should().Be(HttpStatusCode.Created, anonymousIdea.ToString());
        var anonymousId = anonymousIdea.GetProperty("id").GetInt64();
        var (admin, _) = await app.MemberAsync("forms.test", Roles.Admin, "Team Lead");
        (await admin.Http.PostAsJsonAsync($"api/v1/ideas/{ids[0]}/comments", new { body = "We are trying this.", official = true }))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        using var visitor = app.Visit("forms.test");

        // The anonymous carer: not on their idea, nor in the API, nor findable by filtering on carer (one person).
        (await visitor.GetPageAsync($"ideas/{anonymousId}")).Html.Should().Contain("<dd>Outpatients</dd>").And.NotContain("carer").And.NotContain("York");
        var anonymousRead = await visitor.Http.GetFromJsonAsync<JsonElement>($"api/v1/ideas/{anonymousId}");
        anonymousRead.GetProperty("fields").EnumerateObject().Should().BeEmpty();
        anonymousIdea.GetProperty("fields").EnumerateObject().Should().BeEmpty("even its author's own answer to posting does not carry them");
        foreach (var query in new[] { "fields.role=carer", "fields.trust=York", "fields.role=carer&category=Outpatients", "fields.role=member%20of%20staff&category=Outpatients" })
        {
            var (status, html) = await visitor.GetPageAsync($"challenges/filtered?{query}");
            status.Should().Be(HttpStatusCode.OK);
            html.Should().Contain("Fewer than 5 people gave that answer").And.NotContain("idea number").And.NotContain("about respite", query);
            var listed = await ListAsync(visitor, query);
            listed.GetProperty("withheld").GetBoolean().Should().BeTrue(query);
            listed.GetProperty("items").GetArrayLength().Should().Be(0, query);
            listed.GetProperty("total").GetInt32().Should().Be(0, query);
        }

        var staffOnly = await visitor.GetPageAsync("challenges/filtered?fields.role=member+of+staff&sort=new");
        for (var i = 1; i <= 5; i++) staffOnly.Html.Should().Contain($"Staff idea number {i}");
        staffOnly.Html.Should().NotContain("about respite").And.NotContain("Fewer than 5 people")
            .And.Contain("<option value=\"member of staff\" selected>", "the filter shows what it is set to")
            .And.Contain("href=\"/challenges/filtered?sort&#x3D;top&amp;fields.role&#x3D;member%20of%20staff\"", "the sort tabs keep the filter")
            .And.Contain("href=\"/challenges/filtered?sort&#x3D;new\">Clear filters", "clearing the filters keeps the sort");
        (await ListAsync(visitor, "fields.role=member%20of%20staff&fields.trust=Leeds")).GetProperty("total").GetInt32().Should().Be(5);

        var outpatients = await ListAsync(visitor, "category=Outpatients&sort=new");
        outpatients.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).Should().Equal(anonymousId, ids[2], ids[1], ids[0]);
        outpatients.GetProperty("withheld").GetBoolean().Should().BeFalse("a category is about the idea, not its author");
        var responded = await ListAsync(visitor, "responded=true");
        responded.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).Should().Equal(ids[0]);
        (await ListAsync(visitor, "responded=false&category=Waiting%20lists")).GetProperty("total").GetInt32().Should().Be(2);
        (await ListAsync(visitor, "status=under-review")).GetProperty("total").GetInt32().Should().Be(0);
        var respondedPage = await visitor.GetPageAsync("challenges/filtered?responded=true");
        respondedPage.Html.Should().Contain("Staff idea number 1").And.NotContain("Staff idea number 2").And.Contain("name=\"responded\" value=\"true\" checked");

        var pageOne = await ListAsync(visitor, "fields.role=member%20of%20staff&sort=new&pageSize=2&page=3");
        pageOne.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).Should().ContainSingle().Which.Should().Be(ids[0], "paging works over the filtered list");

        // The numbers by answer: no group under 5 people on the public page, the team's page (a champion's too) or in exports.
        var (_, numbers) = await visitor.GetPageAsync("about/numbers");
        numbers.Should().Contain("Challenge filtered: I am a").And.Contain("<th scope=\"row\">member of staff</th><td>5</td><td>5</td>")
            .And.Contain("<th scope=\"row\">Leeds</th><td>5</td><td>5</td>")
            .And.Contain("<th scope=\"row\">Other (answers fewer than 5 people gave, together)</th><td>6</td><td>6</td>", "Outpatients (4 people) and Waiting lists (2) together")
            .And.Contain("Some answers were given by fewer than 5 people").And.NotContain(">carer<").And.NotContain(">York<");
        var (champion, _) = await app.MemberAsync("forms.test", Roles.Champion, "Cam Champion");
        var (teamStatus, team) = await champion.GetPageAsync("admin/numbers?challenge=filtered");
        teamStatus.Should().Be(HttpStatusCode.OK);
        team.Should().Contain("scope=\"row\">member of staff</th>").And.NotContain(">carer<").And.NotContain(">York<");
        var exported = await admin.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/exports/ideas.json?challenge=filtered");
        var anonymousRow = exported.EnumerateArray().Single(i => i.GetProperty("id").GetInt64() == anonymousId);
        (anonymousRow.GetProperty("category").GetString(), anonymousRow.GetProperty("fields").ValueKind).Should().Be(("Outpatients", JsonValueKind.Null));
        exported.EnumerateArray().Single(i => i.GetProperty("id").GetInt64() == ids[4]).GetProperty("fields").GetProperty("role").GetString().Should().Be("member of staff");
        var csv = await admin.Http.GetStringAsync("api/v1/admin/exports/ideas.csv?challenge=filtered");
        csv.Should().Contain("Leeds").And.NotContain("carer").And.NotContain("York");

        (await visitor.GetPageAsync("challenges/filtered?fields.ward=Ward%207")).Status.Should().Be(HttpStatusCode.BadRequest, "free text is not a filter");
        var refused = await visitor.Http.GetAsync("api/v1/challenges/filtered/ideas?fields.role=nurse");
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Visitor.ProblemAsync(refused)).GetProperty("errors").TryGetProperty("fields.role", out _).Should().BeTrue();
    }

    [Theory]
    [InlineData("forms-nhs.test")]
    [InlineData("forms-london.test")]
    public async Task Every_theme_shows_the_fields_the_filters_and_the_answers_in_English_and_Welsh(string host)
    {
        using var member = await MemberAsync(host, "Nurse Jo");
        var (_, form) = await member.GetPageAsync("challenges/site-form/ideas/new");
        form.Should().Contain("name=\"fields.role\"").And.Contain("name=\"fields.ward\"").And.Contain("name=\"category\"").And.Contain("(optional)");
        var (status, idea) = await PostAsync(member, "site-form", new { title = "A theme shows answers", body = "So people see context.", fields = new { role = "patient" } });
        status.Should().Be(HttpStatusCode.Created, idea.ToString());
        (await member.GetPageAsync($"ideas/{idea.GetProperty("id").GetInt64()}")).Html.Should().Contain("I am a").And.Contain(">patient</dd>");
        var (_, challenge) = await member.GetPageAsync("challenges/site-form");
        challenge.Should().Contain("method=\"get\"").And.Contain("name=\"fields.role\"").And.Contain("Has an official response");
        // Last: choosing Welsh is remembered for the member.
        (await member.GetPageAsync("challenges/site-form?lang=cy")).Html.Should().Contain("Mae ymateb swyddogol iddo").And.Contain("Hidlo syniadau");
        (await member.GetPageAsync("challenges/site-form/ideas/new")).Html.Should().Contain("(dewisol)");
    }

    [Fact]
    public async Task An_admin_sets_a_challenge_s_form_checked_like_tenant_json_s_and_it_applies_at_once()
    {
        var (admin, _) = await app.MemberAsync("forms.test", Roles.Admin, "Form Admin");
        var bad = await admin.Http.PutAsJsonAsync("api/v1/admin/settings/challenges/admin-set",
            new { ideaForm = new { fields = new[] { new { key = "role", label = "I am a", kind = "choice", choices = new[] { "only one" } } } } });
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Visitor.ProblemAsync(bad)).GetProperty("errors").TryGetProperty("ideaForm.fields[0].choices", out _).Should().BeTrue();

        var good = await admin.Http.PutAsJsonAsync("api/v1/admin/settings/challenges/admin-set", new
        {
            ideaForm = new { categories = new[] { "Maternity" }, fields = new[] { new { key = "area", label = "Area", kind = "organisation", required = true, choices = new[] { "North", "South" } } } },
        });
        good.StatusCode.Should().Be(HttpStatusCode.OK, await good.Content.ReadAsStringAsync());
        // Audited like the site's other settings, as before -> after.
        (await admin.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/audit?action=setting.changed")).EnumerateArray().Should().Contain(e =>
            e.GetProperty("subject").GetString() == "challenge admin-set: ideaForm"
            && e.GetProperty("detail").GetString() == "none -> categories: Maternity; area \"Area\" (organisation, required): North, South");
        using var member = await MemberAsync();
        (await member.GetPageAsync("challenges/admin-set/ideas/new")).Html.Should().Contain("name=\"fields.area\"").And.Contain("<option value=\"Maternity\">");
        var (refused, problem) = await PostAsync(member, "admin-set", new { title = "An idea for the admin's form", body = "No area." });
        refused.Should().Be(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").TryGetProperty("fields.area", out _).Should().BeTrue();
        var (created, idea) = await PostAsync(member, "admin-set", new { title = "An idea for the admin's form", body = "With an area.", category = "Maternity", fields = new { area = "North" } });
        created.Should().Be(HttpStatusCode.Created, idea.ToString());
        idea.GetProperty("fields").GetProperty("area").GetString().Should().Be("North");
    }
}
