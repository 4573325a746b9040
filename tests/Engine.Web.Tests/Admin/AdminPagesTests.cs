using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Engine.Core.Members;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Engine.Web.Tests.Admin;

/// <summary>The admin area's Razor Pages, driven as a browser without script would: links, plain forms, redirects.</summary>
public partial class AdminPagesTests(AdminPagesTests.App app) : IClassFixture<AdminPagesTests.App>
{
    public sealed class App : EngineApp
    {
        public App()
        {
            // Holds anything with personal data in it for a moderator.
            var moderated = Tenant("moderated", "Moderated site", ["moderated.test"], anonymous: true, downVotes: true);
            moderated["rules"] = new { moderation = new[] { new { rule = "personal-data" } } };
            WriteTenant("moderated", moderated);
            // Its own tenant, so switching thumbs-down off cannot surprise another test.
            WriteTenant("switches", Tenant("switches", "Switches site", ["switches.test"], anonymous: true, downVotes: true));
            // Its own tenant, so the suggestions are made from its ideas alone.
            WriteTenant("suggest", Tenant("suggest", "Suggestions site", ["suggest.test"], anonymous: false, downVotes: false));
            WriteTenant("analysed", Tenant("analysed", "Analysed site", ["analysed.test"], anonymous: false, downVotes: false));
        }
    }

    public static readonly TheoryData<string> Pages = new()
    {
        "/admin", "/admin/moderation", "/admin/moderation?view=hidden", "/admin/members", "/admin/settings", "/admin/audit",
        "/admin/responses", "/admin/ideas", "/admin/ideas/1/status", "/admin/challenges", "/admin/challenges/edit", "/admin/challenges/edit/waiting-well",
        "/admin/settings/rules", "/admin/settings/branding", "/admin/settings/challenges/waiting-well", "/admin/settings/challenges/waiting-well/idea-form",
        "/admin/theming", "/admin/theming?challenge=waiting-well", "/admin/theming?challenge=last-year",
        "/admin/suggestions", "/admin/suggestions?challenge=waiting-well",
        "/admin/updates",
        "/admin/numbers", "/admin/numbers?challenge=waiting-well", "/admin/news", "/admin/news/edit", "/admin/webhooks",
    };

    public static readonly TheoryData<string> Posts = new()
    {
        "/admin/moderation?handler=Approve", "/admin/moderation?handler=Reject", "/admin/moderation?handler=Hide",
        "/admin/moderation?handler=Dismiss", "/admin/moderation?view=hidden&handler=Restore",
        "/admin/members?handler=Block", "/admin/members?handler=Unblock", "/admin/members?handler=Role", "/admin/settings",
        "/admin/responses?handler=Assign", "/admin/ideas/1/status",
        "/admin/challenges?handler=Move", "/admin/challenges?handler=Archive", "/admin/challenges/edit", "/admin/challenges/edit/waiting-well",
        "/admin/settings/rules", "/admin/settings/rules?handler=Reset", "/admin/settings/branding", "/admin/settings/branding?handler=Reset",
        "/admin/settings/challenges/waiting-well", "/admin/settings/challenges/waiting-well?handler=Clear",
        "/admin/settings/challenges/waiting-well/idea-form", "/admin/settings/challenges/waiting-well/idea-form?handler=Reset",
        "/admin/theming?challenge=waiting-well&handler=Merge", "/admin/theming?challenge=waiting-well&handler=Undo",
        "/admin/theming?challenge=last-year&handler=CreateTheme", "/admin/theming?challenge=last-year&handler=EditTheme",
        "/admin/theming?challenge=last-year&handler=AddIdea", "/admin/theming?challenge=last-year&handler=RemoveIdea",
        "/admin/theming?challenge=last-year&handler=SetBigIdea", "/admin/theming?challenge=last-year&handler=CreateBigIdea",
        "/admin/theming?challenge=last-year&handler=EditBigIdea",
        "/admin/theming?challenge=last-year&handler=DeleteTheme", "/admin/theming?challenge=last-year&handler=DeleteBigIdea",
        "/admin/updates",
        "/admin/import?handler=Preview", "/admin/import?handler=Import",
        "/admin/theming?challenge=last-year&handler=MoveBigIdea",
        "/admin/news/edit", "/admin/news?handler=Publish",
        "/admin/suggestions?challenge=waiting-well&handler=Start", "/admin/suggestions?challenge=waiting-well&handler=Accept",
        "/admin/suggestions?challenge=waiting-well&handler=Rename", "/admin/suggestions?challenge=waiting-well&handler=Merge",
        "/admin/suggestions?challenge=waiting-well&handler=Reject",
    };

    /// <summary>Each admin page and the least-trusted role that may use it (the same grouping as the admin API).</summary>
    public static readonly TheoryData<string, string> PageRoles = new()
    {
        { "/admin", Roles.Champion },
        { "/admin/responses", Roles.Champion },
        { "/admin/ideas", Roles.CommunityManager },
        { "/admin/ideas/1/status", Roles.CommunityManager },
        { "/admin/moderation", Roles.Moderator },
        { "/admin/moderation?view=hidden", Roles.Moderator },
        { "/admin/members", Roles.Moderator },
        { "/admin/settings", Roles.Admin },
        { "/admin/audit", Roles.Admin },
        { "/admin/challenges", Roles.Admin },
        { "/admin/challenges/edit", Roles.Admin },
        { "/admin/challenges/edit/waiting-well", Roles.Admin },
        { "/admin/theming", Roles.CommunityManager },
        { "/admin/suggestions", Roles.CommunityManager },
        { "/admin/settings/rules", Roles.Admin },
        { "/admin/settings/branding", Roles.Admin },
        { "/admin/settings/challenges/waiting-well", Roles.Admin },
        { "/admin/settings/challenges/waiting-well/idea-form", Roles.Admin },
        { "/admin/updates", Roles.Admin },
        { "/admin/import", Roles.Admin },
        { "/admin/import?handler=Example", Roles.Admin },
        { "/admin/exports", Roles.Admin },
        { "/admin/exports?handler=Download&dataset=ideas&format=csv", Roles.Admin },
        { "/admin/exports?handler=Download", Roles.Admin },
        { "/admin/numbers", Roles.Champion },
        { "/admin/numbers?challenge=waiting-well", Roles.Champion },
        { "/admin/news", Roles.Admin },
        { "/admin/news/edit", Roles.Admin },
    };

    [Theory]
    [MemberData(nameof(PageRoles))]
    public async Task Each_admin_page_is_open_from_its_role_up_and_refused_to_the_role_below(string page, string least)
    {
        var ranked = Roles.All.ToList();
        var below = ranked[ranked.IndexOf(least) - 1];
        var (refused, _) = await With("alpha.test", below);
        var toBelow = await refused.GetPageAsync(page);
        toBelow.Status.Should().Be(HttpStatusCode.Forbidden, $"a {below} may not use {page}");
        toBelow.Html.Should().Contain("You cannot use this page");
        var author = (await With("alpha.test", Roles.Member)).Visitor;
        var idea = await author.PostIdeaAsync(title: "An idea so that idea pages exist");
        var (allowed, _) = await With("alpha.test", least);
        // Ideas are numbered per tenant; the status page is for a published one.
        var (status, _) = await allowed.GetPageAsync(page.Replace("/ideas/1/", $"/ideas/{idea}/", StringComparison.Ordinal));
        status.Should().Be(HttpStatusCode.OK, $"a {least} may use {page}");
        refused.Dispose();
        allowed.Dispose();
        author.Dispose();
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_admin_page_is_refused_to_visitors_members_and_admins_of_another_tenant(string page)
    {
        using var visitor = app.Visit("alpha.test");
        var toVisitor = await visitor.Http.GetAsync(page);
        toVisitor.StatusCode.Should().Be(HttpStatusCode.Redirect);
        toVisitor.Headers.Location!.AbsolutePath.Should().Be("/account/signin");

        var (member, _) = await With("alpha.test", Roles.Member);
        var toMember = await member.GetPageAsync(page);
        toMember.Status.Should().Be(HttpStatusCode.Forbidden);
        toMember.Html.Should().Contain("You cannot use this page");
        OneH1(toMember.Html);

        // Another tenant's admin, with the cookie their own site gave them, on this tenant's host.
        var (cookie, token) = await OtherTenantAdminAsync();
        using var withCookie = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://alpha.test/"), AllowAutoRedirect = false, HandleCookies = false });
        withCookie.DefaultRequestHeaders.Add("Cookie", cookie);
        var cookieResponse = await withCookie.GetAsync(page);
        cookieResponse.StatusCode.Should().Be(HttpStatusCode.Redirect, "a sign-in from another site is nobody here");
        cookieResponse.Headers.Location!.AbsolutePath.Should().Be("/account/signin");

        using var withToken = app.Visit("alpha.test");
        withToken.Http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        (await withToken.Http.GetAsync(page)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        member.Dispose();
    }

    [Theory]
    [MemberData(nameof(Posts))]
    public async Task Every_admin_form_post_is_refused_to_visitors_and_members(string action)
    {
        using var visitor = app.Visit("alpha.test");
        var fields = new Dictionary<string, string> { ["kind"] = "idea", ["id"] = "1", ["reason"] = "A good reason here", ["role"] = "admin", ["DownVotes"] = "true", ["status"] = "shortlisted", ["memberId"] = "1", ["slug"] = "waiting-well", ["direction"] = "up", ["title"] = "A title here", ["state"] = "archived" };
        var toVisitor = await visitor.PostFormWithoutTokenAsync(action, fields);
        toVisitor.StatusCode.Should().Be(HttpStatusCode.Redirect);
        toVisitor.Headers.Location!.AbsolutePath.Should().Be("/account/signin");

        // The member sends a valid anti-forgery token (from the API), so only the role stops them.
        var (member, _) = await With("alpha.test", Roles.Member);
        (await member.Http.PostAsync(action, new FormUrlEncodedContent(fields))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        member.Dispose();
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_page_renders_for_an_admin_with_one_h1_and_the_nhs_layout(string page)
    {
        var (admin, _) = await With("moderated.test", Roles.Admin, "Ada Admin");
        var (member, _) = await With("moderated.test", Roles.Member);
        await PostHeldAsync(member, "Ring 07700 900456 about this");

        if (page.Contains("/ideas/1/", StringComparison.Ordinal))
            page = page.Replace("/ideas/1/", $"/ideas/{await member.PostIdeaAsync(title: "An idea with a status")}/", StringComparison.Ordinal);
        var (status, html) = await admin.GetPageAsync(page);
        status.Should().Be(HttpStatusCode.OK);
        OneH1(html);
        html.Should().Contain("<html lang=\"en\">").And.Contain("class=\"nhsuk-skip-link\" href=\"#maincontent\"")
            .And.Contain("<main class=\"nhsuk-main-wrapper\" id=\"maincontent\"")
            .And.MatchRegex("href=\"/frontend/nhsuk/v-[0-9a-f]{12}/nhsuk-frontend.min.css\"", "nhsuk-frontend comes from its content-hashed address, kept for a year, as on the themes' pages");
        html.Should().Contain("Moderated site admin", "the header names the site").And.Contain("Ada Admin", "and who is signed in");
        html.Should().MatchRegex("<form class=\"nhsuk-header__account-form\" action=\"/account/signout\" method=\"post\"[^>]*>\\s*<button[^>]*>Sign out</button>\\s*<input name=\"__RequestVerificationToken\"");
        html.Should().Contain("aria-current=\"page\"", "the nav marks where you are");
        // The numbers page draws charts from script files; every page works without script, and none has inline script.
        html.Should().NotMatchRegex("<script(?![^>]*\\ssrc=\"/)", "the CSP forbids inline script").And.NotContain("style=\"", "the CSP forbids inline styles");
        if (!page.StartsWith("/admin/numbers", StringComparison.Ordinal)) html.Should().NotContain("<script", "the admin pages work without script");
        Labelled(html);
        admin.Dispose();
        member.Dispose();
    }

    [Fact]
    public async Task A_moderator_sees_a_held_idea_with_its_reason_but_not_the_number_and_approves_it_through_the_page()
    {
        var (moderator, _) = await With("moderated.test", Roles.Moderator, "Mo Derator");
        var (member, _) = await With("moderated.test", Roles.Member);
        var held = await PostHeldAsync(member, "Call me on 07700 900123 to talk it through");
        using var reader = app.Visit("moderated.test");
        (await reader.GetPageAsync($"/ideas/{held}")).Status.Should().Be(HttpStatusCode.NotFound, "held content is not public");

        var (status, html) = await moderator.GetPageAsync("/admin/moderation");
        status.Should().Be(HttpStatusCode.OK);
        var card = Card(html, "idea", held);
        card.Should().Contain("phone number", "the page says which rule held it").And.Contain("Held");
        // Not the bare "07700": a time on the page such as 19:30:30.0770000 contains it.
        html.Should().NotContain("07700 900123").And.NotContain("900123", "the admin pages do not spread the personal data that got it held");
        card.Should().Contain("action=\"/admin/moderation?handler=Approve\"");
        (await moderator.GetPageAsync("/admin")).Html.Should().MatchRegex("id=\"held-count\">[1-9]");

        var approve = await SubmitAsync(moderator, "/admin/moderation", "/admin/moderation?handler=Approve", new() { ["kind"] = "idea", ["id"] = $"{held}" });
        approve.StatusCode.Should().Be(HttpStatusCode.Redirect, "post, redirect, get");
        approve.Headers.Location!.OriginalString.Should().Be("/admin/moderation");
        var after = await moderator.GetPageAsync("/admin/moderation");
        after.Html.Should().Contain("nhsuk-notification-banner--success").And.Contain("Approved the idea");
        after.Html.Should().NotContain($"id=\"idea-{held}\"", "it has left the queue");
        (await moderator.GetPageAsync("/admin/moderation")).Html.Should().NotContain("nhsuk-notification-banner", "the banner shows once");

        (await reader.GetPageAsync($"/ideas/{held}")).Status.Should().Be(HttpStatusCode.OK, "approved content is public");
        member.Dispose();
        moderator.Dispose();
    }

    [Fact]
    public async Task Rejecting_without_a_reason_shows_the_error_keeps_what_was_typed_and_rejects_nothing()
    {
        var (moderator, _) = await With("moderated.test", Roles.Moderator);
        var (member, _) = await With("moderated.test", Roles.Member);
        var held = await PostHeldAsync(member, "Write to me at someone@example.com please");

        var response = await SubmitAsync(moderator, "/admin/moderation", "/admin/moderation?handler=Reject", new() { ["kind"] = "idea", ["id"] = $"{held}", ["reason"] = "No" });
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var html = await response.Content.ReadAsStringAsync();
        OneH1(html);
        html.Should().Contain("<title>Error: Moderation queue");
        html.Should().Contain("class=\"nhsuk-error-summary\"").And.Contain($"href=\"#reject-reason-idea-{held}\"").And.Contain("Give a reason");
        var card = Card(html, "idea", held);
        card.Should().Contain("nhsuk-form-group--error").And.Contain("class=\"nhsuk-error-message\"")
            .And.Contain("<details class=\"nhsuk-details\" open=\"open\"", "the form that failed is shown open")
            .And.MatchRegex($"<textarea[^>]*id=\"reject-reason-idea-{held}\"[^>]*>No</textarea>");
        html.Should().NotContain("someone@example.com");

        var reject = await SubmitAsync(moderator, "/admin/moderation", "/admin/moderation?handler=Reject",
            new() { ["kind"] = "idea", ["id"] = $"{held}", ["reason"] = "Please post it again without your email address." });
        reject.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await moderator.GetPageAsync("/admin/moderation")).Html.Should().Contain("Rejected the idea").And.NotContain($"id=\"idea-{held}\"");
        (await member.GetPageAsync($"/ideas/{held}")).Status.Should().Be(HttpStatusCode.NotFound);
        member.Dispose();
        moderator.Dispose();
    }

    [Fact]
    public async Task A_reported_idea_can_be_hidden_from_the_queue_with_a_reason()
    {
        var (moderator, _) = await With("alpha.test", Roles.Moderator);
        var (author, _) = await With("alpha.test", Roles.Member);
        var idea = await author.PostIdeaAsync(title: "An idea that gets reported");
        var (reporter, _) = await With("alpha.test", Roles.Member);
        await reporter.Http.PostAsJsonAsync($"api/v1/ideas/{idea}/report", new { reason = "off topic" });

        var card = Card((await moderator.GetPageAsync("/admin/moderation")).Html, "idea", idea);
        card.Should().Contain("Reported by 1 member").And.Contain("handler=Hide").And.NotContain("handler=Approve");

        var missing = await SubmitAsync(moderator, "/admin/moderation", "/admin/moderation?handler=Hide", new() { ["kind"] = "idea", ["id"] = $"{idea}", ["reason"] = "" });
        missing.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await missing.Content.ReadAsStringAsync()).Should().Contain($"href=\"#hide-reason-idea-{idea}\"");

        var hide = await SubmitAsync(moderator, "/admin/moderation", "/admin/moderation?handler=Hide", new() { ["kind"] = "idea", ["id"] = $"{idea}", ["reason"] = "Off topic for this challenge" });
        hide.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await author.GetPageAsync($"/ideas/{idea}")).Status.Should().Be(HttpStatusCode.NotFound);
        author.Dispose();
        reporter.Dispose();
        moderator.Dispose();
    }

    [Fact]
    public async Task A_moderator_finds_and_blocks_a_member_but_cannot_see_or_post_the_role_and_settings_forms()
    {
        var (moderator, _) = await With("alpha.test", Roles.Moderator);
        var name = $"Troll {Guid.NewGuid():N}"[..20];
        var (troll, trollId) = await With("alpha.test", Roles.Member, name);
        var idea = await troll.PostIdeaAsync(title: "A troll's idea");

        var (_, html) = await moderator.GetPageAsync($"/admin/members?q={Uri.EscapeDataString(name)}");
        html.Should().Contain(name).And.Contain($"id=\"block-reason-{trollId}\"");
        html.Should().NotContain("handler=Role").And.NotContain("name=\"role\"", "roles are for admins");

        var role = await SubmitAsync(moderator, "/admin/members", "/admin/members?handler=Role", new() { ["id"] = $"{trollId}", ["role"] = Roles.Admin });
        role.StatusCode.Should().Be(HttpStatusCode.Forbidden, "hiding the form is not what stops them");
        OneH1(await role.Content.ReadAsStringAsync());
        (await app.Services.GetRequiredService<IMemberStore>().FindByIdAsync("alpha", trollId))!.Role.Should().Be(Roles.Member);

        (await moderator.GetPageAsync("/admin/settings")).Status.Should().Be(HttpStatusCode.Forbidden);
        (await SubmitAsync(moderator, "/admin/members", "/admin/settings", new() { ["DownVotes"] = "true" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await moderator.GetPageAsync("/admin/audit")).Status.Should().Be(HttpStatusCode.Forbidden);
        foreach (var page in new[] { "/admin/settings/rules", "/admin/settings/branding", "/admin/settings/challenges/waiting-well" })
        {
            (await moderator.GetPageAsync(page)).Status.Should().Be(HttpStatusCode.Forbidden, $"{page} is for admins");
            (await SubmitAsync(moderator, "/admin/members", page, new() { ["voting"] = "built-in", ["Name"] = "Taken over" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        }
        (await moderator.GetPageAsync("/admin")).Html.Should().NotContain("/admin/settings").And.NotContain("/admin/audit");

        var missing = await SubmitAsync(moderator, $"/admin/members?q={Uri.EscapeDataString(name)}", "/admin/members?handler=Block",
            new() { ["id"] = $"{trollId}", ["reason"] = " ", ["q"] = name });
        missing.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var error = await missing.Content.ReadAsStringAsync();
        error.Should().Contain($"href=\"#block-reason-{trollId}\"").And.Contain(name, "the search is kept");

        var block = await SubmitAsync(moderator, "/admin/members", "/admin/members?handler=Block",
            new() { ["id"] = $"{trollId}", ["reason"] = "Repeated abuse of other members", ["q"] = name });
        block.StatusCode.Should().Be(HttpStatusCode.Redirect);
        block.Headers.Location!.OriginalString.Should().Be($"/admin/members?q={Uri.EscapeDataString(name)}");
        var after = (await moderator.GetPageAsync(block.Headers.Location.OriginalString)).Html;
        after.Should().Contain($"Blocked {name}: 1 item hidden.").And.Contain("nhsuk-tag--red");
        (await moderator.GetPageAsync($"/ideas/{idea}")).Status.Should().Be(HttpStatusCode.NotFound);
        moderator.Dispose();
        troll.Dispose();
    }

    [Fact]
    public async Task An_admin_changes_a_role_through_the_page_and_it_applies_at_the_next_sign_in()
    {
        var (admin, _) = await With("alpha.test", Roles.Admin);
        var (person, personId) = await With("alpha.test", Roles.Member, "Soon Promoted");
        (await person.GetPageAsync("/admin/moderation")).Status.Should().Be(HttpStatusCode.Forbidden);

        (await admin.GetPageAsync("/admin/members")).Html.Should().Contain($"id=\"role-{personId}\"");
        var wizard = await SubmitAsync(admin, "/admin/members", "/admin/members?handler=Role", new() { ["id"] = $"{personId}", ["role"] = "wizard" });
        wizard.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await wizard.Content.ReadAsStringAsync()).Should().Contain($"href=\"#role-{personId}\"").And.Contain("Role must be one of");

        var grant = await SubmitAsync(admin, "/admin/members", "/admin/members?handler=Role", new() { ["id"] = $"{personId}", ["role"] = Roles.Moderator });
        grant.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await admin.GetPageAsync("/admin/members")).Html.Should().Contain("Saved: Soon Promoted is now Moderator.");
        // A new role ends the member's sign-ins (a new security stamp); the next sign-in has the role.
        (await person.GetPageAsync("/admin/moderation")).Status.Should().Be(HttpStatusCode.Redirect);
        var email = (await app.Services.GetRequiredService<IMemberStore>().FindByIdAsync("alpha", personId))!.Email;
        (await person.Http.PostAsJsonAsync("api/v1/account/signin", new { email, password = "correct horse battery" })).EnsureSuccessStatusCode();
        (await person.GetPageAsync("/admin/moderation")).Status.Should().Be(HttpStatusCode.OK);
        admin.Dispose();
        person.Dispose();
    }

    [Fact]
    public async Task An_admin_turns_thumbs_down_off_and_the_public_idea_page_loses_its_down_button_at_once()
    {
        var (admin, _) = await With("switches.test", Roles.Admin, "Ada Admin");
        var (member, _) = await With("switches.test", Roles.Member);
        var idea = await member.PostIdeaAsync();
        (await member.GetPageAsync($"/ideas/{idea}")).Html.Should().Contain("vote-down");

        var (_, settings) = await admin.GetPageAsync("/admin/settings");
        settings.Should().MatchRegex("<input[^>]*id=\"downVotes\"[^>]*checked=\"checked\"").And.MatchRegex("<input[^>]*id=\"anonymousPosting\"[^>]*checked=\"checked\"");
        settings.Should().Contain("<label class=\"nhsuk-label nhsuk-checkboxes__label\" for=\"downVotes\">");
        settings.Should().Contain("Built in: thumbs up", "the site's rules are shown, read-only");

        // An unticked box is not sent at all, as a browser does.
        var save = await SubmitAsync(admin, "/admin/settings", "/admin/settings", new() { ["AnonymousPosting"] = "true" });
        save.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var after = (await admin.GetPageAsync("/admin/settings")).Html;
        after.Should().Contain("Settings saved").And.NotMatchRegex("<input[^>]*id=\"downVotes\"[^>]*checked").And.Contain("an admin turned it off");

        (await member.GetPageAsync($"/ideas/{idea}")).Html.Should().NotContain("vote-down");
        var audit = (await admin.GetPageAsync("/admin/audit?action=setting.changed")).Html;
        audit.Should().Contain("features.downVotes").And.Contain("on -&gt; off").And.Contain("Ada Admin");

        await SubmitAsync(admin, "/admin/settings", "/admin/settings", new() { ["AnonymousPosting"] = "true", ["DownVotes"] = "true" });
        (await member.GetPageAsync($"/ideas/{idea}")).Html.Should().Contain("vote-down");
        admin.Dispose();
        member.Dispose();
    }

    [Fact]
    public async Task The_settings_page_shows_the_rules_chosen_in_tenant_json()
    {
        var (admin, _) = await With("moderated.test", Roles.Admin);
        var html = (await admin.GetPageAsync("/admin/settings")).Html;
        Regex.Match(html, "<dl class=\"nhsuk-summary-list\" id=\"rules\">.*?</dl>", RegexOptions.Singleline).Value
            .Should().Contain("personal-data").And.Contain("Built in: thumbs up");
        admin.Dispose();
    }

    [Fact]
    public async Task The_audit_page_lists_the_actions_taken_newest_first_and_filters_by_action()
    {
        var (admin, _) = await With("moderated.test", Roles.Admin, "Audrey Admin");
        var (member, memberId) = await With("moderated.test", Roles.Member);
        var approved = await PostHeldAsync(member, "Text 07700 900789 for details");
        var rejected = await PostHeldAsync(member, "My postcode is SW1A 1AA");
        await SubmitAsync(admin, "/admin/moderation", "/admin/moderation?handler=Approve", new() { ["kind"] = "idea", ["id"] = $"{approved}" });
        await SubmitAsync(admin, "/admin/moderation", "/admin/moderation?handler=Reject", new() { ["kind"] = "idea", ["id"] = $"{rejected}", ["reason"] = "Please leave out your postcode." });
        await SubmitAsync(admin, "/admin/members", "/admin/members?handler=Role", new() { ["id"] = $"{memberId}", ["role"] = Roles.Champion });
        await SubmitAsync(admin, "/admin/members", "/admin/members?handler=Block", new() { ["id"] = $"{memberId}", ["reason"] = "Testing the audit log" });

        var (status, html) = await admin.GetPageAsync("/admin/audit");
        status.Should().Be(HttpStatusCode.OK);
        var actions = Regex.Matches(html, "data-action=\"([a-z.]+)\"").Select(m => m.Groups[1].Value).ToList();
        actions.Should().ContainInOrder("member.blocked", "role.granted", "content.rejected", "content.approved");
        html.Should().Contain($"idea {rejected}").And.Contain("Please leave out your postcode.").And.Contain("Audrey Admin");
        html.Should().NotContain("<form method=\"post\"", "nothing on the audit page is editable");

        var filtered = (await admin.GetPageAsync("/admin/audit?action=content.approved")).Html;
        Regex.Matches(filtered, "data-action=\"([a-z.]+)\"").Select(m => m.Groups[1].Value).Should().OnlyContain(a => a == "content.approved").And.NotBeEmpty();
        filtered.Should().Contain("<option value=\"content.approved\" selected=\"selected\">");
        admin.Dispose();
        member.Dispose();
    }

    [Fact]
    public async Task A_form_posted_without_the_anti_forgery_token_is_refused()
    {
        var (moderator, _) = await With("moderated.test", Roles.Moderator);
        var (member, _) = await With("moderated.test", Roles.Member);
        var held = await PostHeldAsync(member, "Phone 07700 900321");
        moderator.Http.DefaultRequestHeaders.Remove("X-CSRF-TOKEN");
        var response = await moderator.PostFormWithoutTokenAsync("/admin/moderation?handler=Approve", new() { ["kind"] = "idea", ["id"] = $"{held}" });
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await member.GetPageAsync($"/ideas/{held}")).Status.Should().Be(HttpStatusCode.NotFound, "nothing was approved");
        moderator.Dispose();
        member.Dispose();
    }

    [Fact]
    public async Task Under_a_path_prefix_every_link_and_form_stays_under_the_prefix()
    {
        var (admin, _) = await With("shared.test", Roles.Admin, tenantId: "gamma", prefix: "gamma/");
        var (member, _) = await With("shared.test", Roles.Member, tenantId: "gamma", prefix: "gamma/");
        var (status, html) = await admin.GetPageAsync("gamma/admin/members");
        status.Should().Be(HttpStatusCode.OK);
        html.Should().Contain("href=\"/gamma/admin/moderation\"").And.Contain("href=\"/gamma/admin/settings\"")
            .And.Contain("action=\"/gamma/account/signout\"").And.Contain("action=\"/gamma/admin/members?handler=Role\"");
        html.Should().NotMatchRegex("(href|action)=\"/(admin|account)", "no link escapes the prefix");

        var save = await SubmitAsync(admin, "gamma/admin/settings", "gamma/admin/settings", new() { ["DownVotes"] = "true" });
        save.StatusCode.Should().Be(HttpStatusCode.Redirect);
        save.Headers.Location!.OriginalString.Should().Be("/gamma/admin/settings");
        await SubmitAsync(admin, "gamma/admin/settings", "gamma/admin/settings", new());

        using var visitor = app.Visit("shared.test");
        var toVisitor = await visitor.Http.GetAsync("gamma/admin");
        toVisitor.Headers.Location!.PathAndQuery.Should().StartWith("/gamma/account/signin");
        admin.Dispose();
        member.Dispose();
    }

    [Fact]
    public async Task Signing_out_from_the_admin_header_signs_out()
    {
        var (admin, _) = await With("alpha.test", Roles.Admin);
        var signOut = await SubmitAsync(admin, "/admin", "/account/signout", new());
        signOut.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await admin.Http.GetAsync("/admin")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        admin.Dispose();
    }

    // ---- helpers ----

    private async Task<(Visitor Visitor, long Id)> With(string host, string role, string name = "Staff Member", string? tenantId = null, string prefix = "")
    {
        var visitor = app.Visit(host);
        long id;
        // Registration refuses names that pass for staff; staff get theirs with the role.
        var registeredAs = role == Roles.Member ? name : "Staff to be";
        if (prefix.Length == 0) id = await visitor.RegisterAsync(TestEmail.Unique(), registeredAs);
        else id = (await (await Visitor.RegisterAndSignInAsync(visitor.Http, TestEmail.Unique(), registeredAs, prefix: prefix)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        if (role != Roles.Member)
            await app.GrantAsync(tenantId ?? host.Split('.')[0], id, role, name);
        return (visitor, id);
    }

    /// <summary>An admin of beta: the sign-in cookie beta gave them, and a bearer token for beta.</summary>
    private async Task<(string Cookie, string Token)> OtherTenantAdminAsync()
    {
        var email = TestEmail.Unique();
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://beta.test/"), AllowAutoRedirect = false, HandleCookies = false });
        var register = await Visitor.RegisterAndSignInAsync(client, email, "Beta Lead");
        var id = (await register.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var members = app.Services.GetRequiredService<IMemberStore>();
        var member = (await members.FindByIdAsync("beta", id))!;
        member.Role = Roles.Admin;
        await members.UpdateAsync(member);
        var cookie = register.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".engine.signin=", StringComparison.Ordinal)).Split(';')[0];
        var token = await client.PostAsJsonAsync("api/v1/account/tokens", new { email, password = "correct horse battery" });
        return (cookie, (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!);
    }

    private static async Task<long> PostHeldAsync(Visitor member, string body)
    {
        var response = await member.Http.PostAsJsonAsync("api/v1/challenges/waiting-well/ideas", new { title = "An idea with details", body, anonymous = false });
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    /// <summary>
    /// Loads the page, then posts the fields with the anti-forgery token the page's forms carry, as a
    /// browser does. (Razor writes the token input as name-then-type, which Visitor.SubmitAsync's
    /// pattern for the themed pages does not expect.)
    /// </summary>
    private static async Task<HttpResponseMessage> SubmitAsync(Visitor visitor, string formPage, string action, Dictionary<string, string> fields)
    {
        var (status, html) = await visitor.GetPageAsync(formPage);
        status.Should().Be(HttpStatusCode.OK, $"the form page {formPage} should load");
        var token = TokenField().Match(html);
        token.Success.Should().BeTrue($"the page {formPage} should carry an anti-forgery token");
        var all = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value) };
        visitor.Http.DefaultRequestHeaders.Remove("X-CSRF-TOKEN");
        return await visitor.Http.PostAsync(action, new FormUrlEncodedContent(all));
    }

    /// <summary>The queue card for one item.</summary>
    private static string Card(string html, string kind, long id)
    {
        var start = html.IndexOf($"id=\"{kind}-{id}\"", StringComparison.Ordinal);
        start.Should().BePositive($"the queue should show {kind} {id}");
        var end = html.IndexOf("</li>", start, StringComparison.Ordinal);
        return html[start..end];
    }

    private static void OneH1(string html) => Regex.Matches(html, "<h1[ >]").Should().HaveCount(1, "a page has exactly one h1");

    /// <summary>Every visible input, select and textarea has a label pointing at its id.</summary>
    private static void Labelled(string html)
    {
        foreach (Match field in Regex.Matches(html, "<(input|select|textarea)\\b[^>]*>"))
        {
            if (Regex.IsMatch(field.Value, "type=\"hidden\"")) continue;
            var id = Regex.Match(field.Value, "\\bid=\"([^\"]+)\"");
            id.Success.Should().BeTrue($"{field.Value} needs an id for its label");
            html.Should().Contain($"for=\"{id.Groups[1].Value}\"", $"{field.Value} needs a label");
        }
    }

    [GeneratedRegex("<input(?=[^>]*name=\"__RequestVerificationToken\")[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
