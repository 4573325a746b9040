using System.Net;
using System.Net.Http.Json;
using Dapper;
using Engine.Core.Email;
using Engine.Core.Members;
using Engine.Web.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace Engine.Web.Tests.Languages;

/// <summary>
/// Emails go out in the member's language where the site offers it: the one they chose, else the one the page they
/// asked from was in; the subject, both parts and the footer alike. A language the site does not offer gets the site's.
/// </summary>
public class EmailLanguageTests(LanguageChoiceTests.App app) : IClassFixture<LanguageChoiceTests.App>
{
    private async Task<(string Subject, string Body, string Html)> LastEmailToAsync(string address)
    {
        await using var c = app.Services.GetRequiredService<Engine.Data.Database>().OpenReader();
        return await c.QuerySingleAsync<(string, string, string)>(
            "SELECT subject, body, html_body FROM email_outbox WHERE to_address = @address ORDER BY id DESC LIMIT 1", new { address });
    }

    [Fact]
    public async Task A_member_who_chose_Welsh_gets_a_reply_email_in_Welsh_and_one_who_chose_English_in_English()
    {
        var welshEmail = TestEmail.Unique("cy");
        var (author, authorId) = await app.MemberAsync("cymru.test", Roles.Member, "Nia Awdur", welshEmail);
        await app.ConfirmEmailAsync("cymru", authorId);
        (await author.GetPageAsync("/challenges/waiting-well?lang=cy")).Status.Should().Be(HttpStatusCode.OK);
        var idea = await author.PostIdeaAsync("Clinigau gyda'r nos");
        var (replier, _) = await app.MemberAsync("cymru.test", Roles.Member, "Rhys Replier");
        (await replier.Http.PostAsJsonAsync($"api/v1/ideas/{idea}/comments", new { body = "Syniad da iawn" })).StatusCode.Should().Be(HttpStatusCode.Created);

        var (subject, body, html) = await LastEmailToAsync(welshEmail);
        subject.Should().Be("Sylw newydd ar eich syniad “Clinigau gyda'r nos”");
        body.Should().StartWith("Helo Nia Awdur,").And.Contain("Rhoddodd Rhys Replier sylw ar eich syniad “Clinigau gyda'r nos”:")
            .And.Contain("Darllen ac ateb: ").And.Contain("Rydych yn cael yr e-bost hwn oherwydd i chi ddewis atebion i'ch syniadau a'ch sylwadau ar Cymru Ideas.")
            .And.NotContain("Hello").And.NotContain("You get this email");
        html.Should().Contain("<html lang=\"cy-GB\">").And.Contain("Dewiswch pa e-byst rydych yn eu cael");

        var englishEmail = TestEmail.Unique("en");
        var (english, englishId) = await app.MemberAsync("cymru.test", Roles.Member, "Ed English", englishEmail);
        await app.ConfirmEmailAsync("cymru", englishId);
        (await english.GetPageAsync("/?lang=en")).Status.Should().Be(HttpStatusCode.OK);
        var second = await english.PostIdeaAsync("Evening clinics");
        (await replier.Http.PostAsJsonAsync($"api/v1/ideas/{second}/comments", new { body = "Good one" })).StatusCode.Should().Be(HttpStatusCode.Created);
        var (englishSubject, englishBody, _) = await LastEmailToAsync(englishEmail);
        englishSubject.Should().Be("New comment on your idea “Evening clinics”");
        englishBody.Should().StartWith("Hello Ed English,").And.Contain("You get this email because you chose replies to your ideas and comments on Cymru Ideas.");
    }

    [Fact]
    public async Task A_status_change_names_the_status_in_the_member_s_language()
    {
        var welshEmail = TestEmail.Unique("statws");
        var (author, authorId) = await app.MemberAsync("cymru.test", Roles.Member, "Nia Statws", welshEmail);
        await app.ConfirmEmailAsync("cymru", authorId);
        (await author.GetPageAsync("/?lang=cy")).Status.Should().Be(HttpStatusCode.OK);
        var idea = await author.PostIdeaAsync("Ystafell dawel");
        var (manager, _) = await app.MemberAsync("cymru.test", Roles.CommunityManager, "Mo Manager");
        (await manager.Http.PutAsJsonAsync($"api/v1/admin/ideas/{idea}/status", new { status = "under-review", note = "Rydym yn ei gostio." }))
            .StatusCode.Should().Be(HttpStatusCode.OK);

        var (subject, body, html) = await LastEmailToAsync(welshEmail);
        subject.Should().Be("Mae “Ystafell dawel” bellach yn: Wrthi'n cael ei adolygu");
        body.Should().Contain("Statws: Wrthi'n cael ei adolygu").And.NotContain("Under review");
        html.Should().Contain("<strong>Wrthi&#x27;n cael ei adolygu</strong>");
    }

    [Fact]
    public async Task Someone_who_registers_from_a_Welsh_page_gets_the_confirmation_email_in_Welsh()
    {
        using var visitor = app.Visit("cymru.test");
        visitor.Http.DefaultRequestHeaders.Add("Accept-Language", "cy");
        var email = TestEmail.Unique("newcy");
        (await visitor.Http.PostAsJsonAsync("api/v1/account/register", new { email, password = "correct horse battery", displayName = "Gwen Newydd" }))
            .StatusCode.Should().Be(HttpStatusCode.Accepted);
        var (subject, body, _) = await LastEmailToAsync(email);
        subject.Should().Be("Cadarnhewch eich cyfeiriad e-bost ar gyfer Cymru Ideas");
        body.Should().StartWith("Helo Gwen Newydd,").And.Contain("Rydych yn cael yr e-bost hwn oherwydd i rywun ofyn amdano ar Cymru Ideas.");
    }

    [Fact]
    public void A_language_the_site_does_not_offer_gets_the_sites_own()
    {
        var tenant = app.Services.GetRequiredService<TenantRegistry>().Current.Find("cymru")!;
        var content = EmailContents.ResetPassword("Pat", "http://cymru.test/account/reset-password?member=1&token=t");
        var composer = app.Services.GetRequiredService<IEmailComposer>();
        composer.Compose(tenant, EmailKind.ResetPassword, content, null, "fr-FR").Subject.Should().Be("Reset your password for Cymru Ideas");
        composer.Compose(tenant, EmailKind.ResetPassword, content, null, "cy").Subject.Should().Be("Ailosod eich cyfrinair ar gyfer Cymru Ideas");
        composer.Compose(tenant, EmailKind.ResetPassword, content, null).Subject.Should().Be("Reset your password for Cymru Ideas");
    }
}
