using System.Text;
using Engine.Core.IdeaForms;
using Engine.Core.Ideas;
using Engine.Core.Tenancy;

namespace Engine.Core.Tests.IdeaForms;

public class IdeaFormTests
{
    private const string Tenant = """
        {
          "id": "north",
          "name": "North ideas",
          "hosts": ["north.localhost"],
          "challenges": [ {
            "slug": "waiting-well", "title": "Waiting well",
            "ideaForm": {
              "categories": ["Outpatients", "Waiting lists"],
              "fields": [
                { "key": "role", "label": "I am a", "kind": "choice", "required": true, "choices": ["patient", "carer", "member of staff"] },
                { "key": "trust", "label": "Organisation", "kind": "organisation", "choices": ["Leeds", "York"] },
                { "key": "ward", "label": "Ward or team", "kind": "text" }
              ]
            }
          } ]
        }
        """;

    private static (TenantDefinition? Tenant, TenantProblem? Problem) Parse(string json) =>
        TenantFile.Parse("north", "tenants/north/tenant.json", Encoding.UTF8.GetBytes(json), "/tmp/north");

    private static IdeaForm Form => IdeaForm.For(Parse(Tenant).Tenant!, "waiting-well");

    [Fact]
    public void A_challenge_s_form_is_read_from_tenant_json()
    {
        Form.Categories.Should().Equal("Outpatients", "Waiting lists");
        Form.Fields.Select(f => (f.Key, f.Kind, f.Required)).Should().Equal(
            ("role", IdeaFieldKind.Choice, true), ("trust", IdeaFieldKind.Organisation, false), ("ward", IdeaFieldKind.Text, false));
        IdeaForm.For(Parse(Tenant).Tenant!, "another").Should().BeSameAs(IdeaForm.None);
    }

    [Fact]
    public void An_admin_s_form_wins_over_tenant_json_s()
    {
        var tenant = Parse(Tenant).Tenant! with
        {
            ChallengeOverrides = new Dictionary<string, ChallengeOverride> { ["waiting-well"] = new() { IdeaForm = new IdeaForm { Categories = ["Only"] } } },
        };
        IdeaForm.For(tenant, "waiting-well").Categories.Should().Equal("Only");
    }

    [Theory]
    [InlineData("\"key\": \"role\"", "\"key\": \"Role!\"", "challenges[0].ideaForm.fields[0].key", 10)]
    [InlineData("\"choices\": [\"Leeds\", \"York\"]", "\"choices\": [\"Leeds\"]", "challenges[0].ideaForm.fields[1].choices", 11)]
    [InlineData("\"label\": \"Ward or team\"", "\"label\": \" \"", "challenges[0].ideaForm.fields[2].label", 12)]
    [InlineData("\"Waiting lists\"]", "\"Outpatients\"]", "challenges[0].ideaForm.categories", 8)]
    public void A_bad_form_in_tenant_json_names_the_file_the_line_and_the_field(string good, string bad, string path, int line)
    {
        var (tenant, problem) = Parse(Tenant.Replace(good, bad));
        tenant.Should().BeNull();
        problem!.ToString().Should().StartWith($"tenants/north/tenant.json, line {line}: {path}:");
    }

    [Fact]
    public void A_field_kind_tenant_json_does_not_know_names_the_field()
    {
        var (_, problem) = Parse(Tenant.Replace("\"kind\": \"text\"", "\"kind\": \"essay\""));
        problem!.ToString().Should().Contain("challenges[0].ideaForm.fields[2].kind");
    }

    [Theory]
    [InlineData(null, null, "fields.role", "'I am a' is required.")]
    [InlineData(null, " ", "fields.role", "'I am a' is required.")]
    [InlineData(null, "ward sister", "fields.role", "'I am a' must be one of: patient, carer, member of staff.")]
    [InlineData("Cardiology", "carer", "category", "Category must be one of: Outpatients, Waiting lists.")]
    public void Answers_are_checked_against_the_form_naming_the_field(string? category, string? role, string field, string message)
    {
        var refused = IdeaAnswers.Check(Form, category, new Dictionary<string, string?> { ["role"] = role, ["trust"] = "Leeds" });
        refused.Error!.Field.Should().Be(field);
        refused.Error.Message.Should().Be(message);
    }

    [Fact]
    public void A_field_the_form_lacks_and_over_long_text_are_refused_naming_them()
    {
        IdeaAnswers.Check(Form, null, new Dictionary<string, string?> { ["role"] = "carer", ["age"] = "40" }).Error!.Field.Should().Be("fields.age");
        IdeaAnswers.Check(Form, null, new Dictionary<string, string?> { ["role"] = "carer", ["ward"] = new string('w', 121) })
            .Error!.Message.Should().Be("'Ward or team' must be 120 characters or fewer (it has 121).");
    }

    [Fact]
    public void Sound_answers_are_trimmed_and_an_unanswered_optional_field_is_left_out()
    {
        var answers = IdeaAnswers.Check(Form, " Outpatients ", new Dictionary<string, string?> { ["role"] = " carer ", ["trust"] = "", ["ward"] = " Ward 7 " }).Value!;
        answers.Category.Should().Be("Outpatients");
        answers.Values.Should().BeEquivalentTo(new Dictionary<string, string> { ["role"] = "carer", ["ward"] = "Ward 7" });
        answers.Shown(anonymous: true).Values.Should().BeEmpty("an anonymous author's answers describe them");
        answers.Shown(anonymous: true).Category.Should().Be("Outpatients", "the category is about the idea");
    }

    [Fact]
    public void A_filter_on_an_answer_fewer_than_five_people_gave_lists_nothing()
    {
        var ideas = Enumerable.Range(1, 5).Select(i => Facets(i, $"m{i}", "member of staff", anonymous: false))
            .Append(Facets(6, "k-anonymous", "carer", anonymous: true)).ToList();
        Filter("fields.role", "carer").Apply(ideas).Should().BeNull("the only carer posted anonymously");
        Filter("fields.role", "member of staff").Apply(ideas)!.Select(i => i.IdeaId).Should().Equal(1, 2, 3, 4, 5);
        Filter("status", "submitted").Apply(ideas)!.Should().HaveCount(6, "a filter on no answer narrows no group of people");
        Filter("fields.role", "member of staff", ("status", "under-review")).Apply(ideas).Should().BeNull("narrowed to nobody, still too few");
    }

    [Theory]
    [InlineData("status", "lost", "status")]
    [InlineData("category", "Cardiology", "category")]
    [InlineData("fields.ward", "Ward 7", "fields.ward")]
    [InlineData("fields.role", "nurse", "fields.role")]
    [InlineData("responded", "maybe", "responded")]
    public void A_filter_the_challenge_cannot_take_is_refused_naming_the_parameter(string name, string value, string field)
    {
        var error = IdeaFilter.Parse(Form, [KeyValuePair.Create(name, (string?)value)]).Error!;
        error.Field.Should().Be(field);
        error.Key.Should().StartWith("error.", "a page words the refusal in its language");
    }

    [Fact]
    public void Two_answers_of_one_field_are_refused_by_a_key_naming_the_fields_label()
    {
        var error = IdeaFilter.Parse(Form, [KeyValuePair.Create("fields.role", (string?)"patient"), KeyValuePair.Create("fields.role", (string?)"carer")]).Error!;
        error.Key.Should().Be("error.one-answer-at-a-time");
        error.Values.Should().Equal("I am a");
    }

    [Fact]
    public void A_filter_s_query_is_the_same_however_it_was_asked_for()
    {
        var filter = Filter("responded", "true", ("fields.trust", "York"), ("category", "Outpatients"), ("status", "under-review"), ("sort", "new"));
        filter.Query.Should().Be("status=under-review&category=Outpatients&fields.trust=York&responded=true");
        IdeaFilter.Parse(Form, [KeyValuePair.Create("status", (string?)""), KeyValuePair.Create("category", (string?)"")]).Value!.IsEmpty
            .Should().BeTrue("a form sent without script sends 'any' as empty");
    }

    private static IdeaFilter Filter(string name, string value, params (string Name, string Value)[] more) =>
        IdeaFilter.Parse(Form, more.Prepend((name, value)).Select(p => KeyValuePair.Create(p.Item1, (string?)p.Item2))).Value!;

    private static IdeaFacets Facets(long id, string person, string role, bool anonymous) =>
        new(id, IdeaStatus.Submitted, person, anonymous, false, new IdeaAnswers(null, new Dictionary<string, string> { ["role"] = role }));
}
