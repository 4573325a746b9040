using System.Net;
using System.Net.Http.Json;
using Engine.Core.Members;

namespace Engine.Web.Tests.Editing;

/// <summary>A site that lets posts be edited for 30 minutes, votes or not, on a clock the test moves.</summary>
public sealed class EditWindowMinutesTests
{
    [Fact]
    public async Task Edits_are_taken_for_the_sites_minutes_after_posting_even_after_votes_and_refused_after_them()
    {
        await using var app = new ClockedEngineApp();
        var tenant = EngineApp.Tenant("minutes", "Thirty minutes to edit", ["minutes.test"], anonymous: false, downVotes: false);
        tenant["editing"] = new { window = "minutes", minutes = 30 };
        app.WriteTenant("minutes", tenant);
        var (author, _) = await app.MemberAsync("minutes.test", Roles.Member);
        var (voter, _) = await app.MemberAsync("minutes.test", Roles.Member);
        var idea = await author.PostIdeaAsync();
        (await voter.Http.PutAsJsonAsync($"api/v1/ideas/{idea}/vote", new { value = 1 })).StatusCode.Should().Be(HttpStatusCode.OK);

        app.Clock.Advance(TimeSpan.FromMinutes(29));
        (await author.Http.PutAsJsonAsync($"api/v1/ideas/{idea}", new { title = "Edited within the half hour", body = "Fine" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await author.GetPageAsync($"/ideas/{idea}/edit")).Html.Should().Contain("You can edit it for 30 minutes after posting.");

        app.Clock.Advance(TimeSpan.FromMinutes(2));
        var late = await author.Http.PutAsJsonAsync($"api/v1/ideas/{idea}", new { title = "Edited after the half hour", body = "Too late" });
        late.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await Visitor.ProblemAsync(late)).GetProperty("detail").GetString().Should().Be("Your idea could be edited for 30 minutes after it was posted, and that time has passed.");
        (await author.GetPageAsync($"/ideas/{idea}")).Html.Should().NotContain($"/ideas/{idea}/edit").And.Contain($"/ideas/{idea}/withdraw");
    }
}
