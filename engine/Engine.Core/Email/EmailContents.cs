using Engine.Core.Ideas;

namespace Engine.Core.Email;

/// <summary>
/// What an email says before a theme words it: the theme's templates for it (<c>emails/&lt;Template&gt;.sbn-subject</c>,
/// <c>.sbn-txt</c> and <c>.sbn-html</c>) and the values they show. <see cref="Values"/> is an anonymous object, read by
/// templates under snake_case names (<c>IdeaTitle</c> is <c>idea_title</c>); docs/emails.md lists each email's.
/// </summary>
public sealed record EmailContent(string Template, object Values);

/// <summary>The subject, plain text and HTML of an email, as the site's theme words them.</summary>
public sealed record ComposedEmail(string Subject, string Text, string Html);

/// <summary>
/// Words an email in the site's theme, with the footer every email ends with (why it came, and how to stop it).
/// Core decides who gets what; rendering themes is the web host's (Core does not reference Engine.Themes).
/// </summary>
public interface IEmailComposer
{
    /// <param name="unsubscribeUrl">The one-click link for this member and kind, which the footer shows.</param>
    /// <param name="language">The member's language (a culture name), or null for the site's: the email is worded in it where the site offers it.</param>
    ComposedEmail Compose(Tenancy.TenantDefinition tenant, EmailKind kind, EmailContent content, string? unsubscribeUrl, string? language = null);
}

/// <summary>
/// The values of every email. Pure functions, so what an email carries is decided without a theme. An anonymous
/// contribution is never named here: callers pass null for its author, and the templates say "Anonymous" or "someone".
/// Absent values are null, never "" (in templates an empty string is true); collections are lists, not arrays (templates
/// ask <c>discussions.size</c>, which Scriban answers for lists only). The site's name and the footer's links are the
/// composer's, shown by every email's layout.
/// </summary>
public static class EmailContents
{
    public const int QuoteMax = 600;

    public static EmailContent ConfirmEmail(string name, string confirmUrl) =>
        new("confirm-email", new { Name = name, ConfirmUrl = confirmUrl });

    public static EmailContent ResetPassword(string name, string resetUrl) =>
        new("reset-password", new { Name = name, ResetUrl = resetUrl });

    /// <summary>To the owner of an address someone tried to register again: the register form says the same for a new address, so it cannot tell who has an account.</summary>
    public static EmailContent RegisteredAgain(string name, string signInUrl, string resetUrl) =>
        new("registered-again", new { Name = name, SignInUrl = signInUrl, ResetUrl = resetUrl });

    /// <summary>To a member whose account nobody has used for <paramref name="months"/> months: it is deleted after <paramref name="days"/> days unless they sign in.</summary>
    public static EmailContent InactiveAccount(string name, int months, int days, string signInUrl) =>
        new("inactive-account", new { Name = name, Months = months, Days = days, SignInUrl = signInUrl });

    /// <param name="replierName">The replier's display name, or null when they replied anonymously.</param>
    /// <param name="toComment">True for a reply to the member's comment; false for a comment on their idea.</param>
    public static EmailContent Reply(string name, string ideaTitle, string? replierName, bool toComment, string text, string url) =>
        new("reply", new { Name = name, IdeaTitle = ideaTitle, ReplierName = replierName, ToComment = toComment, Quote = Quoted(text), Url = url });

    public static EmailContent OfficialResponse(string name, string ideaTitle, string responderName, string text, string url) =>
        new("official-response", new { Name = name, IdeaTitle = ideaTitle, ResponderName = responderName, Quote = Quoted(text), Url = url });

    /// <param name="authorName">The idea's author, or null when it was posted anonymously.</param>
    public static EmailContent StatusChange(string name, string ideaTitle, string? authorName, IdeaStatus status, string? note, string url) =>
        new("status-change", new
        {
            // The key lets a theme word the status in the email's language (email.status-name.<key>); the label is English.
            Name = name, IdeaTitle = ideaTitle, AuthorName = authorName, Status = IdeaStatuses.LabelOf(status), StatusKey = status.Key(),
            Note = string.IsNullOrWhiteSpace(note) ? null : Quoted(note), Url = url,
        });

    public static EmailContent JoinedBigIdea(string name, string ideaTitle, string? authorName, string bigIdeaTitle, string ideaUrl, string bigIdeaUrl) =>
        new("joined-big-idea", new { Name = name, IdeaTitle = ideaTitle, AuthorName = authorName, BigIdeaTitle = bigIdeaTitle, IdeaUrl = ideaUrl, BigIdeaUrl = bigIdeaUrl });

    public static EmailContent AdminUpdate(string name, string subject, string body) =>
        new("admin-update", new { Name = name, Update = new { Subject = subject, Text = body.Trim(), Lines = Lines(body.Trim()) } });

    /// <summary>New ideas grouped by challenge, in the order the store gave them, and the discussions with new comments.</summary>
    public static EmailContent Digest(string name, DigestFrequency frequency, DigestActivity activity, string siteUrl) =>
        new("digest", new
        {
            Name = name,
            Daily = frequency == DigestFrequency.Daily,
            Challenges = activity.NewIdeas.GroupBy(i => i.ChallengeTitle).Select(c => new
            {
                Title = c.Key,
                Ideas = c.Select(i => new { i.Title, i.AuthorName, Url = $"{siteUrl}/ideas/{i.Id}" }).ToList(),
            }).ToList(),
            Discussions = activity.Discussions.Select(d => new { d.Title, d.ChallengeTitle, d.NewComments, Url = $"{siteUrl}/ideas/{d.IdeaId}" }).ToList(),
        });

    /// <summary>
    /// A member's words as an email shows them, cut short (the whole text is a click away): <c>Text</c> quoted as
    /// plain-text email does, and its <c>Lines</c> for the HTML part.
    /// </summary>
    private static object Quoted(string text) => new { Text = Quote(text), Lines = Lines(Cut(text)) };

    public static string Quote(string text) =>
        string.Join('\n', Lines(Cut(text)).Select(l => l.Length == 0 ? ">" : "> " + l));

    private static string Cut(string text)
    {
        var t = text.Trim();
        return t.Length > QuoteMax ? t[..QuoteMax].TrimEnd() + "…" : t;
    }

    private static List<string> Lines(string text) => [.. text.ReplaceLineEndings("\n").Split('\n')];
}
