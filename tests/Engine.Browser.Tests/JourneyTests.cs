using static Microsoft.Playwright.Assertions;

namespace Engine.Browser.Tests;

/// <summary>
/// A member's whole visit, through the forms, on a site with anonymous posting and thumbs-down:
/// register, post anonymously, vote with script (in place) and without (the page reloads), comment, reply.
/// </summary>
[Collection("journeys")]
public sealed class JourneyTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("base")]
    [InlineData("nhs")]
    [InlineData("london")]
    public async Task A_member_registers_posts_anonymously_votes_with_and_without_script_then_comments_and_replies(string theme)
    {
        var site = EngineServer.For(theme);
        const string name = "Jordan Nurse";
        await using var tab = await fixture.OpenAsync(site, "journey");

        // Register through the form, coming back to the challenge.
        var email = await Journeys.RegisterThroughFormAsync(tab, name, "/challenges/waiting-well");
        new Uri(tab.Page.Url).AbsolutePath.Should().Be("/challenges/waiting-well");
        await tab.ShotAsync("registered");

        // Post an idea anonymously through the form.
        await tab.Page.Locator("main a", new() { HasText = "Share an idea" }).First.ClickAsync();
        await tab.Page.WaitForURLAsync("**/challenges/waiting-well/ideas/new");
        await tab.Page.Locator("#title").FillAsync("Let patients choose a text reminder the day before");
        await tab.Page.Locator("#body").FillAsync("Fewer missed appointments, and people can swap their slot.");
        await tab.Page.Locator("#anonymous").CheckAsync();
        await tab.ShotAsync("new idea filled in");
        await tab.Page.Locator("main form button[type=submit]").ClickAsync();
        await tab.Page.WaitForURLAsync(Journeys.IdeaUrl());
        var ideaId = Journeys.IdeaId(tab);
        await tab.ShotAsync("idea posted");

        var article = tab.Page.Locator("main article");
        await Expect(article.Locator("h1")).ToHaveTextAsync("Let patients choose a text reminder the day before");
        await Expect(article).ToContainTextAsync("Posted anonymously");
        (await tab.Page.Locator("main").InnerTextAsync()).Should().NotContain(name, "an anonymous idea must not show its author's name anywhere on the page");

        await tab.GotoAsync("/challenges/waiting-well?sort=new");
        var card = tab.Page.Locator("main li", new() { Has = tab.Page.Locator($"a[href$='/ideas/{ideaId}']") }).Last;
        await Expect(card).ToContainTextAsync("Posted anonymously");
        (await tab.Page.Locator("main").InnerTextAsync()).Should().NotContain(name, "the challenge page must not name the anonymous author either");
        await tab.ShotAsync("challenge lists the idea anonymously");

        // Vote up with script: the counts change in place, no page load.
        await tab.GotoAsync($"/ideas/{ideaId}");
        var up = article.Locator("button.vote-up");
        var down = article.Locator("button.vote-down");
        await Expect(up).ToHaveAttributeAsync("aria-pressed", "false");
        await Expect(up.Locator(".count-up")).ToHaveTextAsync("0");
        var loads = tab.Navigations;
        await up.ClickAsync();
        await Expect(up).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(up.Locator(".count-up")).ToHaveTextAsync("1");
        await tab.ShotAsync("voted up with script");

        // Vote down: the up vote gives way.
        await down.ClickAsync();
        await Expect(down).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(down.Locator(".count-down")).ToHaveTextAsync("1");
        await Expect(up).ToHaveAttributeAsync("aria-pressed", "false");
        await Expect(up.Locator(".count-up")).ToHaveTextAsync("0");
        tab.Navigations.Should().Be(loads, "with script a vote updates the page in place, without loading a page");
        await tab.ShotAsync("voted down with script");

        // The server agrees: a reload shows the same.
        await tab.Page.ReloadAsync();
        await Expect(down).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(up.Locator(".count-up")).ToHaveTextAsync("0");
        await Expect(down.Locator(".count-down")).ToHaveTextAsync("1");

        // Without script (another browser, scripts off): the vote form posts and the page reloads with the new count.
        await using (var noScript = await fixture.OpenAsync(site, "journey-no-script", javaScript: false))
        {
            await Journeys.SignInThroughFormAsync(noScript, email, $"/ideas/{ideaId}");
            new Uri(noScript.Page.Url).AbsolutePath.Should().Be($"/ideas/{ideaId}");
            var plainArticle = noScript.Page.Locator("main article");
            var plainUp = plainArticle.Locator("button.vote-up");
            var plainDown = plainArticle.Locator("button.vote-down");
            await Expect(plainDown).ToHaveAttributeAsync("aria-pressed", "true");
            await noScript.ShotAsync("signed in without script");

            var before = noScript.Navigations;
            var post = await noScript.Page.RunAndWaitForResponseAsync(() => plainUp.ClickAsync(),
                r => r.Request.Method == "POST" && r.Url.EndsWith($"/ideas/{ideaId}/vote"));
            post.Status.Should().Be(302, "without script the vote is a plain form post that redirects back");
            await noScript.Page.WaitForLoadStateAsync();
            noScript.Navigations.Should().BeGreaterThan(before, "without script the page reloads");
            new Uri(noScript.Page.Url).AbsolutePath.Should().Be($"/ideas/{ideaId}");
            await Expect(plainUp).ToHaveAttributeAsync("aria-pressed", "true");
            await Expect(plainUp.Locator(".count-up")).ToHaveTextAsync("1");
            await Expect(plainDown).ToHaveAttributeAsync("aria-pressed", "false");
            await Expect(plainDown.Locator(".count-down")).ToHaveTextAsync("0");
            await noScript.ShotAsync("voted up without script");
            noScript.Problems.Should().BeEmpty();
        }

        // Comment, under the member's name, then reply anonymously.
        await tab.Page.ReloadAsync();
        await Expect(up).ToHaveAttributeAsync("aria-pressed", "true");
        await tab.Page.Locator("textarea#body").FillAsync("I would add a link to rebook online.");
        await tab.Page.Locator("main form", new() { Has = tab.Page.Locator("textarea#body") }).Locator("button[type=submit]").ClickAsync();
        await tab.Page.WaitForURLAsync(url => url.Contains("#comment-"));
        var commentId = new Uri(tab.Page.Url).Fragment["#comment-".Length..];
        var comment = tab.Page.Locator($"li#comment-{commentId}");
        await Expect(comment).ToContainTextAsync("I would add a link to rebook online.");
        await Expect(comment).ToContainTextAsync(name);
        await tab.ShotAsync("commented");

        await comment.Locator("details summary").ClickAsync();
        await comment.Locator($"#reply-{commentId}").FillAsync("And a reminder two weeks before.");
        await comment.Locator($"#reply-anon-{commentId}").CheckAsync();
        await tab.ShotAsync("reply filled in");
        await comment.Locator("details form button[type=submit]").ClickAsync();
        await tab.Page.WaitForURLAsync(url => url.Contains("#comment-") && !url.EndsWith($"#comment-{commentId}"));
        var reply = comment.Locator("ol li").Filter(new() { HasText = "And a reminder two weeks before." });
        await Expect(reply).ToHaveCountAsync(1);
        await Expect(reply).ToContainTextAsync("Anonymous");
        (await reply.InnerTextAsync()).Should().NotContain(name, "an anonymous reply must not name its author");
        await Expect(tab.Page.Locator("#comments-heading")).ToContainTextAsync("2");
        await tab.ShotAsync("replied anonymously");

        tab.Problems.Should().BeEmpty();
    }
}
