using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Engine.Core.Members;
using Engine.Web.Site;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Engine.Web.Tests;

/// <summary>
/// A signed-in member's challenge page is written once for every member (a shell kept as visitors' pages are) and
/// each member's own parts are written into it: their name, their token, their votes, never another member's.
/// </summary>
public partial class PageCacheTests
{
    private static string SignedInAs(string html) => Regex.Match(html, "class=\"signed-in\">([^<]+)<").Groups[1].Value;

    private static string[] Tokens(string html) =>
        [.. Regex.Matches(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Select(m => m.Groups[1].Value).Distinct()];

    private static string PressedOn(string html, long idea) =>
        Regex.Match(html, $"action=\"/ideas/{idea}/vote\"[\\s\\S]*?</form>").Value is var form && form.Length > 0
            ? string.Join(",", Regex.Matches(form, "class=\"vote (vote-up|vote-down)\" aria-pressed=\"true\"").Select(m => m.Groups[1].Value))
            : throw new InvalidOperationException($"idea {idea} has no vote form on the page");

    /// <summary>Ida, who posted an idea and votes it up, and Bo, who votes it down.</summary>
    private async Task<(Visitor Ida, Visitor Bo, long Idea)> OppositeVotersAsync()
    {
        var (ida, idea) = await IdeaAsync();
        var (bo, _) = await app.MemberAsync("beta.test", Roles.Member, "Bo Voter");
        (await ida.Http.PutAsJsonAsync($"api/v1/ideas/{idea}/vote", new { value = 1 })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await bo.Http.PutAsJsonAsync($"api/v1/ideas/{idea}/vote", new { value = -1 })).StatusCode.Should().Be(HttpStatusCode.OK);
        return (ida, bo, idea);
    }

    [Fact]
    public async Task Members_share_one_kept_page_and_each_sees_only_their_own_name_token_and_votes()
    {
        var (ida, bo, idea) = await OppositeVotersAsync();

        var shells = Cache.ShellCount;
        var idas = (await ida.GetPageAsync(Newest)).Html;
        Cache.ShellCount.Should().Be(shells + 1, "the first member's view writes the shell every member shares");
        var bos = (await bo.GetPageAsync(Newest)).Html;
        var idasAgain = (await ida.GetPageAsync(Newest)).Html;
        Cache.ShellCount.Should().Be(shells + 1, "the other views were written from the kept shell");

        SignedInAs(idas).Should().Be(SignedInAs(idasAgain)).And.Contain("Ida Author");
        SignedInAs(bos).Should().Contain("Bo Voter");
        PressedOn(idas, idea).Should().Be("vote-up");
        PressedOn(idasAgain, idea).Should().Be("vote-up");
        PressedOn(bos, idea).Should().Be("vote-down");
        Tokens(idas).Should().ContainSingle().And.NotIntersectWith(Tokens(bos), "each member's forms carry their own anti-forgery token");
        Tokens(bos).Should().ContainSingle();
        bos.Should().NotContain("Signed in as Ida").And.NotContain(Tokens(idas)[0]);
    }

    [Fact]
    public async Task Two_members_viewing_the_kept_page_at_once_each_get_only_their_own_parts_and_the_length_sent()
    {
        var (ida, bo, idea) = await OppositeVotersAsync();
        // One view each first: it sets the anti-forgery cookie their later views carry, as a browser's would.
        var idasToken = Tokens((await ida.GetPageAsync(Newest)).Html).Single();
        var bosToken = Tokens((await bo.GetPageAsync(Newest)).Html).Single();
        var shells = Cache.ShellCount;

        var views = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            var isIda = i % 2 == 0;
            using var response = await (isIda ? ida : bo).Http.GetAsync(Newest);
            var body = await response.Content.ReadAsByteArrayAsync();
            return (IsIda: isIda, Status: response.StatusCode, Length: response.Content.Headers.ContentLength, Body: body);
        }));

        Cache.ShellCount.Should().Be(shells, "every view was written from the one kept shell");
        foreach (var view in views)
        {
            view.Status.Should().Be(HttpStatusCode.OK);
            view.Length.Should().Be(view.Body.Length, "a member's page is sent with its own length");
            var html = System.Text.Encoding.UTF8.GetString(view.Body);
            SignedInAs(html).Should().Contain(view.IsIda ? "Ida Author" : "Bo Voter").And.NotContain(view.IsIda ? "Bo Voter" : "Ida Author");
            PressedOn(html, idea).Should().Be(view.IsIda ? "vote-up" : "vote-down");
            Tokens(html).Should().Equal(view.IsIda ? idasToken : bosToken);
            html.Should().NotContain(view.IsIda ? bosToken : idasToken);
        }
    }

    [Fact]
    public async Task A_members_page_kept_for_no_one_still_has_their_own_name_token_and_votes()
    {
        var (ida, idea) = await IdeaAsync();
        (await ida.Http.PutAsJsonAsync($"api/v1/ideas/{idea}/vote", new { value = 1 })).StatusCode.Should().Be(HttpStatusCode.OK);
        var shells = Cache.ShellCount;

        // An address with a parameter the cache does not know is written whole for each view.
        var page = (await ida.GetPageAsync(Newest + "&from=newsletter")).Html;

        Cache.ShellCount.Should().Be(shells);
        SignedInAs(page).Should().Contain("Ida Author");
        PressedOn(page, idea).Should().Be("vote-up");
        Tokens(page).Should().ContainSingle().Which.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task A_members_own_vote_and_follow_show_on_their_next_view_of_a_kept_page()
    {
        var (_, idea) = await IdeaAsync();
        var (voter, _) = await app.MemberAsync("beta.test", Roles.Member, "Vi Voter");
        var before = (await voter.GetPageAsync(Newest)).Html;
        PressedOn(before, idea).Should().BeEmpty();
        before.Should().Contain("name=\"follow\" value=\"true\"");

        var form = new Dictionary<string, string> { ["value"] = "1", ["returnUrl"] = Newest };
        (await voter.SubmitAsync(Newest, $"/ideas/{idea}/vote", form)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await voter.SubmitAsync(Newest, "/challenges/waiting-well/follow", new() { ["follow"] = "true" })).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var after = (await voter.GetPageAsync(Newest)).Html;
        PressedOn(after, idea).Should().Be("vote-up");
        after.Should().Contain("name=\"follow\" value=\"false\"", "the member now follows the challenge");
        Supporters((await app.Visit("beta.test").GetPageAsync(Newest)).Html, idea).Should().Be(1);
    }

    [Fact]
    public async Task A_members_kept_page_never_reaches_another_tenants_member_at_the_same_address()
    {
        var (alpha, _) = await app.MemberAsync("alpha.test", Roles.Member, "Al Alpha");
        var (beta, _) = await app.MemberAsync("beta.test", Roles.Member, "Be Beta");
        (await alpha.GetPageAsync("/challenges/waiting-well")).Html.Should().Contain("Alpha Health Ideas");
        var betas = (await beta.GetPageAsync("/challenges/waiting-well")).Html;
        betas.Should().Contain("Beta Care Voices").And.NotContain("Alpha Health Ideas");
        SignedInAs(betas).Should().Contain("Be Beta");
        (await alpha.GetPageAsync("/challenges/waiting-well")).Html.Should().Contain("Alpha Health Ideas").And.NotContain("Beta Care Voices");
    }

    /// <summary>A member's cookie as someone copying it would send it: a raw Cookie header, from a client with no cookie jar.</summary>
    private async Task<(Visitor Browser, HttpClient Copier)> SignedInTwiceAsync(string email)
    {
        var browser = app.Visit("beta.test");
        var signIn = await browser.Http.PostAsJsonAsync("api/v1/account/signin", new { email, password = "correct horse battery" });
        signIn.StatusCode.Should().Be(HttpStatusCode.OK, await signIn.Content.ReadAsStringAsync());
        var copier = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("http://beta.test/"), AllowAutoRedirect = false, HandleCookies = false,
        });
        copier.DefaultRequestHeaders.Add("Cookie", signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".engine.signin=")).Split(';')[0]);
        return (browser, copier);
    }

    [Fact]
    public async Task A_signed_out_cookie_gets_no_members_page_from_the_kept_shell()
    {
        var email = TestEmail.Unique("copied");
        var (ida, _) = await app.MemberAsync("beta.test", Roles.Member, "Ida Copied", email);
        var (bo, _) = await app.MemberAsync("beta.test", Roles.Member, "Bo Stays");
        var (browser, copier) = await SignedInTwiceAsync(email);
        using (copier)
        {
            await bo.GetPageAsync(Newest);
            SignedInAs(await copier.GetStringAsync(Newest)).Should().Contain("Ida Copied", "a copy of a good cookie is that member, from the kept shell");

            (await browser.SubmitAsync("account/contributions", "account/signout", [])).StatusCode.Should().Be(HttpStatusCode.Redirect);
            // The sign-out was a write: another member's view keeps the shell again before the copy asks.
            SignedInAs((await bo.GetPageAsync(Newest)).Html).Should().Contain("Bo Stays");

            var copied = await copier.GetStringAsync(Newest);
            SignedInAs(copied).Should().BeEmpty("a copy of a signed-out cookie is nobody, kept shell or not");
            copied.Should().NotContain("Ida Copied").And.NotContain("Bo Stays");
            SignedInAs((await ida.GetPageAsync(Newest)).Html).Should().Contain("Ida Copied", "her other sign-in is not the one that ended");
        }
    }

    [Fact]
    public async Task A_new_security_stamp_ends_a_members_view_of_the_kept_shell_at_once()
    {
        var (ida, id) = await app.MemberAsync("beta.test", Roles.Member, "Ida Stamped");
        var (bo, _) = await app.MemberAsync("beta.test", Roles.Member, "Bo Stays");
        await bo.GetPageAsync(Newest);
        SignedInAs((await ida.GetPageAsync(Newest)).Html).Should().Contain("Ida Stamped");

        // As a password change or a sign-out everywhere does.
        var members = app.Services.GetRequiredService<IMemberStore>();
        var member = (await members.FindByIdAsync("beta", id))!;
        member.SecurityStamp = Guid.NewGuid().ToString("N");
        await members.UpdateAsync(member);
        await bo.GetPageAsync(Newest);

        var after = (await ida.GetPageAsync(Newest)).Html;
        SignedInAs(after).Should().BeEmpty();
        after.Should().NotContain("Ida Stamped").And.NotContain("Bo Stays");
    }

    [Fact]
    public void Only_the_challenge_page_is_served_to_members_from_its_shell_before_authorization_and_rate_limits()
    {
        var kept = app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>().Where(e => e.Metadata.GetMetadata<KeptForMembers>() is not null).ToList();
        kept.Select(e => e.RoutePattern.RawText).Should().Equal("/challenges/{slug}");
        kept.Should().OnlyContain(e => KeptForMembers.NothingBetween(e.Metadata), "nothing the shortcut skips applies to it");

        static EndpointMetadataCollection With(object metadata) => new(metadata);
        KeptForMembers.NothingBetween(With(new AuthorizeAttribute("admin"))).Should().BeFalse();
        KeptForMembers.NothingBetween(With(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build()))
            .Should().BeFalse();
        KeptForMembers.NothingBetween(With(new EnableRateLimitingAttribute("writes"))).Should().BeFalse();
    }
}
