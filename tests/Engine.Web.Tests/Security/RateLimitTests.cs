using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;

namespace Engine.Web.Tests.Security;

/// <summary>Sign-in, registration and writes are rate limited, answered with 429 and Retry-After, per tenant.</summary>
public class RateLimitTests : IAsyncLifetime
{
    private sealed class App : EngineApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Engine:RateLimits:AccountAttempts", "3");
            builder.UseSetting("Engine:RateLimits:Writes", "4");
        }
    }

    private readonly App _app = new();
    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Repeated_sign_in_attempts_get_429_with_retry_after_and_a_clear_problem()
    {
        using var visitor = _app.Visit("alpha.test");
        for (var i = 0; i < 3; i++)
            (await visitor.Http.PostAsJsonAsync("api/v1/account/signin", new { email = "x@example.nhs.uk", password = "wrong" }))
                .StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var limited = await visitor.Http.PostAsJsonAsync("api/v1/account/signin", new { email = "x@example.nhs.uk", password = "wrong" });
        limited.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter!.Delta!.Value.TotalSeconds.Should().BeGreaterThan(0);
        var problem = await Visitor.ProblemAsync(limited);
        problem.GetProperty("detail").GetString().Should().Contain("try again");
        problem.GetProperty("code").GetString().Should().Be("problem.too-many-requests", "a program tells a refusal by its code, not its words");

        using var other = _app.Visit("beta.test");
        (await other.Http.PostAsJsonAsync("api/v1/account/signin", new { email = "x@example.nhs.uk", password = "wrong" }))
            .StatusCode.Should().Be(HttpStatusCode.Unauthorized, "each tenant has its own limits");
    }

    [Fact]
    public async Task The_sign_in_form_is_limited_too_with_a_page_that_says_to_wait()
    {
        using var visitor = _app.Visit("beta.test");
        HttpResponseMessage last = null!;
        for (var i = 0; i < 4; i++)
            last = await visitor.SubmitAsync("/account/signin", "/account/signin", new() { ["email"] = "y@example.nhs.uk", ["password"] = "wrong" });
        last.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        last.Headers.Contains("Retry-After").Should().BeTrue();
        (await last.Content.ReadAsStringAsync()).Should().Contain("Please slow down");
    }

    [Fact]
    public async Task A_member_posting_and_voting_in_a_burst_is_limited()
    {
        using var alpha = _app.Visit("alpha.test");
        // Registration counts against the account limit of the address, writes against the member.
        await alpha.RegisterAsync(TestEmail.Unique("burst"));
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
            codes.Add((await alpha.Http.PostAsJsonAsync("api/v1/challenges/waiting-well/ideas", new { title = $"Burst idea number {i}", body = "b", anonymous = false })).StatusCode);
        codes.Take(4).Should().AllBeEquivalentTo(HttpStatusCode.Created);
        codes.Skip(4).Should().AllBeEquivalentTo(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Ideas_posted_from_a_members_kept_challenge_page_are_limited_and_checked_for_their_token()
    {
        using var member = _app.Visit("alpha.test");
        await member.RegisterAsync(TestEmail.Unique("kept"));
        // As a browser without script: the token comes only from the page's forms.
        member.Http.DefaultRequestHeaders.Remove("X-CSRF-TOKEN");
        await member.GetPageAsync("/challenges/waiting-well");
        // Refused for want of its token, and counted: the limit is taken before the form is read.
        (await member.PostFormWithoutTokenAsync("/challenges/waiting-well/ideas", new() { ["title"] = "No token idea", ["body"] = "b" }))
            .StatusCode.Should().Be(HttpStatusCode.BadRequest, "a post without the page's token is refused");
        // Each submit reads the page, from the shell kept for members, for the form's token.
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
            codes.Add((await member.SubmitAsync("/challenges/waiting-well", "/challenges/waiting-well/ideas",
                new() { ["title"] = $"Kept page idea number {i}", ["body"] = "b" })).StatusCode);
        codes.Take(3).Should().AllSatisfy(c => c.Should().BeOneOf(HttpStatusCode.Redirect, HttpStatusCode.Accepted));
        codes.Skip(3).Should().AllBeEquivalentTo(HttpStatusCode.TooManyRequests);
    }
}
