using System.Text;
using Engine.Core.Tenancy;

namespace Engine.Core.Tests.Tenancy;

public class TenantFileTests
{
    private const string Valid = """
        {
          "id": "north",
          "name": "North ideas",
          "hosts": ["north.localhost"],
          "theme": "nhs",
          "themeSettings": { "primaryColour": "#123456" },
          "features": { "anonymousPosting": true },
          "challenges": [ { "slug": "waiting-well", "title": "Waiting well" } ]
        }
        """;

    /// <summary>The start of an OpenID Connect provider in tenant.json, without its closing brace, for a test to add one more field.</summary>
    private const string Provider = "{ \"id\": \"nhsmail\", \"label\": \"Sign in with NHSmail\", \"authority\": \"https://login.example/v2.0\", \"clientId\": \"abc\"";

    private static (TenantDefinition? Tenant, TenantProblem? Problem) Parse(string json, string folder = "north") =>
        TenantFile.Parse(folder, $"tenants/{folder}/tenant.json", Encoding.UTF8.GetBytes(json), $"/tmp/{folder}");

    [Fact]
    public void A_valid_file_gives_the_tenant_with_defaults_for_what_it_leaves_out()
    {
        var (tenant, problem) = Parse(Valid);
        problem.Should().BeNull();
        tenant!.Name.Should().Be("North ideas");
        tenant.Features.AnonymousPosting.Should().BeTrue();
        tenant.Features.DownVotes.Should().BeFalse("thumbs-down is off unless a tenant turns it on");
        tenant.ThemeSettings.AccentColour.Should().Be("#ffeb3b");
        tenant.Challenges.Should().ContainSingle(c => c.Slug == "waiting-well");
        tenant.Folder.Should().Be("/tmp/north");
    }

    [Fact]
    public void Malformed_json_is_reported_with_the_file_and_line()
    {
        var (tenant, problem) = Parse("{\n  \"id\": \"north\",\n  \"name\": \"x\"\n  \"hosts\": []\n}");
        tenant.Should().BeNull();
        problem!.File.Should().Be("tenants/north/tenant.json");
        problem.Line.Should().Be(4);
        problem.ToString().Should().StartWith("tenants/north/tenant.json, line 4:");
    }

    [Fact]
    public void A_bad_value_is_reported_with_the_line_of_its_property()
    {
        var (_, problem) = Parse(Valid.Replace("#123456", "blue"));
        problem!.Line.Should().Be(6);
        problem.Message.Should().Contain("themeSettings.primaryColour").And.Contain("colour");
    }

    [Fact]
    public void A_misspelt_property_is_refused_rather_than_silently_ignored()
    {
        var (_, problem) = Parse(Valid.Replace("\"anonymousPosting\"", "\"anonymousPostng\""));
        problem!.Message.Should().Contain("anonymousPostng");
        problem.Line.Should().Be(7);
    }

    [Fact]
    public void The_id_must_match_the_folder()
    {
        var (_, problem) = Parse(Valid, folder: "south");
        problem!.Message.Should().Contain("'north'").And.Contain("'south'");
        problem.Line.Should().Be(2);
    }

    [Theory]
    [InlineData("\"hosts\": [\"north.localhost\"]", "\"hosts\": []", "hosts")]
    [InlineData("\"hosts\": [\"north.localhost\"]", "\"hosts\": [\"http://north.localhost:80\"]", "hosts[0]")]
    [InlineData("\"theme\": \"nhs\"", "\"theme\": \"../etc\"", "theme")]
    [InlineData("{ \"slug\": \"waiting-well\", \"title\": \"Waiting well\" }", "{ \"slug\": \"Waiting Well\", \"title\": \"x\" }", "challenges[0].slug")]
    [InlineData("\"name\": \"North ideas\",", "\"name\": \"North ideas\", \"pathPrefix\": \"london\",", "pathPrefix")]
    [InlineData("\"name\": \"North ideas\",", "\"name\": \"North ideas\", \"locale\": \"xx-nowhere\",", "locale")]
    [InlineData("\"name\": \"North ideas\",", "\"name\": \"North ideas\", \"languages\": [\"cy-GB\", \"welsh\"],", "languages[1]")]
    [InlineData("\"name\": \"North ideas\",", "\"name\": \"North ideas\", \"editing\": { \"window\": \"minutes\", \"minutes\": 0 },", "editing.minutes")]
    [InlineData("\"name\": \"North ideas\",", "\"name\": \"North ideas\", \"editing\": { \"window\": \"forever\" },", "editing.window")]
    [InlineData("\"name\": \"North ideas\",", "\"name\": \"North ideas\", \"accounts\": { \"deleteInactiveAfterMonths\": 1 },", "accounts.deleteInactiveAfterMonths")]
    [InlineData("\"name\": \"North ideas\",", "\"name\": \"North ideas\", \"accounts\": { \"deleteInactiveAfterMonths\": 24, \"inactiveWarningDays\": 2 },", "accounts.inactiveWarningDays")]
    [InlineData("\"name\": \"North ideas\",", "\"name\": \"North ideas\", \"signIn\": { \"passwords\": false },", "signIn.passwords")]
    [InlineData("\"name\": \"North ideas\",", "\"name\": \"North ideas\", \"signIn\": { \"openIdConnect\": [" + Provider + ", \"clientSecret\": \"s3cret\" }] },", "signIn.openIdConnect[0].clientSecret")]
    [InlineData("\"name\": \"North ideas\",", "\"name\": \"North ideas\", \"signIn\": { \"openIdConnect\": [" + Provider + ", \"authority\": \"http://login.example\" }] },", "signIn.openIdConnect[0].authority")]
    [InlineData("\"name\": \"North ideas\",", "\"name\": \"North ideas\", \"signIn\": { \"openIdConnect\": [" + Provider + ", \"rolesClaim\": \"groups\", \"roles\": { \"g1\": \"boss\" } }] },", "signIn.openIdConnect[0].roles.g1")]
    public void Each_field_is_checked_and_named(string from, string to, string field)
    {
        var (tenant, problem) = Parse(Valid.Replace(from, to));
        tenant.Should().BeNull();
        problem!.Message.Should().StartWith(field + ":");
    }

    [Fact]
    public void A_missing_required_property_is_named()
    {
        var (_, problem) = Parse("{ \"id\": \"north\", \"hosts\": [\"a.localhost\"] }");
        problem!.Message.Should().Contain("name");
    }

    [Fact]
    public void A_logo_outside_the_tenant_assets_folder_is_refused()
    {
        var (_, problem) = Parse(Valid.Replace("\"primaryColour\": \"#123456\"", "\"logo\": \"../../secrets.txt\""));
        problem!.Message.Should().StartWith("themeSettings.logo:");
    }

    [Fact]
    public void The_languages_a_site_offers_besides_its_locale_are_read()
    {
        var (tenant, problem) = Parse(Valid.Replace("\"name\": \"North ideas\",", "\"name\": \"North ideas\", \"locale\": \"cy-GB\", \"languages\": [\"en-GB\"],"));
        problem.Should().BeNull();
        tenant!.Locale.Should().Be("cy-GB");
        tenant.Languages.Should().Equal("en-GB");
    }

    [Fact]
    public void The_edit_window_is_until_the_first_vote_or_comment_unless_the_site_says_otherwise()
    {
        Parse(Valid).Tenant!.Editing.Window.Should().Be(Engine.Core.Editing.EditWindow.UntilFirstReaction);
        var (tenant, problem) = Parse(Valid.Replace("\"name\": \"North ideas\",", "\"name\": \"North ideas\", \"editing\": { \"window\": \"minutes\", \"minutes\": 30 },"));
        problem.Should().BeNull();
        tenant!.Editing.Should().Be(new Engine.Core.Editing.TenantEditing { Window = Engine.Core.Editing.EditWindow.Minutes, Minutes = 30 });
        Parse(Valid.Replace("\"name\": \"North ideas\",", "\"name\": \"North ideas\", \"editing\": { \"window\": \"off\" },")).Tenant!.Editing.Window
            .Should().Be(Engine.Core.Editing.EditWindow.Off);
    }
}
