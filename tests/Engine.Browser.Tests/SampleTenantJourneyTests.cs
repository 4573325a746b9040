using Engine.Core.Members;
using static Microsoft.Playwright.Assertions;

namespace Engine.Browser.Tests;

/// <summary>
/// A member's whole visit to each of the repository's sample tenants, read unchanged from tenants/: register,
/// follow the challenge, post an idea (anonymously where that site allows it), follow someone else's idea, vote
/// with script and without (thumbs-down only where the site has it, the allowance where a budget applies),
/// unfollow, comment and reply. Where the site holds a new member's first posts, a moderator approves them
/// through the queue on the way, as would happen for real.
/// </summary>
[Collection("journeys")]
public sealed class SampleTenantJourneyTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("home4noon")]
    [InlineData("london-community")]
    [InlineData("solving-together")]
    public async Task A_member_follows_posts_votes_with_and_without_script_unfollows_comments_and_replies_as_the_sample_site_allows(string tenantId)
    {
        var sample = SampleTenant.For(tenantId);
        var site = sample.Site;
        var challengePath = $"/challenges/{sample.Challenge}";
        const string name = "Jordan Nurse";
        var seeded = await SeedIdeaAsync(sample, "Pharmacy on the ward at 9am", "Medicines to take home would be ready by the morning round.");
        if (sample.VoteBudget is { } budgeted)
        {
            // More ideas than the budget has votes, so the member can run out.
            using var more = await ApiMember.RegisterAsync(fixture.Engine, site, "Ivy Ideas");
            for (var i = 1; i < budgeted; i++) await more.PostIdeaAsync($"Another way home by noon, number {i}", "One more thing to vote for.", challenge: sample.Challenge);
        }
        var violations = new List<string>();
        await using var tab = await fixture.OpenAsync(site, $"sample-{tenantId}-journey");
        BrowserTab? moderator = null;

        try
        {
            // A visitor sees the site's own name and its open challenge.
            await tab.GotoAsync("/");
            await Expect(tab.Page.Locator("header")).ToContainTextAsync(site.Name);
            await Expect(tab.Page.Locator("main")).ToContainTextAsync(sample.ChallengeTitle);
            await tab.ShotAsync("home");
            await tab.GotoAsync($"/ideas/{seeded}");
            await Expect(tab.Page.Locator("#follow")).ToHaveCountAsync(0);
            await Expect(tab.Page.Locator("main article button.vote-up")).ToHaveCountAsync(0);

            var email = await Journeys.RegisterThroughFormAsync(tab, name, challengePath);
            new Uri(tab.Page.Url).AbsolutePath.Should().Be(challengePath);
            await tab.ShotAsync("registered");

            // Follow the challenge with script on: the button is a plain form, so the page comes back saying so.
            var follow = tab.Page.Locator("form#follow");
            await Expect(follow.Locator("button[type=submit]")).ToContainTextAsync("Follow");
            await follow.Locator("button[type=submit]").ClickAsync();
            await tab.Page.WaitForURLAsync(url => url.EndsWith("#follow"));
            await Expect(follow).ToContainTextAsync("You follow this challenge");
            await Expect(follow.Locator("button[type=submit]")).ToContainTextAsync("Unfollow");
            if (sample.VoteBudget is { } budget)
                await Expect(tab.Page.Locator(".allowance")).ToHaveTextAsync($"{budget} of {budget} votes left");
            else
                await Expect(tab.Page.Locator(".allowance")).ToHaveCountAsync(0);
            if (!sample.DownVotes) await Expect(tab.Page.Locator("main button.vote-down")).ToHaveCountAsync(0);
            await tab.ShotAsync("following the challenge");
            violations.AddRange(await tab.AxeAsync("challenge, signed in"));

            // Post an idea: anonymously where the site allows it; where it does not, there is no box to tick.
            await tab.Page.Locator("main a", new() { HasText = "Share an idea" }).First.ClickAsync();
            await tab.Page.WaitForURLAsync($"**{challengePath}/ideas/new");
            const string title = "Let patients choose a text reminder the day before";
            await tab.Page.Locator("#title").FillAsync(title);
            await tab.Page.Locator("#body").FillAsync("Fewer missed appointments, and people can swap their slot.");
            if (sample.AnonymousAllowed) await tab.Page.Locator("#anonymous").CheckAsync();
            else await Expect(tab.Page.Locator("#anonymous")).ToHaveCountAsync(0);
            await tab.ShotAsync("new idea filled in");
            await tab.Page.Locator("main form button[type=submit]").ClickAsync();
            long ideaId;
            if (sample.HoldsFirstPosts)
            {
                // A new member's first posts wait for a moderator: the site says so, and the idea is not public yet.
                await Expect(tab.Page.Locator("main h1")).ToHaveTextAsync("Your idea has been received");
                await tab.ShotAsync("idea held for a moderator");
                moderator = await ModeratorAsync(site, tenantId);
                ideaId = await ApproveAsync(moderator, "idea", title);
                await tab.GotoAsync($"/ideas/{ideaId}");
            }
            else
            {
                await tab.Page.WaitForURLAsync(Journeys.IdeaUrl());
                ideaId = Journeys.IdeaId(tab);
            }
            var article = tab.Page.Locator("main article");
            await Expect(article.Locator("h1")).ToHaveTextAsync(title);
            if (sample.AnonymousAllowed)
            {
                await Expect(article).ToContainTextAsync("Posted anonymously");
                (await tab.Page.Locator("main").InnerTextAsync()).Should().NotContain(name, "an anonymous idea must not show its author's name, even to them");
            }
            else await Expect(article).ToContainTextAsync($"By {name}");
            // Authors follow their own ideas, except a fully anonymous one: nothing may tie them to it.
            if (sample.Anonymity == "fully-anonymous")
                await Expect(tab.Page.Locator("form#follow")).Not.ToContainTextAsync("You follow this idea");
            else
                await Expect(tab.Page.Locator("form#follow")).ToContainTextAsync("You follow this idea");
            await tab.ShotAsync("idea posted");

            if (sample.AnonymousAllowed)
            {
                // Nobody else sees the author either: not a visitor on the idea, not on the challenge's list.
                await using var visitor = await fixture.OpenAsync(site, $"sample-{tenantId}-visitor");
                await visitor.GotoAsync($"/ideas/{ideaId}");
                await Expect(visitor.Page.Locator("main article")).ToContainTextAsync("Posted anonymously");
                (await visitor.Page.Locator("main").InnerTextAsync()).Should().NotContain(name);
                await visitor.GotoAsync($"{challengePath}?sort=new");
                await Expect(visitor.Page.Locator("main li", new() { Has = visitor.Page.Locator($"a[href$='/ideas/{ideaId}']") }).Last).ToContainTextAsync("Posted anonymously");
                (await visitor.Page.Locator("main").InnerTextAsync()).Should().NotContain(name, "the challenge page must not name the anonymous author");
                await visitor.ShotAsync("anonymous idea as a visitor sees it");
                visitor.Problems.Should().BeEmpty();
            }

            // Someone else's idea: follow it, then vote with script (in place, no page load).
            await tab.GotoAsync($"/ideas/{seeded}");
            await Expect(follow.Locator("button[type=submit]")).ToHaveTextAsync("Follow this idea");
            await follow.Locator("button[type=submit]").ClickAsync();
            await tab.Page.WaitForURLAsync(url => url.EndsWith("#follow"));
            await Expect(follow).ToContainTextAsync("You follow this idea");
            await tab.ShotAsync("following the idea");

            var up = article.Locator("button.vote-up");
            var down = article.Locator("button.vote-down");
            var allowance = tab.Page.Locator(".allowance");
            await Expect(up).ToHaveAttributeAsync("aria-pressed", "false");
            await Expect(up.Locator(".count-up")).ToHaveTextAsync("0");
            if (sample.DownVotes) await Expect(down).ToHaveCountAsync(1);
            else await Expect(down).ToHaveCountAsync(0);
            var loads = tab.Navigations;
            await up.ClickAsync();
            await Expect(up).ToHaveAttributeAsync("aria-pressed", "true");
            await Expect(up.Locator(".count-up")).ToHaveTextAsync("1");
            if (sample.VoteBudget is { } votes)
                await Expect(allowance).ToHaveTextAsync($"{votes - 1} of {votes} votes left");
            await tab.ShotAsync("voted up with script");
            if (sample.DownVotes)
            {
                await down.ClickAsync();
                await Expect(down).ToHaveAttributeAsync("aria-pressed", "true");
                await Expect(down.Locator(".count-down")).ToHaveTextAsync("1");
                await Expect(up).ToHaveAttributeAsync("aria-pressed", "false");
                await Expect(up.Locator(".count-up")).ToHaveTextAsync("0");
                await tab.ShotAsync("voted down with script");
            }
            tab.Navigations.Should().Be(loads, "with script a vote updates the page in place, without loading a page");
            violations.AddRange(await tab.AxeAsync("idea, signed in, voted"));

            // The server agrees: a reload shows the same.
            await tab.Page.ReloadAsync();
            await Expect(sample.DownVotes ? down : up).ToHaveAttributeAsync("aria-pressed", "true");
            if (sample.VoteBudget is { } kept) await Expect(allowance).ToHaveTextAsync($"{kept - 1} of {kept} votes left");

            // Without script (another browser): unfollow the idea and the challenge, and vote; each form posts and the page reloads.
            await using (var noScript = await fixture.OpenAsync(site, $"sample-{tenantId}-no-script", javaScript: false))
            {
                await Journeys.SignInThroughFormAsync(noScript, email, $"/ideas/{seeded}");
                new Uri(noScript.Page.Url).AbsolutePath.Should().Be($"/ideas/{seeded}");
                var plainFollow = noScript.Page.Locator("form#follow");
                await Expect(plainFollow).ToContainTextAsync("You follow this idea");
                await noScript.ShotAsync("signed in without script");
                await PostsAndReloads(noScript, () => plainFollow.Locator("button[type=submit]").ClickAsync(), $"/ideas/{seeded}/follow");
                await Expect(plainFollow.Locator("button[type=submit]")).ToHaveTextAsync("Follow this idea");
                await Expect(plainFollow).Not.ToContainTextAsync("You follow");
                await noScript.ShotAsync("unfollowed the idea without script");

                var plainArticle = noScript.Page.Locator("main article");
                var plainUp = plainArticle.Locator("button.vote-up");
                var plainDown = plainArticle.Locator("button.vote-down");
                var plainAllowance = noScript.Page.Locator(".allowance");
                if (sample.DownVotes)
                {
                    // The down vote gives way to an up vote.
                    await PostsAndReloads(noScript, () => plainUp.ClickAsync(), $"/ideas/{seeded}/vote");
                    await Expect(plainUp).ToHaveAttributeAsync("aria-pressed", "true");
                    await Expect(plainUp.Locator(".count-up")).ToHaveTextAsync("1");
                    await Expect(plainDown).ToHaveAttributeAsync("aria-pressed", "false");
                    await Expect(plainDown.Locator(".count-down")).ToHaveTextAsync("0");
                    await noScript.ShotAsync("voted up without script");
                }
                else
                {
                    // Take the vote back (the allowance returns), then give it again.
                    await Expect(plainDown).ToHaveCountAsync(0);
                    await PostsAndReloads(noScript, () => plainUp.ClickAsync(), $"/ideas/{seeded}/vote");
                    await Expect(plainUp).ToHaveAttributeAsync("aria-pressed", "false");
                    await Expect(plainUp.Locator(".count-up")).ToHaveTextAsync("0");
                    if (sample.VoteBudget is { } all) await Expect(plainAllowance).ToHaveTextAsync($"{all} of {all} votes left");
                    await noScript.ShotAsync("vote taken back without script");
                    await PostsAndReloads(noScript, () => plainUp.ClickAsync(), $"/ideas/{seeded}/vote");
                    await Expect(plainUp).ToHaveAttributeAsync("aria-pressed", "true");
                    await Expect(plainUp.Locator(".count-up")).ToHaveTextAsync("1");
                    if (sample.VoteBudget is { } all2) await Expect(plainAllowance).ToHaveTextAsync($"{all2 - 1} of {all2} votes left");
                    await noScript.ShotAsync("voted up without script");
                }

                await noScript.GotoAsync(challengePath);
                await Expect(plainFollow).ToContainTextAsync("You follow this challenge");
                await PostsAndReloads(noScript, () => plainFollow.Locator("button[type=submit]").ClickAsync(), $"{challengePath}/follow");
                await Expect(plainFollow.Locator("button[type=submit]")).ToHaveTextAsync("Follow this challenge");
                await noScript.ShotAsync("unfollowed the challenge without script");
                noScript.Problems.Should().BeEmpty();
            }

            // Back with script: the unfollow and the vote show here too, and following again works.
            await tab.GotoAsync($"/ideas/{seeded}");
            await Expect(follow.Locator("button[type=submit]")).ToHaveTextAsync("Follow this idea");
            await Expect(up).ToHaveAttributeAsync("aria-pressed", "true");
            await follow.Locator("button[type=submit]").ClickAsync();
            await tab.Page.WaitForURLAsync(url => url.EndsWith("#follow"));
            await Expect(follow).ToContainTextAsync("You follow this idea");
            await tab.ShotAsync("following the idea again");

            // Comment on the member's own idea under their name, then reply (anonymously where the site allows it).
            await tab.GotoAsync($"/ideas/{ideaId}");
            const string commentText = "I would add a link to rebook online.";
            await tab.Page.Locator("textarea#body").FillAsync(commentText);
            await tab.Page.Locator("main form", new() { Has = tab.Page.Locator("textarea#body") }).Locator("button[type=submit]").ClickAsync();
            string commentId;
            if (sample.HoldsFirstPosts)
            {
                await Expect(tab.Page.Locator("main h1")).ToHaveTextAsync("Your comment has been received");
                await tab.ShotAsync("comment held for a moderator");
                commentId = (await ApproveAsync(moderator!, "comment", commentText)).ToString();
                await tab.GotoAsync($"/ideas/{ideaId}");
            }
            else
            {
                await tab.Page.WaitForURLAsync(url => url.Contains("#comment-"));
                commentId = new Uri(tab.Page.Url).Fragment["#comment-".Length..];
            }
            var comment = tab.Page.Locator($"li#comment-{commentId}");
            await Expect(comment).ToContainTextAsync(commentText);
            await Expect(comment).ToContainTextAsync(name);
            await tab.ShotAsync("commented");

            const string replyText = "And a reminder two weeks before.";
            await comment.Locator("details summary").ClickAsync();
            await comment.Locator($"#reply-{commentId}").FillAsync(replyText);
            if (sample.AnonymousAllowed) await comment.Locator($"#reply-anon-{commentId}").CheckAsync();
            else await Expect(comment.Locator($"#reply-anon-{commentId}")).ToHaveCountAsync(0);
            await tab.ShotAsync("reply filled in");
            await comment.Locator("details form button[type=submit]").ClickAsync();
            // Two posts approved: the site trusts the member now, so the reply goes straight up.
            await tab.Page.WaitForURLAsync(url => url.Contains("#comment-") && !url.EndsWith($"#comment-{commentId}"));
            var reply = comment.Locator("ol li").Filter(new() { HasText = replyText });
            await Expect(reply).ToHaveCountAsync(1);
            if (sample.AnonymousAllowed)
            {
                await Expect(reply).ToContainTextAsync("Anonymous");
                (await reply.InnerTextAsync()).Should().NotContain(name, "an anonymous reply must not name its author");
            }
            else await Expect(reply).ToContainTextAsync(name);
            await Expect(tab.Page.Locator("#comments-heading")).ToContainTextAsync("2");
            await tab.ShotAsync("replied");

            var refusedVote = "";
            if (sample.VoteBudget is { } allowed)
            {
                // Spend the rest of the budget with script, one idea at a time, watching the allowance count down.
                await tab.GotoAsync($"{challengePath}?sort=new");
                var allowanceHere = tab.Page.Locator(".allowance");
                await Expect(allowanceHere).ToHaveTextAsync($"{allowed - 1} of {allowed} votes left");
                var unvoted = tab.Page.Locator("main button.vote-up[aria-pressed=false]");
                var pageLoads = tab.Navigations;
                for (var left = allowed - 1; left > 0; left--)
                {
                    var before = await unvoted.CountAsync();
                    await unvoted.First.ClickAsync();
                    await Expect(unvoted).ToHaveCountAsync(before - 1);
                    await Expect(allowanceHere).ToHaveTextAsync(left == 1 ? "No votes left: take one back to vote for another idea" : $"{left - 1} of {allowed} votes left");
                }
                tab.Navigations.Should().Be(pageLoads, "every vote under the budget updated the page in place");
                await tab.ShotAsync("no votes left");

                // One more is refused: the form posts as it would without script, and the site says why.
                var refused = await unvoted.First.Locator("xpath=ancestor::div[contains(@class,'votes')]").GetAttributeAsync("data-idea");
                refusedVote = $"/api/v1/ideas/{refused}/vote";
                await unvoted.First.ClickAsync();
                await tab.Page.WaitForURLAsync($"**/ideas/{refused}/vote");
                await Expect(tab.Page.Locator("main")).ToContainTextAsync($"You have used all {allowed} of your votes in this challenge");
                await Expect(tab.Page.Locator("main article button.vote-up")).ToHaveAttributeAsync("aria-pressed", "false");
                // The page that explains the refusal still shows the allowance: it is why the vote was refused.
                await Expect(tab.Page.Locator(".allowance")).ToHaveTextAsync("No votes left: take one back to vote for another idea");
                await tab.ShotAsync("vote refused: none left");
            }

            // The one refused vote's 400 is the browser logging the API's answer, which the page then explained; nothing else may fail.
            tab.Problems.Where(p => refusedVote == "" || !p.Contains(refusedVote)).Should().BeEmpty();
            moderator?.Problems.Should().BeEmpty();
            Accessibility.Report(tenantId, violations, []);
        }
        finally
        {
            if (moderator is not null) await moderator.DisposeAsync();
        }
    }

    /// <summary>An idea by another member to follow and vote on; approved through the API where the site holds a new member's first post.</summary>
    private async Task<long> SeedIdeaAsync(SampleTenant sample, string title, string body)
    {
        using var author = await ApiMember.RegisterAsync(fixture.Engine, sample.Site, "Sam Seeder");
        var (id, held) = await author.PostIdeaEitherWayAsync(sample.Challenge, title, body);
        held.Should().Be(sample.HoldsFirstPosts, $"{sample} holds a new member's first idea only if it has the first-posts rule");
        if (held)
        {
            using var moderator = await ApiMember.RegisterAsync(fixture.Engine, sample.Site, "Mo Seeder");
            await moderator.GrantAsync(fixture.Engine, sample.Site, Roles.Moderator);
            await moderator.PostJsonAsync($"api/v1/admin/moderation/ideas/{id}/approve", new { });
        }
        return id;
    }

    private async Task<BrowserTab> ModeratorAsync(Site site, string tenantId)
    {
        var moderator = await fixture.OpenAsync(site, $"sample-{tenantId}-moderator");
        var email = await Journeys.RegisterThroughFormAsync(moderator, "Morgan Reviewer");
        await Staff.GrantByEmailAsync(fixture.Engine, site, email, Roles.Moderator);
        return moderator;
    }

    /// <summary>The moderator finds the held idea or comment in the queue by its text, approves it, and it leaves the queue; returns its id.</summary>
    public static async Task<long> ApproveAsync(BrowserTab moderator, string kind, string text)
    {
        await moderator.GotoAsync("/admin/moderation");
        var card = moderator.Page.Locator($".nhsuk-card[id^='{kind}-']", new() { HasText = text });
        await Expect(card).ToHaveCountAsync(1);
        await Expect(card.Locator(".nhsuk-tag")).ToHaveTextAsync("Held");
        var id = long.Parse((await card.GetAttributeAsync("id"))![(kind.Length + 1)..]);
        await moderator.ShotAsync($"held {kind} in the queue");
        await Journeys.PostFromTheQueueAsync(moderator, () => card.Locator("button", new() { HasText = "Approve" }).ClickAsync());
        await Expect(moderator.Page.Locator(".nhsuk-notification-banner--success")).ToContainTextAsync(kind == "idea" ? "Approved the idea" : $"Approved comment {id}");
        await Expect(moderator.Page.Locator($"#{kind}-{id}")).ToHaveCountAsync(0);
        await moderator.ShotAsync($"{kind} approved");
        return id;
    }

    /// <summary>Clicks a button of a plain form without script: it posts, is redirected, and the page loads again.</summary>
    private static async Task PostsAndReloads(BrowserTab tab, Func<Task> click, string action)
    {
        var before = tab.Navigations;
        var post = await tab.Page.RunAndWaitForResponseAsync(click, r => r.Request.Method == "POST" && new Uri(r.Url).AbsolutePath == action);
        post.Status.Should().Be(302, $"without script {action} is a plain form post that redirects back");
        await tab.Page.WaitForLoadStateAsync();
        tab.Navigations.Should().BeGreaterThan(before, "without script the page reloads");
    }
}
