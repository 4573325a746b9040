using Engine.Core.Email;
using Engine.Core.Ideas;
using Engine.Core.Tenancy;

namespace Engine.Web.Email;

/// <summary>
/// Every email the engine sends, with sample values, as its templates receive them: the theme checker renders each
/// part of each against these strictly, so a misspelt value in an email template is reported like one in a page.
/// Each email comes twice: with every value present, and with what may be absent left out (an anonymous author, no
/// note, an empty digest), since templates branch on both.
/// </summary>
public static class EmailSamples
{
    private const string Site = "https://ideas.example.nhs.uk";

    public static IReadOnlyList<(string Template, object Model)> All()
    {
        var tenant = new TenantDefinition { Id = "sample", Name = "Sample Region" };
        var idea = $"{Site}/ideas/1";
        var digest = new DigestActivity(
            [new DigestIdea(1, "Text reminders", "Waiting well", "Sam", DateTimeOffset.UnixEpoch), new DigestIdea(2, "Quiet rooms", "Waiting well", null, DateTimeOffset.UnixEpoch)],
            [new DigestDiscussion(1, "Text reminders", "Waiting well", 3)]);
        (EmailKind, EmailContent)[] emails =
        [
            (EmailKind.ConfirmEmail, EmailContents.ConfirmEmail("Sam", $"{Site}/account/confirm?token=t")),
            (EmailKind.ResetPassword, EmailContents.ResetPassword("Sam", $"{Site}/account/reset?token=t")),
            (EmailKind.ResetPassword, EmailContents.RegisteredAgain("Sam", $"{Site}/account/signin", $"{Site}/account/forgot")),
            (EmailKind.InactiveAccount, EmailContents.InactiveAccount("Sam", 24, 30, $"{Site}/account/signin")),
            (EmailKind.Reply, EmailContents.Reply("Sam", "Text reminders", "Ali", toComment: true, "I agree.\n\nAnd more.", idea)),
            (EmailKind.Reply, EmailContents.Reply("Sam", "Text reminders", null, toComment: false, "Yes.", idea)),
            (EmailKind.OfficialResponse, EmailContents.OfficialResponse("Sam", "Text reminders", "The community team", "Thank you.", idea)),
            (EmailKind.StatusChange, EmailContents.StatusChange("Sam", "Text reminders", "Ali", IdeaStatus.UnderReview, "We are looking at it.", idea)),
            (EmailKind.StatusChange, EmailContents.StatusChange("Sam", "Text reminders", null, IdeaStatus.UnderReview, null, idea)),
            (EmailKind.StatusChange, EmailContents.JoinedBigIdea("Sam", "Text reminders", "Ali", "Better waiting", idea, $"{Site}/big-ideas/1")),
            (EmailKind.StatusChange, EmailContents.JoinedBigIdea("Sam", "Text reminders", null, "Better waiting", idea, $"{Site}/big-ideas/1")),
            (EmailKind.AdminUpdate, EmailContents.AdminUpdate("Sam", "News from the challenge", "The challenge closes on Friday.\n\nThank you.")),
            (EmailKind.Digest, EmailContents.Digest("Sam", DigestFrequency.Daily, digest, Site)),
            (EmailKind.Digest, EmailContents.Digest("Sam", DigestFrequency.Weekly, new DigestActivity([], []), Site)),
        ];
        // The subject is rendered first, without a subject; the text and HTML parts then show it.
        return
        [
            .. emails.Select(e => (e.Item2.Template, ThemedEmails.EmailModel(tenant, Site, e.Item1, e.Item2, null, $"{Site}/email/unsubscribe?token=t"))),
            .. emails.Select(e => (e.Item2.Template, ThemedEmails.EmailModel(tenant, Site, e.Item1, e.Item2, "A subject", e.Item1.IsAccount() ? null : $"{Site}/email/unsubscribe?token=t"))),
        ];
    }
}
