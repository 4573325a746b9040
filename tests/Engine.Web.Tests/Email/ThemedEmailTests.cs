using Engine.Core.Email;
using Engine.Core.Ideas;
using Engine.Core.Members;
using Engine.Core.Tenancy;
using Engine.Web.Tenancy;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Engine.Web.Tests.Email;

/// <summary>
/// The engine with a site on each kind of theme set-up: beta on base, delta on nhs, alpha on base with its own plain text for
/// replies, gamma on base with an HTML reply template that fails when it runs, epsilon with a reply template that does not
/// parse. Its log is captured.
/// </summary>
public sealed class ThemedMailApp : MailApp
{
    public LogCapture Log { get; } = new();

    public ThemedMailApp()
    {
        WriteTenant("delta", Tenant("delta", "Delta Care Voices", ["delta.test"], anonymous: true, downVotes: false, theme: "nhs"));
        Override("alpha", "emails/reply.sbn-txt", "{{ name }}, a reply on {{ idea_title }} waits for you at alpha: {{ url }}\n");
        // Parses, and the theme checker's sample reply (on another idea) does not reach the broken branch, so the chain is
        // served; it fails when a reply on "Ward wifi" runs it (there is no such function).
        Override("gamma", "emails/reply.sbn-html", "<p>Hello {{ name }},</p>\n{{ if idea_title == 'Ward wifi' }}<p>{{ no_such_function() }}</p>{{ end }}\n");
        // Does not parse: the theme checker refuses the tenant's whole chain.
        WriteTenant("epsilon", Tenant("epsilon", "Epsilon Ideas", ["epsilon.test"], anonymous: false, downVotes: false));
        Override("epsilon", "emails/reply.sbn-txt", "Hello {{ if name }}\n");
    }

    public string OverridePath(string tenant, string file) => Path.Combine(TenantsPath, tenant, "overrides", file);

    private void Override(string tenant, string file, string text)
    {
        var path = OverridePath(tenant, file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    public TenantDefinition Site(string id) => Services.GetRequiredService<TenantRegistry>().Current.Find(id)
        ?? throw new InvalidOperationException($"no tenant {id}");

    public ComposedEmail Compose(string tenant, EmailKind kind, EmailContent content) =>
        Services.GetRequiredService<IEmailComposer>().Compose(Site(tenant), kind, content, $"http://{tenant}.test/email/unsubscribe?token=t");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(Log));
    }
}

/// <summary>Emails are worded by the site's theme: subject, plain text and HTML, each from the theme's templates (docs/emails.md).</summary>
public sealed class ThemedEmailTests(ThemedMailApp app) : IClassFixture<ThemedMailApp>
{
    private static readonly DigestActivity Activity = new(
        [
            new DigestIdea(3, "Evening clinics", "Waiting well", "Nia Named", DateTimeOffset.UnixEpoch),
            new DigestIdea(4, "Chaperones by text", "Waiting well", null, DateTimeOffset.UnixEpoch),
            new DigestIdea(9, "Cycle parking", "Green travel", "Sam", DateTimeOffset.UnixEpoch),
        ],
        [new DigestDiscussion(3, "Evening clinics", "Waiting well", 2)]);

    /// <summary>Every email the engine sends, with a phrase of its own that both parts must carry.</summary>
    public static TheoryData<string, EmailKind, string> Kinds => new()
    {
        { "confirm-email", EmailKind.ConfirmEmail, "/account/confirm-email?member=1" },
        { "reset-password", EmailKind.ResetPassword, "/account/reset-password?member=1" },
        { "registered-again", EmailKind.ResetPassword, "/account/signin" },
        { "reply", EmailKind.Reply, "Evenings would help shift workers." },
        { "official-response", EmailKind.OfficialResponse, "We will pilot free carer parking." },
        { "status-change", EmailKind.StatusChange, "We are costing it." },
        { "joined-big-idea", EmailKind.StatusChange, "One list for the region" },
        { "admin-update", EmailKind.AdminUpdate, "The shortlist comes out next month." },
        { "digest", EmailKind.Digest, "Chaperones by text" },
    };

    private static EmailContent Content(string template, string site) => template switch
    {
        "confirm-email" => EmailContents.ConfirmEmail("Pat", $"{site}/account/confirm-email?member=1&token=a"),
        "reset-password" => EmailContents.ResetPassword("Pat", $"{site}/account/reset-password?member=1&token=a"),
        "registered-again" => EmailContents.RegisteredAgain("Pat", $"{site}/account/signin", $"{site}/account/reset-password?member=1&token=a"),
        "reply" => EmailContents.Reply("Pat", "Evening clinics", "Colm", false, "Evenings would help shift workers.", $"{site}/ideas/3#comment-7"),
        "official-response" => EmailContents.OfficialResponse("Pat", "Parking for carers", "Cham Pion", "We will pilot free carer parking.", $"{site}/ideas/5#comment-8"),
        "status-change" => EmailContents.StatusChange("Pat", "Discharge texts", null, IdeaStatus.UnderReview, "We are costing it.", $"{site}/ideas/1"),
        "joined-big-idea" => EmailContents.JoinedBigIdea("Pat", "Shared lists", null, "One list for the region", $"{site}/ideas/1", $"{site}/big-ideas/2"),
        "admin-update" => EmailContents.AdminUpdate("Pat", "Thank you", "We read every idea.\nThe shortlist comes out next month."),
        "digest" => EmailContents.Digest("Pat", DigestFrequency.Weekly, Activity, site),
        _ => throw new ArgumentOutOfRangeException(nameof(template)),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Each_email_has_a_subject_a_plain_text_and_an_html_part_from_the_base_theme_and_the_nhs_theme(string template, EmailKind kind, string phrase)
    {
        var onBase = app.Compose("beta", kind, Content(template, "http://beta.test"));
        var onNhs = app.Compose("delta", kind, Content(template, "http://delta.test"));

        // nhs builds on base: the same words, in its own brand.
        onNhs.Subject.Should().Be(onBase.Subject.Replace("Beta", "Delta"));
        onNhs.Text.Should().Be(onBase.Text.Replace("beta.test", "delta.test").Replace("Beta", "Delta"));
        foreach (var (email, site) in new[] { (onBase, "beta"), (onNhs, "delta") })
        {
            email.Subject.Should().NotBeNullOrWhiteSpace().And.NotContain("\n");
            email.Text.Should().StartWith("Hello Pat,\n").And.Contain(phrase).And.Contain($"\n\n--\n").And.EndWith($"http://{site}.test/email/unsubscribe?token=t\n");
            email.Html.Should().StartWith("<!DOCTYPE html>").And.Contain("<html lang=\"en-GB\">")
                .And.Contain($"<title>{Encoded(email.Subject)}</title>")
                .And.Contain("<h1").And.Contain("<p>Hello Pat,</p>").And.Contain(Encoded(phrase))
                .And.Contain($"<a href=\"http://{site}.test/account/email\"").And.Contain($"<a href=\"http://{site}.test/email/unsubscribe?token&#x3D;t\"")
                .And.NotContain("<table");
        }
        onBase.Html.Should().Contain("border-bottom:4px solid #123456").And.NotContain("background-color:#f0f4f5");
        // The nhs header band takes the site's colour, as its pages' header does, with the site's name in it.
        onNhs.Html.Should().Contain("<div style=\"background-color:#123456;padding:16px;\">").And.Contain("color:#ffffff;\">Delta Care Voices</p>")
            .And.Contain("background-color:#f0f4f5");
    }

    /// <summary>As the themes encode every value in HTML: the usual five characters, and = and ` too.</summary>
    private static string Encoded(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;")
        .Replace("'", "&#x27;").Replace("`", "&#x60;").Replace("=", "&#x3D;");

    [Fact]
    public void The_digest_groups_new_ideas_by_challenge_and_shows_anonymous_authors_as_Anonymous_word_for_word()
    {
        var email = app.Compose("beta", EmailKind.Digest, EmailContents.Digest("Dee", DigestFrequency.Weekly, Activity, "https://north.example"));

        email.Subject.Should().Be("Beta Care Voices: your weekly digest");
        email.Text.Should().Be("""
            Hello Dee,

            Here is what happened on Beta Care Voices in the challenges and ideas you follow this week.

            New ideas in “Waiting well”:
            - Evening clinics (by Nia Named)
              https://north.example/ideas/3
            - Chaperones by text (by Anonymous)
              https://north.example/ideas/4

            New ideas in “Green travel”:
            - Cycle parking (by Sam)
              https://north.example/ideas/9

            New comments:
            - Evening clinics (Waiting well): 2 new comments
              https://north.example/ideas/3

            --
            You get this email because you chose the digest of challenges you follow on Beta Care Voices.
            Choose which emails you get: http://beta.test/account/email
            Unsubscribe from the digest of challenges you follow: http://beta.test/email/unsubscribe?token=t

            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_status_email_about_an_anonymous_idea_names_no_author_and_quotes_the_note()
    {
        var email = app.Compose("beta", EmailKind.StatusChange,
            EmailContents.StatusChange("Fay", "Discharge texts", null, IdeaStatus.ScaleAndSpread, "Rolling out\nin spring", "https://x/ideas/1"));
        email.Subject.Should().Be("“Discharge texts” is now: Scale and spread");
        email.Text.Should().Contain("By: Anonymous").And.Contain("Status: Scale and spread\n\nUpdate from the team:\n> Rolling out\n> in spring\n\nSee the idea: https://x/ideas/1\n");
        email.Html.Should().Contain("By: Anonymous").And.Contain("Rolling out<br>in spring");

        var withoutNote = app.Compose("beta", EmailKind.StatusChange, EmailContents.StatusChange("Fay", "Discharge texts", "Al", IdeaStatus.UnderReview, null, "https://x/ideas/1"));
        withoutNote.Text.Should().Contain("By: Al\nStatus: Under review\n\nSee the idea: https://x/ideas/1\n").And.NotContain("Update from the team");
    }

    [Fact]
    public void Every_email_ends_with_why_it_came_and_how_to_stop_it()
    {
        app.Compose("beta", EmailKind.Reply, EmailContents.Reply("Pat", "Ward wifi", "Sam", true, "Yes", "https://x/ideas/1")).Text.Should().EndWith("""
            Read it and reply: https://x/ideas/1

            --
            You get this email because you chose replies to your ideas and comments on Beta Care Voices.
            Choose which emails you get: http://beta.test/account/email
            Unsubscribe from replies to your ideas and comments: http://beta.test/email/unsubscribe?token=t

            """.ReplaceLineEndings("\n"));
        app.Compose("beta", EmailKind.ConfirmEmail, EmailContents.ConfirmEmail("Pat", "https://x/c")).Text.Should().EndWith("""
            --
            You get this email because someone asked for it on Beta Care Voices.
            Choose which emails you get: http://beta.test/account/email
            Stop all other emails from Beta Care Voices: http://beta.test/email/unsubscribe?token=t

            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_tenants_override_of_one_email_template_changes_that_tenants_emails_only()
    {
        var reply = EmailContents.Reply("Pat", "Ward wifi", "Sam", false, "Yes please", "http://x.test/ideas/1");

        var alpha = app.Compose("alpha", EmailKind.Reply, reply);
        var beta = app.Compose("beta", EmailKind.Reply, reply);

        alpha.Text.Should().StartWith("Pat, a reply on Ward wifi waits for you at alpha: http://x.test/ideas/1\n\n--\n");
        beta.Text.Should().StartWith("Hello Pat,\n\nSam commented on your idea “Ward wifi”:\n\n> Yes please\n");
        // Only the plain text was overridden: alpha's subject and HTML part are still base's.
        alpha.Subject.Should().Be(beta.Subject);
        alpha.Html.Should().Be(beta.Html.Replace("beta.test", "alpha.test").Replace("Beta Care Voices", "Alpha Health Ideas"));
        app.Compose("alpha", EmailKind.Digest, EmailContents.Digest("Pat", DigestFrequency.Daily, Activity, "http://alpha.test")).Text.Should().StartWith("Hello Pat,");
    }

    [Fact]
    public void An_email_whose_override_fails_is_worded_by_the_base_theme_and_the_failure_is_logged_with_file_and_line()
    {
        var reply = EmailContents.Reply("Pat", "Ward wifi", "Sam", false, "Yes please", "http://shared.test/gamma/ideas/1");

        var email = app.Compose("gamma", EmailKind.Reply, reply);

        email.Html.Should().Contain("<p>Sam commented on your idea “Ward wifi”:</p>").And.Contain("Yes please").And.Contain("Read it and reply</a>");
        email.Text.Should().Contain("> Yes please");
        app.Log.Entries.Should().Contain(e => e.Level == LogLevel.Error
            && e.Message.Contains("Email reply of gamma failed in theme base")
            && e.Message.Contains(app.OverridePath("gamma", "emails/reply.sbn-html") + " line 2")
            && e.Message.Contains("worded by the base theme instead"));
    }

    [Fact]
    public void An_email_whose_override_does_not_parse_is_worded_by_the_base_theme_and_the_theme_checker_logs_the_file()
    {
        var reply = EmailContents.Reply("Pat", "Ward wifi", "Sam", false, "Yes please", "http://epsilon.test/ideas/1");

        var email = app.Compose("epsilon", EmailKind.Reply, reply);

        email.Text.Should().StartWith("Hello Pat,\n\nSam commented on your idea “Ward wifi”:\n\n> Yes please\n");
        app.Log.Entries.Should().Contain(e => e.Level == LogLevel.Error && e.Message.Contains("THEME-COMPILE")
            && e.Message.Contains(app.OverridePath("epsilon", "emails/reply.sbn-txt")));
    }

    [Fact]
    public async Task A_reply_email_carries_both_parts_with_the_commenters_name_and_words_encoded_in_html_and_intact_in_text()
    {
        var author = await ConfirmedAsync("delta.test", "Ada Author");
        var commenter = await app.RegisteredAsync("delta.test", "Cal Commenter");
        await app.GrantAsync("delta", commenter.Id, Roles.Member, "<script>alert('name')</script> Cal");
        var ideaId = await author.Visitor.PostIdeaAsync("Quiet rooms for staff");

        await commenter.CommentAsync(ideaId, "Yes <img src=x onerror=alert(1)> & \"please\"\nsecond line");

        var mail = await app.Smtp.WaitForKindAsync(author.Email, "replies");
        mail.Header("Content-Type").Should().StartWith("multipart/alternative");
        mail.Body.Should().Contain("<script>alert('name')</script> Cal commented on your idea “Quiet rooms for staff”:")
            .And.Contain("> Yes <img src=x onerror=alert(1)> & \"please\"\n> second line");
        mail.Html.Should().NotBeNull();
        mail.Html.Should().Contain("&lt;script&gt;alert(&#x27;name&#x27;)&lt;/script&gt; Cal commented on your idea")
            .And.Contain("Yes &lt;img src&#x3D;x onerror&#x3D;alert(1)&gt; &amp; &quot;please&quot;<br>second line")
            .And.NotContain("<script").And.NotContain("<img")
            .And.Contain("color:#ffffff;\">Delta Care Voices</p>");
    }

    /// <summary>Registered, with the address confirmed in the store (as the confirmation link does), so that they get more than account emails.</summary>
    private async Task<Person> ConfirmedAsync(string host, string name)
    {
        var person = await app.RegisteredAsync(host, name);
        var members = app.Services.GetRequiredService<IMemberStore>();
        var member = (await members.FindByIdAsync(host.Split('.')[0], person.Id))!;
        member.EmailConfirmed = true;
        await members.UpdateAsync(member);
        return person;
    }
}
