using System.Net;
using System.Net.Http.Json;

namespace Engine.Web.Tests.Security;

/// <summary>
/// A display name is shown beside everything a member posts: it may not hide control or text-direction characters, and a
/// member may not pass for the site's staff or the site itself, however the name is spelt. Refused on the API and the form,
/// naming the field, and nothing is stored.
/// </summary>
public sealed class DisplayNameTests(EngineApp app) : IClassFixture<EngineApp>
{
    private const string Host = "alpha.test"; // the tenant named "Alpha Health Ideas"

    public static readonly TheoryData<string> Refused =
    [
        "Jo\u0007Bell", "Jo\u202EllebJo", "Jo\u2066Bell\u2069", "Jo\u200BBell", "Jo\u00ADBell", "Jo\nBell",
        "Site administrator", "Moderator", "MODERATOR", "moderator team", "M o d e r a t o r", "M0derat0r", "Mod3rator",
        "Мoderator", "Ｍｏｄｅｒａｔｏｒ", "Mödérator", "Admin Jo", "Jo (admin)", "Community manager", "Site team",
        "Alpha Health Ideas", "alpha health ideas", "AlphaHealthIdeas official", "Alpha Health Idea5", "Ａlpha Health Ideas",
    ];

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_name_that_hides_characters_or_passes_for_staff_is_refused_naming_the_field(string displayName)
    {
        using var visitor = app.Visit(Host);
        var email = TestEmail.Unique("n");
        var response = await visitor.Http.PostAsJsonAsync("api/v1/account/register", new { email, password = "correct horse battery", displayName });
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, displayName);
        (await Visitor.ProblemAsync(response)).GetProperty("errors").TryGetProperty("displayName", out _).Should().BeTrue();

        var form = await visitor.SubmitAsync("account/register", "account/register",
            new() { ["email"] = email, ["password"] = "correct horse battery", ["displayName"] = displayName });
        form.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await form.Content.ReadAsStringAsync()).Should().Contain("displayName-error");
        (await visitor.Http.PostAsJsonAsync("api/v1/account/signin", new { email, password = "correct horse battery" }))
            .StatusCode.Should().Be(HttpStatusCode.Unauthorized, "nothing was stored");
    }

    [Theory]
    [InlineData("Badminton Fan")]
    [InlineData("Jo Modest")]
    [InlineData("Renée O'Brien")]
    [InlineData("Alpha Jones")]
    [InlineData("Dr. Ayo Adeyemi-Smith")]
    public async Task Ordinary_names_are_taken(string displayName)
    {
        using var visitor = app.Visit(Host);
        await visitor.RegisterAsync(TestEmail.Unique("n"), displayName);
    }
}
