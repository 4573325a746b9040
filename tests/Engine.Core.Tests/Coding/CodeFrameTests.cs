using System.Text;
using Engine.Core.Coding;
using Engine.Core.Tenancy;

namespace Engine.Core.Tests.Coding;

public class CodeFrameTests
{
    private const string Site = """
        {
          "id": "north",
          "name": "North ideas",
          "hosts": ["north.localhost"],
          "coding": {
            "codes": [
              { "id": "access", "name": "Access to care", "key": 1, "description": "Getting seen" },
              { "id": "staff", "name": "Staffing", "key": 2, "group": "Workforce" },
              { "id": "other", "name": "Other" }
            ]
          }
        }
        """;

    private static (TenantDefinition? Tenant, TenantProblem? Problem) Parse(string json) =>
        TenantFile.Parse("north", "tenants/north/tenant.json", Encoding.UTF8.GetBytes(json), "/tmp/north");

    [Fact]
    public void Tenant_json_gives_the_code_frame_ordered_by_number_key_and_not_public_unless_it_says_so()
    {
        var (tenant, problem) = Parse(Site);
        problem.Should().BeNull();
        tenant!.Coding.Public.Should().BeFalse("codes are not public unless the site says so");
        tenant.Coding.Ordered.Select(c => c.Id).Should().Equal("access", "staff", "other");
        tenant.Coding.Find("staff")!.Group.Should().Be("Workforce");
        Parse(Site.Replace("\"coding\": {", "\"coding\": { \"public\": true,")).Tenant!.Coding.Public.Should().BeTrue();
    }

    [Theory]
    [InlineData("\"key\": 2", "\"key\": 1", "coding.codes[1].key", 8, "1 is used twice")]
    [InlineData("\"key\": 2", "\"key\": 10", "coding.codes[1].key", 8, "from 1 to 9")]
    [InlineData("\"name\": \"Staffing\"", "\"name\": \"access to care\"", "coding.codes[1].name", 8, "used twice")]
    [InlineData("\"id\": \"other\"", "\"id\": \"Other things\"", "coding.codes[2].id", 9, "lower-case letters")]
    public void A_wrong_code_is_reported_with_its_field_and_line(string from, string to, string field, int line, string says)
    {
        var (tenant, problem) = Parse(Site.Replace(from, to));
        tenant.Should().BeNull();
        problem!.Message.Should().StartWith(field).And.Contain(says);
        problem.Line.Should().Be(line);
    }

    [Fact]
    public void A_new_code_gets_an_id_from_its_name_unique_in_the_frame()
    {
        var frame = Parse(Site).Tenant!.Coding;
        frame.NewId("Waiting times & delays").Should().Be("waiting-times-delays");
        frame.NewId("Access to care").Should().Be("access-to-care");
        frame.NewId("Other").Should().Be("other-2");
        frame.NewId("!!!").Should().Be("code");
    }
}
