using System.Text.RegularExpressions;

namespace Engine.Browser.Tests;

/// <summary>Steps that several tests take through the site's own forms, the way a person would.</summary>
public static partial class Journeys
{
    public const string Password = "correct horse battery";

    /// <summary>Registers through the register form, then signs in as it asks (registering signs nobody in); returns the email address used.</summary>
    public static async Task<string> RegisterThroughFormAsync(BrowserTab tab, string displayName, string returnUrl = "/")
    {
        var email = TestEmail.Unique(displayName);
        await tab.GotoAsync($"/account/register?returnUrl={Uri.EscapeDataString(returnUrl)}");
        await tab.Page.Locator("#displayName").FillAsync(displayName);
        await tab.Page.Locator("#email").FillAsync(email);
        await tab.Page.Locator("#password").FillAsync(Password);
        await tab.ShotAsync("register form filled in");
        await tab.Page.Locator("main form button[type=submit]").ClickAsync();
        await tab.Page.WaitForURLAsync(url => url.Contains("/account/signin"));
        await Microsoft.Playwright.Assertions.Expect(tab.Page.Locator("main [role=status]")).ToContainTextAsync("Check your email");
        await SubmitSignInAsync(tab, email);
        (await tab.Page.Locator("header").InnerTextAsync()).Should().Contain(displayName, $"the {tab.Site.Theme} header should say who is signed in after registering");
        return email;
    }

    public static async Task SignInThroughFormAsync(BrowserTab tab, string email, string returnUrl)
    {
        await tab.GotoAsync($"/account/signin?returnUrl={Uri.EscapeDataString(returnUrl)}");
        await SubmitSignInAsync(tab, email);
    }

    private static async Task SubmitSignInAsync(BrowserTab tab, string email)
    {
        await tab.Page.Locator("#email").FillAsync(email);
        await tab.Page.Locator("#password").FillAsync(Password);
        await tab.ShotAsync("sign-in form filled in");
        await tab.Page.Locator("main form button[type=submit]").ClickAsync();
        // The page the sign-in leads to, once its document is parsed (what the callers read is in the served HTML). Waiting
        // for its load event as well timed out once in CI (30 s) after "NetworkIdle" had fired: the wait raced the redirect.
        await tab.Page.WaitForURLAsync(url => !url.Contains("/account/signin"), new() { WaitUntil = Microsoft.Playwright.WaitUntilState.DOMContentLoaded });
    }

    /// <summary>Signs out with the header's button, from the home page.</summary>
    public static async Task SignOutAsync(BrowserTab tab)
    {
        await tab.GotoAsync("/");
        await tab.Page.Locator("header form[action$='/account/signout'] button").ClickAsync();
        await Microsoft.Playwright.Assertions.Expect(tab.Page.Locator("header")).ToContainTextAsync("Sign in");
    }

    /// <summary>A new moderator registers, is given the role, sees held content counted on the dashboard and opens the queue.</summary>
    public static async Task OpenTheQueueAsNewModeratorAsync(BrowserTab tab, EngineServer engine)
    {
        var email = await RegisterThroughFormAsync(tab, "Morgan Reviewer");
        await Staff.GrantByEmailAsync(engine, tab.Site, email, Core.Members.Roles.Moderator);
        await tab.GotoAsync("/admin");
        await Microsoft.Playwright.Assertions.Expect(tab.Page.Locator("#held-count")).Not.ToHaveTextAsync("0");
        await tab.Page.Locator("header nav[aria-label=Admin] a", new() { HasText = "Moderation queue" }).ClickAsync();
        await tab.Page.WaitForURLAsync("**/admin/moderation");
    }

    /// <summary>The moderator, in the queue, approves the held idea: a success message, and the card leaves the queue.</summary>
    public static async Task ApproveFromTheQueueAsync(BrowserTab tab, long heldIdeaId)
    {
        await PostFromTheQueueAsync(tab, () => tab.Page.Locator($"#idea-{heldIdeaId}").Locator("button", new() { HasText = "Approve" }).ClickAsync());
        await Microsoft.Playwright.Assertions.Expect(tab.Page.Locator(".nhsuk-notification-banner--success")).ToContainTextAsync("Approved the idea");
        await Microsoft.Playwright.Assertions.Expect(tab.Page.Locator($"#idea-{heldIdeaId}")).ToHaveCountAsync(0);
        await tab.ShotAsync("approved");
    }

    /// <summary>
    /// Clicks a button of one of the queue's forms: it posts, and the engine sends the browser back to the queue.
    /// Waiting for the queue's address would not do: the browser is already there before the click, so such a wait
    /// can settle on the page being left (and, on a busy machine, time out waiting for it to load again).
    /// </summary>
    public static async Task PostFromTheQueueAsync(BrowserTab tab, Func<Task> click)
    {
        var post = await tab.Page.RunAndWaitForResponseAsync(click, r => r.Request.Method == "POST" && new Uri(r.Url).AbsolutePath.EndsWith("/admin/moderation", StringComparison.Ordinal));
        post.Status.Should().Be(302, "a moderator's action in the queue posts the form and is sent back to the queue");
        await Microsoft.Playwright.Assertions.Expect(tab.Page).ToHaveURLAsync(new Regex(@"/admin/moderation(\?.*)?$"));
    }

    /// <summary>The id of the idea page the browser is on.</summary>
    public static long IdeaId(BrowserTab tab)
    {
        var match = IdeaUrl().Match(tab.Page.Url);
        match.Success.Should().BeTrue($"the browser should be on an idea page, not {tab.Page.Url}");
        return long.Parse(match.Groups[1].Value);
    }

    [GeneratedRegex(@"/ideas/(\d+)")]
    public static partial Regex IdeaUrl();
}
