using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Engine.Web.Tests.Email;

/// <summary>Following ideas and challenges: the buttons in every theme (plain forms, no script), and the API.</summary>
public sealed partial class FollowTests(FollowTests.App app) : IClassFixture<FollowTests.App>
{
    public sealed class App : EngineApp
    {
        public App()
        {
            WriteTenant("nhs", Tenant("nhs", "NHS themed", ["nhs.test"], anonymous: true, downVotes: false, theme: "nhs"));
            WriteTenant("london", Tenant("london", "London themed", ["london.test"], anonymous: true, downVotes: false, theme: "london"));
        }
    }

    [Theory]
    [InlineData("alpha.test")]
    [InlineData("nhs.test")]
    [InlineData("london.test")]
    public async Task A_member_follows_and_unfollows_an_idea_and_a_challenge_with_the_buttons_on_their_pages(string host)
    {
        var (member, _) = await app.MemberAsync(host, Core.Members.Roles.Member);
        var (author, _) = await app.MemberAsync(host, Core.Members.Roles.Member);
        var ideaId = await author.PostIdeaAsync("Follow me");

        foreach (var (page, action) in new[] { ($"ideas/{ideaId}", $"ideas/{ideaId}/follow"), ("challenges/waiting-well", "challenges/waiting-well/follow") })
        {
            var (_, before) = await member.GetPageAsync(page);
            FollowButton(before).Should().Be("Follow");
            var followed = await member.SubmitAsync(page, action, new() { ["follow"] = "true" });
            followed.StatusCode.Should().Be(HttpStatusCode.Redirect);
            followed.Headers.Location!.OriginalString.Should().EndWith("#follow");
            FollowButton((await member.GetPageAsync(page)).Html).Should().Be("Unfollow");

            (await member.SubmitAsync(page, action, new() { ["follow"] = "false" })).StatusCode.Should().Be(HttpStatusCode.Redirect);
            FollowButton((await member.GetPageAsync(page)).Html).Should().Be("Follow");
        }
        // The author follows their own idea from the start.
        FollowButton((await author.GetPageAsync($"ideas/{ideaId}")).Html).Should().Be("Unfollow");
    }

    [Fact]
    public async Task Visitors_see_no_follow_button_and_following_needs_sign_in_and_the_anti_forgery_token()
    {
        var (author, _) = await app.MemberAsync("alpha.test", Core.Members.Roles.Member);
        var ideaId = await author.PostIdeaAsync("Not for visitors");
        var visitor = app.Visit("alpha.test");
        (await visitor.GetPageAsync($"ideas/{ideaId}")).Html.Should().NotContain("id=\"follow\"");
        var refused = await visitor.PostFormWithoutTokenAsync($"ideas/{ideaId}/follow", new() { ["follow"] = "true" });
        refused.StatusCode.Should().BeOneOf(HttpStatusCode.BadRequest, HttpStatusCode.Redirect);

        var (member, _) = await app.MemberAsync("alpha.test", Core.Members.Roles.Member);
        member.Http.DefaultRequestHeaders.Remove("X-CSRF-TOKEN");
        var forged = await member.PostFormWithoutTokenAsync($"ideas/{ideaId}/follow", new() { ["follow"] = "true" });
        forged.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        FollowButton((await member.GetPageAsync($"ideas/{ideaId}")).Html).Should().Be("Follow");
    }

    [Fact]
    public async Task The_API_follows_and_unfollows_ideas_and_challenges_and_lists_them()
    {
        var (member, _) = await app.MemberAsync("beta.test", Core.Members.Roles.Member);
        var ideaId = await member.PostIdeaAsync("My own idea");
        var other = await (await app.MemberAsync("beta.test", Core.Members.Roles.Member)).Visitor.PostIdeaAsync("Someone else's");

        (await member.Http.PutAsync($"api/v1/ideas/{other}/follow", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await member.Http.PutAsync("api/v1/challenges/waiting-well/follow", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        var follows = await member.Http.GetFromJsonAsync<JsonElement>("api/v1/account/follows");
        follows.GetProperty("ideas").EnumerateArray().Select(e => e.GetInt64()).Should().BeEquivalentTo([ideaId, other]);
        follows.GetProperty("challenges").EnumerateArray().Select(e => e.GetString()).Should().Equal("waiting-well");

        (await member.Http.DeleteAsync($"api/v1/ideas/{ideaId}/follow")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await member.Http.DeleteAsync("api/v1/challenges/waiting-well/follow")).StatusCode.Should().Be(HttpStatusCode.OK);
        follows = await member.Http.GetFromJsonAsync<JsonElement>("api/v1/account/follows");
        follows.GetProperty("ideas").EnumerateArray().Select(e => e.GetInt64()).Should().Equal(other);
        follows.GetProperty("challenges").GetArrayLength().Should().Be(0);

        (await member.Http.PutAsync("api/v1/ideas/99999/follow", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await member.Http.PutAsync("api/v1/challenges/next-year/follow", null)).StatusCode.Should().Be(HttpStatusCode.NotFound, "a challenge not open yet is not public");
        (await app.Visit("beta.test").Http.PutAsync($"api/v1/ideas/{other}/follow", null)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Email_preferences_through_the_API_name_the_field_at_fault()
    {
        var (member, _) = await app.MemberAsync("beta.test", Core.Members.Roles.Member);
        var defaults = await member.Http.GetFromJsonAsync<JsonElement>("api/v1/account/email-preferences");
        defaults.GetProperty("digest").GetString().Should().Be("weekly");
        defaults.GetProperty("replies").GetBoolean().Should().BeTrue();

        var bad = await member.Http.PutAsJsonAsync("api/v1/account/email-preferences", new { replies = true, digest = "hourly" });
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Visitor.ProblemAsync(bad)).GetProperty("errors").TryGetProperty("digest", out _).Should().BeTrue();
    }

    [Theory]
    [InlineData("alpha.test")]
    [InlineData("nhs.test")]
    [InlineData("london.test")]
    public async Task The_new_account_pages_render_in_every_theme(string host)
    {
        var (member, _) = await app.MemberAsync(host, Core.Members.Roles.Member);
        var (status, html) = await member.GetPageAsync("account/email");
        status.Should().Be(HttpStatusCode.OK);
        html.Should().Contain("Email preferences").And.Contain("name=\"digest\"").And.Contain("Send me a new confirmation link");
        var visitor = app.Visit(host);
        (await visitor.GetPageAsync("account/forgot-password")).Html.Should().Contain("Reset your password");
        (await visitor.GetPageAsync("account/reset-password?member=1&token=x")).Html.Should().Contain("Choose a new password");
        (await visitor.GetPageAsync("account/confirm-email?member=1&token=x")).Html.Should().Contain("Confirm my email address");
        (await visitor.GetPageAsync("account/signin")).Html.Should().Contain("account/forgot-password");
        (await visitor.GetPageAsync("email/unsubscribe?token=nonsense")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await member.GetPageAsync("challenges/waiting-well")).Html.Should().Contain("account/email");
    }

    private static string? FollowButton(string html)
    {
        var form = FollowForm().Match(html);
        form.Success.Should().BeTrue("a signed-in member sees the follow form");
        return ButtonText().Match(form.Value) is { Success: true } m ? m.Groups[1].Value.Trim() : null;
    }

    [GeneratedRegex("<form[^>]*id=\"follow\"[^>]*>.*?</form>", RegexOptions.Singleline)] private static partial Regex FollowForm();
    [GeneratedRegex("<button[^>]*>\\s*([A-Za-z]+)", RegexOptions.Singleline)] private static partial Regex ButtonText();
}
