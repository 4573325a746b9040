using static Microsoft.Playwright.Assertions;

namespace Engine.Browser.Tests;

/// <summary>Someone who uses only a keyboard can vote and share an idea, and can see where focus is.</summary>
[Collection("journeys")]
public sealed class KeyboardTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("base")]
    [InlineData("nhs")]
    [InlineData("london")]
    public async Task Tab_reaches_the_vote_button_and_Enter_and_Space_vote(string theme)
    {
        var site = EngineServer.For(theme);
        await using var tab = await fixture.OpenAsync(site, "keyboard-vote");
        await Journeys.RegisterThroughFormAsync(tab, "Kim Keys");
        var ideaId = fixture.Ideas[theme].Discussed;
        await tab.GotoAsync($"/ideas/{ideaId}");

        var up = tab.Page.Locator("main article button.vote-up");
        var before = int.Parse(await up.Locator(".count-up").InnerTextAsync());
        var path = await tab.TabToAsync("main article button.vote-up");
        path[0].Should().Contain("Skip to main content", "the first Tab should reach the skip link");
        (await tab.FocusIndicatorAsync()).Should().NotBeEmpty($"the focused vote button should show focus (WCAG 2.4.7); focus went {string.Join(" → ", path)}");
        await tab.ShotAsync("vote button focused");

        var loads = tab.Navigations;
        await tab.Page.Keyboard.PressAsync("Enter");
        await Expect(up).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(up.Locator(".count-up")).ToHaveTextAsync((before + 1).ToString());
        await tab.ShotAsync("voted with Enter");

        // Focus stays on the button, so Space takes the vote back.
        (await tab.FocusedAsync()).Should().StartWith("button", "focus should stay on the vote button after voting in place");
        await tab.Page.Keyboard.PressAsync("Space");
        await Expect(up).ToHaveAttributeAsync("aria-pressed", "false");
        await Expect(up.Locator(".count-up")).ToHaveTextAsync(before.ToString());

        // Space again votes up again.
        await tab.Page.Keyboard.PressAsync("Space");
        await Expect(up).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(up.Locator(".count-up")).ToHaveTextAsync((before + 1).ToString());
        tab.Navigations.Should().Be(loads, "voting from the keyboard with script on updates the page in place");
        await tab.ShotAsync("voted with Space");

        tab.Problems.Should().BeEmpty();
    }

    [Theory]
    [InlineData("base")]
    [InlineData("nhs")]
    [InlineData("london")]
    public async Task Tab_moves_through_the_new_idea_form_in_order_and_the_keyboard_submits_it(string theme)
    {
        var site = EngineServer.For(theme);
        await using var tab = await fixture.OpenAsync(site, "keyboard-new-idea");
        await Journeys.RegisterThroughFormAsync(tab, "Kim Keys");
        await tab.GotoAsync("/challenges/waiting-well/ideas/new");

        var path = await tab.TabToAsync("#title");
        (await tab.FocusIndicatorAsync()).Should().NotBeEmpty("the focused title field should show focus (WCAG 2.4.7)");
        await tab.Page.Keyboard.TypeAsync("Keyboard-only idea: a quiet waiting room");

        await tab.Page.Keyboard.PressAsync("Tab");
        (await tab.FocusedAsync()).Should().StartWith("textarea#body", "Tab from the title goes to the description");
        await tab.Page.Keyboard.TypeAsync("Some people find the busy waiting room hard; a quiet corner would help.");

        await tab.Page.Keyboard.PressAsync("Tab");
        (await tab.FocusedAsync()).Should().StartWith("input#anonymous", "then to the post-anonymously checkbox");
        (await tab.FocusIndicatorAsync()).Should().NotBeEmpty("the focused checkbox should show focus (WCAG 2.4.7)");
        await tab.Page.Keyboard.PressAsync("Space");
        await Expect(tab.Page.Locator("#anonymous")).ToBeCheckedAsync();

        // Then through the three optional images, each file with its description.
        for (var n = 1; n <= 3; n++)
        {
            await tab.Page.Keyboard.PressAsync("Tab");
            (await tab.FocusedAsync()).Should().StartWith($"input#image{n}", $"then to image {n}'s file");
            (await tab.FocusIndicatorAsync()).Should().NotBeEmpty($"the focused file input {n} should show focus (WCAG 2.4.7)");
            await tab.Page.Keyboard.PressAsync("Tab");
            (await tab.FocusedAsync()).Should().StartWith($"input#alt{n}", $"then to image {n}'s description");
        }

        await tab.Page.Keyboard.PressAsync("Tab");
        (await tab.FocusedAsync()).Should().StartWith("button", "then to the submit button");
        (await tab.FocusedAsync()).Should().Contain("Post idea");
        (await tab.FocusIndicatorAsync()).Should().NotBeEmpty("the focused submit button should show focus (WCAG 2.4.7)");
        await tab.ShotAsync("form filled by keyboard");

        var posted = await tab.Page.RunAndWaitForResponseAsync(() => tab.Page.Keyboard.PressAsync("Enter"),
            r => r.Request.Method == "POST" && r.Url.EndsWith("/challenges/waiting-well/ideas"));
        posted.Status.Should().Be(302, "Enter on the submit button posts the form, and the engine sends the browser to the new idea");
        await tab.Page.WaitForURLAsync(Journeys.IdeaUrl());
        await Expect(tab.Page.Locator("main article h1")).ToHaveTextAsync("Keyboard-only idea: a quiet waiting room");
        await Expect(tab.Page.Locator("main article")).ToContainTextAsync("Posted anonymously");
        await tab.ShotAsync("idea posted by keyboard");

        tab.Problems.Should().BeEmpty($"focus went {string.Join(" → ", path)}");
    }
}
