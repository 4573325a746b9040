using System.Net;

namespace Engine.Web.Tests;

public class SitePagesTests(EngineApp app) : IClassFixture<EngineApp>
{
    [Fact]
    public async Task The_home_page_shows_the_site_its_open_challenges_and_headline_numbers()
    {
        using var visitor = app.Visit("alpha.test");
        var (status, html) = await visitor.GetPageAsync("/");
        status.Should().Be(HttpStatusCode.OK);
        html.Should().Contain("Alpha Health Ideas").And.Contain("Alpha Health Ideas tagline").And.Contain("Waiting well");
        html.Should().Contain("People").And.Contain("Ideas").And.Contain("Comments").And.Contain("Votes");
        html.Should().NotContain("Next year&#x27;s challenge", "a draft challenge is not shown");
    }

    [Fact]
    public async Task Each_tenant_serves_its_own_site()
    {
        using var beta = app.Visit("beta.test");
        var html = (await beta.GetPageAsync("/")).Html;
        html.Should().Contain("Beta Care Voices").And.NotContain("Alpha Health Ideas");
    }

    [Fact]
    public async Task An_unknown_host_gets_a_plain_404_page_not_another_tenants_site()
    {
        using var stranger = app.Visit("unknown.test");
        var (status, html) = await stranger.GetPageAsync("/");
        status.Should().Be(HttpStatusCode.NotFound);
        html.Should().Contain("Site not found").And.NotContain("Alpha").And.NotContain("Beta");
    }

    [Fact]
    public async Task Pages_carry_security_headers_and_a_csp_without_inline_script()
    {
        using var visitor = app.Visit("alpha.test");
        var response = await visitor.Http.GetAsync("/");
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.Should().Contain("script-src 'self'").And.NotContain("unsafe-inline");
        response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
    }

    [Fact]
    public async Task A_visitor_registers_posts_an_idea_votes_and_comments_with_plain_forms()
    {
        using var visitor = app.Visit("beta.test");
        var email = TestEmail.Unique();
        var register = await visitor.SubmitAsync("/account/register", "/account/register",
            new() { ["email"] = email, ["password"] = "correct horse battery", ["displayName"] = "Form Filler", ["returnUrl"] = "/challenges/waiting-well" });
        register.StatusCode.Should().Be(HttpStatusCode.Redirect);
        // Registering signs nobody in (it answers a taken address alike): the person signs in, and goes back where they were.
        var signIn = register.Headers.Location!.ToString();
        signIn.Should().Be("/account/signin?registered=true&returnUrl=%2Fchallenges%2Fwaiting-well");
        (await visitor.GetPageAsync(signIn)).Html.Should().Contain("Check your email");
        var signedIn = await visitor.SubmitAsync(signIn, "/account/signin",
            new() { ["email"] = email, ["password"] = "correct horse battery", ["returnUrl"] = "/challenges/waiting-well" });
        signedIn.Headers.Location!.ToString().Should().Be("/challenges/waiting-well");

        var post = await visitor.SubmitAsync("/challenges/waiting-well/ideas/new", "/challenges/waiting-well/ideas",
            new() { ["title"] = "Weekend scanning for routine work", ["body"] = "Run the **MRI** at weekends." });
        post.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var ideaUrl = post.Headers.Location!.ToString();
        ideaUrl.Should().MatchRegex("^/ideas/[0-9]+$");

        var (_, ideaPage) = await visitor.GetPageAsync(ideaUrl);
        ideaPage.Should().Contain("Weekend scanning for routine work").And.Contain("<strong>MRI</strong>").And.Contain("By Form Filler");

        var vote = await visitor.SubmitAsync(ideaUrl, $"{ideaUrl}/vote", new() { ["value"] = "1", ["returnUrl"] = ideaUrl });
        vote.StatusCode.Should().Be(HttpStatusCode.Redirect);
        vote.Headers.Location!.ToString().Should().Be(ideaUrl);
        (await visitor.GetPageAsync(ideaUrl)).Html.Should().Contain("aria-pressed=\"true\"");

        var comment = await visitor.SubmitAsync(ideaUrl, $"{ideaUrl}/comments", new() { ["body"] = "Happy to help pilot this", ["anonymous"] = "true" });
        comment.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var withComment = (await visitor.GetPageAsync(ideaUrl)).Html;
        withComment.Should().Contain("Happy to help pilot this").And.Contain("Anonymous");
    }

    [Fact]
    public async Task A_form_post_without_the_antiforgery_token_is_refused_and_stores_nothing()
    {
        using var visitor = app.Visit("alpha.test");
        await visitor.RegisterAsync(TestEmail.Unique());
        visitor.Http.DefaultRequestHeaders.Remove("X-CSRF-TOKEN"); // a cross-site form cannot send headers
        var response = await visitor.PostFormWithoutTokenAsync("/challenges/waiting-well/ideas",
            new() { ["title"] = "Forged through a hidden form", ["body"] = "x" });
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("could not read that form");
        (await visitor.GetPageAsync("/challenges/waiting-well?sort=new")).Html.Should().NotContain("Forged through a hidden form");
    }

    [Fact]
    public async Task A_form_with_a_mistake_comes_back_with_the_error_beside_the_field_and_nothing_lost()
    {
        using var visitor = app.Visit("alpha.test");
        await visitor.RegisterAsync(TestEmail.Unique());
        var response = await visitor.SubmitAsync("/challenges/waiting-well/ideas/new", "/challenges/waiting-well/ideas",
            new() { ["title"] = "abc", ["body"] = "A long and careful description I would hate to retype." });
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("There is a problem").And.Contain("Title must be at least 5 characters");
        html.Should().Contain("A long and careful description I would hate to retype.");
        html.Should().Contain("href=\"#title\"");
    }

    [Fact]
    public async Task Posting_without_signing_in_sends_the_visitor_to_sign_in_and_back()
    {
        using var visitor = app.Visit("alpha.test");
        var response = await visitor.Http.GetAsync("/challenges/waiting-well/ideas/new");
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Be("/account/signin?returnUrl=%2Fchallenges%2Fwaiting-well%2Fideas%2Fnew");
    }

    [Fact]
    public async Task Signing_in_with_the_form_and_signing_out_again()
    {
        var email = TestEmail.Unique();
        using (var v = app.Visit("alpha.test")) await v.RegisterAsync(email, "Returning Member");
        using var visitor = app.Visit("alpha.test");
        var wrong = await visitor.SubmitAsync("/account/signin", "/account/signin", new() { ["email"] = email, ["password"] = "nope" });
        wrong.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await wrong.Content.ReadAsStringAsync()).Should().Contain("do not match");

        var right = await visitor.SubmitAsync("/account/signin", "/account/signin",
            new() { ["email"] = email, ["password"] = "correct horse battery", ["returnUrl"] = "https://evil.example/" });
        right.Headers.Location!.ToString().Should().Be("/", "a return address off this site is ignored");
        (await visitor.GetPageAsync("/")).Html.Should().Contain("Signed in as Returning Member");

        var signOut = await visitor.SubmitAsync("/", "/account/signout", new());
        signOut.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await visitor.GetPageAsync("/")).Html.Should().NotContain("Returning Member");
    }

    [Fact]
    public async Task The_challenge_page_sorts_and_paginates_and_refuses_an_unknown_sort()
    {
        using var visitor = app.Visit("alpha.test");
        await visitor.RegisterAsync(TestEmail.Unique());
        for (var i = 0; i < 31; i++) await visitor.PostIdeaAsync(title: $"Paging idea number {i:00}");
        var (status, html) = await visitor.GetPageAsync("/challenges/waiting-well?sort=new");
        status.Should().Be(HttpStatusCode.OK);
        html.Should().Contain("Paging idea number 30").And.Contain("Next page").And.Contain("aria-current=\"page\">Newest");
        (await visitor.GetPageAsync("/challenges/waiting-well?sort=new&page=2")).Html.Should().Contain("Previous page");
        (await visitor.GetPageAsync("/challenges/waiting-well?sort=random")).Status.Should().Be(HttpStatusCode.BadRequest);
        foreach (var sort in new[] { "top", "trending", "discussed" })
            (await visitor.GetPageAsync($"/challenges/waiting-well?sort={sort}")).Status.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_closed_challenge_is_readable_with_a_notice_and_no_way_to_add()
    {
        using var visitor = app.Visit("alpha.test");
        var (status, html) = await visitor.GetPageAsync("/challenges/last-year");
        status.Should().Be(HttpStatusCode.OK);
        html.Should().Contain("This challenge is closed").And.NotContain("Share an idea</a>");
    }

    [Fact]
    public async Task Draft_challenges_missing_ideas_and_unknown_pages_are_themed_404s()
    {
        using var visitor = app.Visit("alpha.test");
        foreach (var path in new[] { "/challenges/next-year", "/challenges/nope", "/ideas/999999", "/no/such/page" })
        {
            var (status, html) = await visitor.GetPageAsync(path);
            status.Should().Be(HttpStatusCode.NotFound, path);
            html.Should().Contain("Page not found").And.Contain("Alpha Health Ideas");
        }
    }

    [Fact]
    public async Task Thumbs_down_buttons_appear_only_where_the_site_has_them()
    {
        using var alpha = app.Visit("alpha.test");
        await alpha.RegisterAsync(TestEmail.Unique());
        var alphaIdea = await alpha.PostIdeaAsync();
        (await alpha.GetPageAsync($"/ideas/{alphaIdea}")).Html.Should().Contain("vote-up").And.NotContain("vote-down");

        using var beta = app.Visit("beta.test");
        await beta.RegisterAsync(TestEmail.Unique());
        var betaIdea = await beta.PostIdeaAsync();
        (await beta.GetPageAsync($"/ideas/{betaIdea}")).Html.Should().Contain("vote-up").And.Contain("vote-down");
    }

    [Fact]
    public async Task User_text_is_shown_as_text_and_markdown_links_cannot_carry_script()
    {
        using var visitor = app.Visit("alpha.test");
        await visitor.RegisterAsync(TestEmail.Unique(), "<img src=x onerror=alert(1)>");
        var id = await visitor.PostIdeaAsync(title: "<script>alert('title')</script>", body: "[click](javascript:alert(1)) <b onmouseover=alert(1)>hi</b>");
        var html = (await visitor.GetPageAsync($"/ideas/{id}")).Html;
        html.Should().NotContain("<script>alert").And.NotContain("<img src=x").And.NotContain("javascript:").And.NotContain("<b onmouseover");
        html.Should().Contain("&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;");
    }

    [Fact]
    public async Task A_tenant_under_a_path_prefix_is_served_there_with_links_that_keep_the_prefix()
    {
        using var visitor = app.Visit("shared.test");
        var (status, html) = await visitor.GetPageAsync("/gamma/");
        status.Should().Be(HttpStatusCode.OK);
        html.Should().Contain("Gamma Region").And.Contain("href=\"/gamma/challenges/waiting-well\"").And.Contain("/gamma/site.css");
        (await visitor.GetPageAsync("/gamma/challenges/waiting-well")).Status.Should().Be(HttpStatusCode.OK);
        (await visitor.GetPageAsync("/")).Status.Should().Be(HttpStatusCode.NotFound, "nothing claims the shared host outside /gamma");
        (await visitor.Http.GetAsync("/gamma/api/v1/challenges")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Theme_assets_brand_styles_and_tenant_media_are_served()
    {
        using var visitor = app.Visit("alpha.test");
        var css = await visitor.Http.GetAsync("/theme/base.css");
        css.StatusCode.Should().Be(HttpStatusCode.OK);
        css.Content.Headers.ContentType!.MediaType.Should().Be("text/css");
        (await visitor.Http.GetStringAsync("/site.css")).Should().Contain("--brand-primary: #123456");
        (await visitor.Http.GetAsync("/theme/../../tenants/alpha/tenant.json")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await visitor.Http.GetAsync("/media/../tenant.json")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_nhs_design_system_is_served_locally()
    {
        using var visitor = app.Visit("alpha.test");
        var css = await visitor.Http.GetAsync("/frontend/nhsuk/nhsuk-frontend.min.css");
        css.StatusCode.Should().Be(HttpStatusCode.OK, "npm ci installs nhsuk-frontend before the tests run");
        (await visitor.Http.GetAsync("/assets/images/nhsuk-icon-search.svg")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_health_check_answers_on_any_host()
    {
        using var visitor = app.Visit("unknown.test");
        (await visitor.Http.GetStringAsync("/healthz")).Should().Be("Healthy");
    }

    [Fact]
    public async Task The_health_check_answers_a_signed_in_browser_too()
    {
        using var member = app.Visit("alpha.test");
        await member.RegisterAsync(TestEmail.Unique("health"));
        var response = await member.Http.GetAsync("/healthz");
        response.StatusCode.Should().Be(HttpStatusCode.OK, "a sign-in cookie has no bearing on whether the engine is healthy");
        (await response.Content.ReadAsStringAsync()).Should().Be("Healthy");

        using var apiClient = app.Visit("alpha.test");
        apiClient.Http.DefaultRequestHeaders.Authorization = new("Bearer", "any-token-at-all");
        (await apiClient.Http.GetAsync("/healthz")).StatusCode.Should().Be(HttpStatusCode.OK, "nor has a bearer token");
    }
}
