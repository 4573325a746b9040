using static Microsoft.Playwright.Assertions;

namespace Engine.Browser.Tests;

/// <summary>
/// A member edits their own idea through the site's forms (a refused edit keeps what they typed and says what to fix),
/// then withdraws it; axe checks each page on the way, in every theme.
/// </summary>
[Collection("journeys")]
public sealed class EditingBrowserTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("base")]
    [InlineData("nhs")]
    [InlineData("london")]
    public async Task A_member_edits_their_idea_fixes_a_refused_edit_sees_it_marked_edited_then_withdraws_it(string theme)
    {
        var site = EngineServer.For(theme);
        await using var tab = await fixture.OpenAsync(site, "editing");
        var violations = new List<string>();
        await Journeys.RegisterThroughFormAsync(tab, "Robin Editor", "/challenges/waiting-well/ideas/new");
        await tab.Page.Locator("#title").FillAsync("Quiet hours on the children's ward");
        await tab.Page.Locator("#body").FillAsync("Lights down at eight.");
        await tab.Page.Locator("main form button[type=submit]").ClickAsync();
        await tab.Page.WaitForURLAsync(Journeys.IdeaUrl());
        var ideaId = Journeys.IdeaId(tab);
        violations.AddRange(await tab.AxeAsync("own idea, with the author's links"));

        await tab.Page.Locator("main a", new() { HasText = "Edit your idea" }).First.ClickAsync();
        await tab.Page.WaitForURLAsync($"**/ideas/{ideaId}/edit");
        await Expect(tab.Page.Locator("#title")).ToHaveValueAsync("Quiet hours on the children's ward");
        await tab.ShotAsync("edit form");
        violations.AddRange(await tab.AxeAsync("edit form"));

        await tab.Page.Locator("#title").FillAsync("No");
        await tab.Page.Locator("#body").FillAsync("Lights down at eight, and quieter trolleys.");
        await tab.Page.Locator("main form button[type=submit]").ClickAsync();
        await tab.Page.WaitForLoadStateAsync();
        await Expect(tab.Page.Locator("#title-error")).ToBeVisibleAsync();
        await Expect(tab.Page.Locator("#body")).ToHaveValueAsync("Lights down at eight, and quieter trolleys.");
        await tab.ShotAsync("edit refused");
        violations.AddRange(await tab.AxeAsync("edit refused, with its error"));

        await tab.Page.Locator("#title").FillAsync("Quiet hours on every children's ward");
        await tab.Page.Locator("main form button[type=submit]").ClickAsync();
        await tab.Page.WaitForURLAsync($"**/ideas/{ideaId}");
        await Expect(tab.Page.Locator("main h1")).ToHaveTextAsync("Quiet hours on every children's ward");
        await Expect(tab.Page.Locator("main .edited").First).ToContainTextAsync("Edited");
        await tab.ShotAsync("edited");
        violations.AddRange(await tab.AxeAsync("edited idea"));

        await tab.Page.Locator("main summary", new() { HasText = "Withdraw your idea" }).ClickAsync();
        await tab.Page.Locator("main button", new() { HasText = "Withdraw this idea" }).ClickAsync();
        await Expect(tab.Page.Locator("main h1")).ToHaveTextAsync("Your idea has been withdrawn");
        await tab.GotoAsync($"/ideas/{ideaId}", status: 410);
        await Expect(tab.Page.Locator("main")).ToContainTextAsync("This idea was withdrawn by its author.");
        await tab.ShotAsync("withdrawn");
        violations.AddRange(await tab.AxeAsync("withdrawn idea"));

        Accessibility.Report(theme, violations, tab.Problems);
    }
}
