using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Engine.Core.Caching;
using Engine.Core.Common;
using Engine.Core.Members;
using Engine.Web.Accounts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Engine.Web.Tests.Accounts;

/// <summary>
/// A member's pages carry the same anti-forgery token pair for a minute at most, made for their own cookie and
/// themselves only; visitors' forms and a request that needed a new cookie get fresh tokens every time.
/// </summary>
public class KeptAntiforgeryTokensTests(EngineApp app) : IClassFixture<EngineApp>
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero));
    private readonly CountingTokens _made = new();

    private KeptAntiforgeryTokens Kept() => new(_made, new EngineCache(new DataVersions(), _clock),
        Options.Create(new AntiforgeryOptions { Cookie = { Name = ".engine.antiforgery" } }));

    private static DefaultHttpContext Request(string? cookie, string? member)
    {
        var context = new DefaultHttpContext();
        if (cookie is not null) context.Request.Headers.Cookie = $".engine.antiforgery={cookie}";
        if (member is not null) context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, member)], "Cookies"));
        return context;
    }

    [Fact]
    public void A_members_token_pair_is_made_once_a_minute_per_cookie_and_member_and_every_response_says_do_not_cache()
    {
        var kept = Kept();
        var first = Request("cookie-a", "7");
        var token = kept.GetAndStoreTokens(first).RequestToken;
        var again = Request("cookie-a", "7");
        kept.GetAndStoreTokens(again).RequestToken.Should().Be(token);
        again.Response.Headers.CacheControl.ToString().Should().Be("no-cache, no-store");
        again.Response.Headers.Pragma.ToString().Should().Be("no-cache");
        _made.Count.Should().Be(1);

        kept.GetAndStoreTokens(Request("cookie-a", "8")).RequestToken.Should().NotBe(token, "another member's token is their own");
        kept.GetAndStoreTokens(Request("cookie-b", "7")).RequestToken.Should().NotBe(token, "another cookie's token is its own");
        _made.Count.Should().Be(3);

        _clock.Advance(TimeSpan.FromSeconds(61));
        kept.GetAndStoreTokens(Request("cookie-a", "7")).RequestToken.Should().NotBe(token, "a pair is kept a minute at most");
        _made.Count.Should().Be(4);
    }

    [Fact]
    public void Visitors_and_requests_that_needed_a_new_cookie_get_fresh_tokens_every_time()
    {
        var kept = Kept();
        kept.GetAndStoreTokens(Request("cookie-a", null));
        kept.GetAndStoreTokens(Request("cookie-a", null));
        kept.GetAndStoreTokens(Request(null, "7"));
        kept.GetAndStoreTokens(Request(null, "7"));
        _made.Count.Should().Be(4);

        _made.IssueNewCookie = true;
        kept.GetAndStoreTokens(Request("stale-cookie", "7"));
        kept.GetAndStoreTokens(Request("stale-cookie", "7"));
        _made.Count.Should().Be(6, "a token made with a new cookie belongs to that cookie, not the one the request sent");
    }

    [Fact]
    public async Task A_kept_token_is_accepted_on_a_form_and_refused_for_another_member()
    {
        var (sam, _) = await app.MemberAsync("beta.test", Roles.Member, "Sam Kept");
        var (ali, _) = await app.MemberAsync("beta.test", Roles.Member, "Ali Kept");
        // Only the form's token counts here, not the one the test client sends as a script would.
        foreach (var client in new[] { sam, ali }) client.Http.DefaultRequestHeaders.Remove("X-CSRF-TOKEN");
        var first = await sam.Http.GetAsync("challenges/waiting-well");
        var samsToken = Token(await first.Content.ReadAsStringAsync());
        Token((await sam.GetPageAsync("/challenges/waiting-well")).Html).Should().Be(samsToken);
        first.Headers.CacheControl!.NoStore.Should().BeTrue();

        var form = new Dictionary<string, string> { ["follow"] = "true", ["__RequestVerificationToken"] = samsToken };
        (await sam.Http.PostAsync("challenges/waiting-well/follow", new FormUrlEncodedContent(form))).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await ali.Http.PostAsync("challenges/waiting-well/follow", new FormUrlEncodedContent(form))).StatusCode.Should().Be(HttpStatusCode.BadRequest,
            "a token made for Sam is no good with Ali's cookies");
    }

    private static string Token(string html) =>
        WebUtility.HtmlDecode(Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value);

    /// <summary>Makes numbered token pairs, and a new cookie with each when asked, as the framework does for a bad cookie.</summary>
    private sealed class CountingTokens : IAntiforgery
    {
        public int Count { get; private set; }
        public bool IssueNewCookie { get; set; }

        public AntiforgeryTokenSet GetAndStoreTokens(HttpContext httpContext)
        {
            Count++;
            return new AntiforgeryTokenSet($"request-{Count}", IssueNewCookie ? $"cookie-{Count}" : null, "__RequestVerificationToken", "X-CSRF-TOKEN");
        }

        public AntiforgeryTokenSet GetTokens(HttpContext httpContext) => throw new NotSupportedException();
        public Task<bool> IsRequestValidAsync(HttpContext httpContext) => throw new NotSupportedException();
        public Task ValidateRequestAsync(HttpContext httpContext) => throw new NotSupportedException();
        public void SetCookieTokenAndHeader(HttpContext httpContext) => throw new NotSupportedException();
    }
}
