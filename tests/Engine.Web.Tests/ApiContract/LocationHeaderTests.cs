using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Engine.Core.Members;

namespace Engine.Web.Tests.ApiContract;

/// <summary>
/// What a client does with a Location header: GETs it. Every address the API hands back on a 201 answers that GET;
/// registering names none, since its answer must not tell whether an account was made.
/// </summary>
public class LocationHeaderTests(EngineApp app) : IClassFixture<EngineApp>
{
    private const string Host = "alpha.test";

    [Fact]
    public async Task Registering_names_no_address_and_every_created_thing_is_at_the_address_its_answer_names()
    {
        using var newcomer = app.Visit(Host);
        var registered = await newcomer.Http.PostAsJsonAsync("api/v1/account/register",
            new { email = TestEmail.Unique("loc"), password = "correct horse battery", displayName = "Lou Newcomer" });
        registered.StatusCode.Should().Be(HttpStatusCode.Accepted);
        registered.Headers.Location.Should().BeNull("an address for the new account would tell whether the email was already taken");

        using var admin = (await app.MemberAsync(Host, Roles.Admin, "Ada Admin")).Visitor;
        var opens = DateTimeOffset.UtcNow.AddDays(30);
        var challenge = await admin.Http.PostAsJsonAsync("api/v1/admin/challenges",
            new { slug = "next-spring", title = "Next spring", description = "Not open yet.", opensAt = opens, closesAt = opens.AddDays(28) });
        challenge.StatusCode.Should().Be(HttpStatusCode.Created);
        var created = await GetAsync(admin, challenge, "a challenge that has not opened yet has no public page, but its admin address answers");
        created.GetProperty("slug").GetString().Should().Be("next-spring");
        created.GetProperty("state").GetString().Should().Be("open");
        created.GetProperty("stateNow").GetString().Should().Be("draft", "it is not open yet");

        using var member = (await app.MemberAsync(Host, Roles.Member, "Mo Member")).Visitor;
        var idea = await member.Http.PostAsJsonAsync("api/v1/challenges/waiting-well/ideas",
            new { title = "Send the letter by text as well", body = "Letters arrive after the appointment.", anonymous = false });
        idea.StatusCode.Should().Be(HttpStatusCode.Created);
        var ideaId = (await GetAsync(member, idea, "the idea's own address")).GetProperty("id").GetInt64();

        var comment = await member.Http.PostAsJsonAsync($"api/v1/ideas/{ideaId}/comments", new { body = "And a reminder the day before.", anonymous = false });
        comment.StatusCode.Should().Be(HttpStatusCode.Created);
        (await GetAsync(member, comment, "the comment is on its idea's address")).GetProperty("comments").EnumerateArray()
            .Select(c => c.GetProperty("body").GetString()).Should().Contain("And a reminder the day before.");

        (await admin.Http.GetAsync("api/v1/admin/challenges/no-such-challenge")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private static async Task<JsonElement> GetAsync(Visitor visitor, HttpResponseMessage created, string because)
    {
        var location = created.Headers.Location;
        location.Should().NotBeNull(because);
        var answer = await visitor.Http.GetAsync(location!.OriginalString);
        answer.StatusCode.Should().Be(HttpStatusCode.OK, $"{because}: GET {location}");
        return await answer.Content.ReadFromJsonAsync<JsonElement>();
    }
}
