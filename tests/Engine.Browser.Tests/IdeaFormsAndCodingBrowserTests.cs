using Engine.Core.Coding;
using Engine.Core.Members;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace Engine.Browser.Tests;

/// <summary>Issue 21 in a real browser: an admin shaping a challenge's idea form, and an analyst coding from the keyboard.</summary>
[Collection("journeys")]
public sealed class IdeaFormsAndCodingBrowserTests(BrowserFixture fixture)
{
    // The base site chooses no plugins, so ideas publish at once and nothing but these steps decides what the pages show.
    private Site Site => EngineServer.Base;

    private async Task<(BrowserTab Tab, string Email)> StaffAsync(string test, string name, string role)
    {
        var tab = await fixture.OpenAsync(Site, test);
        var email = await Journeys.RegisterThroughFormAsync(tab, name);
        await Staff.GrantByEmailAsync(fixture.Engine, Site, email, role);
        return (tab, email);
    }

    [Fact]
    public async Task An_admin_adds_a_choice_question_to_a_challenge_s_idea_form_and_it_appears_on_the_new_idea_form()
    {
        var (tab, _) = await StaffAsync("idea-form-admin", "Ifan Evans", Roles.Admin);
        await using var _tab = tab;
        await tab.GotoAsync("/admin/settings/challenges/waiting-well");
        await tab.Page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Idea form: categories and extra questions" }).ClickAsync();
        await Expect(tab.Page.Locator("main h1")).ToHaveTextAsync("Idea form for Waiting well");

        // Optional, so the other journeys on this site still post ideas without answering it; put back at the end.
        await tab.Page.Locator("[id='Rows[0].Key']").FillAsync("role");
        await tab.Page.Locator("[id='Rows[0].Label']").FillAsync("I am a");
        await tab.Page.Locator("[id='Rows[0].Kind']").SelectOptionAsync("choice");
        await tab.Page.Locator("[id='Rows[0].Choices']").FillAsync("patient\ncarer\nmember of staff");
        await tab.ShotAsync("a choice question filled in");
        await tab.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Save the idea form" }).ClickAsync();
        await Expect(tab.Page.Locator(".nhsuk-notification-banner")).ToContainTextAsync("is saved");

        await tab.GotoAsync("/challenges/waiting-well/ideas/new");
        var question = tab.Page.GetByLabel("I am a");
        await Expect(question).ToBeVisibleAsync();
        (await question.Locator("option").AllInnerTextsAsync()).Should().Contain(["patient", "carer", "member of staff"]);
        await tab.ShotAsync("the question on the new-idea form");

        await tab.GotoAsync("/admin/settings/challenges/waiting-well/idea-form");
        await tab.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Use tenant.json's idea form" }).ClickAsync();
        await tab.GotoAsync("/challenges/waiting-well/ideas/new");
        await Expect(tab.Page.GetByLabel("I am a")).ToHaveCountAsync(0);
        tab.Problems.Should().BeEmpty();
    }

    [Fact]
    public async Task An_analyst_codes_with_the_number_keys_saves_with_Enter_and_moves_with_the_arrow_keys()
    {
        using var author = await ApiMember.RegisterAsync(fixture.Engine, Site, "Cora Author");
        var first = await author.PostIdeaAsync("Evening physiotherapy for working carers", "Open the gym two evenings a week.");
        var store = fixture.Engine.Services.GetRequiredService<ICodingStore>();
        await store.SaveFrameAsync(Site.TenantId, new TenantCoding
        {
            Codes = [new Code("access", "Access to care", 1), new Code("staff", "Staffing", 2), new Code("digital", "Digital", 3)],
        }, author.Id, DateTimeOffset.UtcNow);
        var (tab, email) = await StaffAsync("coding-keyboard", "Ana Analyst", Roles.Analyst);
        await using var _tab = tab;
        var analystId = (await fixture.Engine.Services.GetRequiredService<IMemberStore>().FindByEmailAsync(Site.TenantId, email.ToUpperInvariant()))!.Id;

        await tab.GotoAsync($"/admin/coding?item=idea-{first}");
        await Expect(tab.Page.Locator("main")).ToContainTextAsync("Evening physiotherapy for working carers");
        var access = tab.Page.Locator("#code-access");
        var staff = tab.Page.Locator("#code-staff");
        await tab.Page.Locator("main h1").ClickAsync();
        await tab.Page.Keyboard.PressAsync("1");
        await Expect(access).ToBeCheckedAsync();
        await Expect(access).ToBeFocusedAsync();
        await tab.Page.Keyboard.PressAsync("2");
        await tab.Page.Keyboard.PressAsync("1");
        await Expect(access).Not.ToBeCheckedAsync();
        await Expect(staff).ToBeCheckedAsync();
        await tab.ShotAsync("codes toggled with the number keys");

        await tab.Page.Keyboard.PressAsync("Enter");
        await tab.Page.WaitForURLAsync(url => !url.EndsWith($"item=idea-{first}", StringComparison.Ordinal));
        await Expect(tab.Page.Locator(".nhsuk-notification-banner")).ToContainTextAsync($"Saved idea {first} with Staffing.");
        var (codes, finished) = await store.CodingOfAsync(Site.TenantId, ContributionRef.Parse($"idea-{first}")!.Value, analystId);
        codes.Should().BeEquivalentTo(["staff"]);
        finished.Should().BeTrue();

        // From the coded idea, the right arrow goes to the one posted after it and the left arrow comes back.
        var second = await author.PostIdeaAsync("A quiet room for families on the ward", "Somewhere to sit away from the bay.");
        await tab.GotoAsync($"/admin/coding?item=idea-{first}");
        await Expect(staff).ToBeCheckedAsync();
        await tab.Page.Locator("main h1").ClickAsync();
        await tab.Page.Keyboard.PressAsync("ArrowRight");
        await tab.Page.WaitForURLAsync(url => url.EndsWith($"item=idea-{second}", StringComparison.Ordinal));
        await Expect(tab.Page.Locator("main")).ToContainTextAsync("A quiet room for families on the ward");
        await tab.Page.Keyboard.PressAsync("ArrowLeft");
        await tab.Page.WaitForURLAsync(url => url.EndsWith($"item=idea-{first}", StringComparison.Ordinal));
        tab.Problems.Should().BeEmpty();

    }
}
