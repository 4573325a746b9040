using System.Text;
using Engine.Core.Ideas;

namespace Engine.Core.Email;

/// <summary>
/// The words of every email, as plain text (readable in any mail client, by screen readers, and in the .eml files).
/// Pure functions, so what an email says is tested without sending it. An anonymous contribution is never
/// named here: callers pass null for its author, and the text says "Anonymous" or "someone".
/// </summary>
public static class EmailTexts
{
    public const int QuoteMax = 600;

    public sealed record Text(string Subject, string Body);

    public static Text ConfirmEmail(string siteName, string name, string confirmUrl) => new(
        $"Confirm your email address for {siteName}",
        $"""
        Hello {name},

        Please confirm that this is your email address, so that {siteName} can send you replies, updates on ideas you follow and your digest:

        {confirmUrl}

        If you did not create an account on {siteName}, you can ignore this email: nothing more will be sent to this address unless it is confirmed.
        """);

    public static Text ResetPassword(string siteName, string name, string resetUrl) => new(
        $"Reset your password for {siteName}",
        $"""
        Hello {name},

        Someone (we hope you) asked to reset the password of your account on {siteName}. To choose a new password, open this link within a day:

        {resetUrl}

        If you did not ask, ignore this email: your password stays as it is.
        """);

    /// <summary>To the owner of an address someone tried to register again: the register form says the same for a new address, so it cannot tell who has an account.</summary>
    public static Text RegisteredAgain(string siteName, string name, string signInUrl, string resetUrl) => new(
        $"Someone tried to register with your address on {siteName}",
        $"""
        Hello {name},

        Someone (we hope you) tried to create an account on {siteName} with this email address, which already has one. No new account was made.

        If it was you, sign in here: {signInUrl}

        or, if you have forgotten your password, choose a new one within a day: {resetUrl}

        If it was not you, ignore this email: your account stays as it is.
        """);

    /// <param name="replierName">The replier's display name, or null when they replied anonymously.</param>
    /// <param name="toComment">True for a reply to the member's comment; false for a comment on their idea.</param>
    public static Text Reply(string name, string ideaTitle, string? replierName, bool toComment, string text, string url)
    {
        var who = replierName ?? "Someone who chose to stay anonymous";
        return new(
            toComment ? $"New reply to your comment on “{ideaTitle}”" : $"New comment on your idea “{ideaTitle}”",
            $"""
            Hello {name},

            {who} {(toComment ? "replied to your comment on" : "commented on your idea")} “{ideaTitle}”:

            {Quote(text)}

            Read it and reply: {url}
            """);
    }

    public static Text OfficialResponse(string name, string siteName, string ideaTitle, string responderName, string text, string url) => new(
        $"Official response to “{ideaTitle}”",
        $"""
        Hello {name},

        {responderName}, for the {siteName} team, posted an official response on “{ideaTitle}”:

        {Quote(text)}

        Read it on the site: {url}
        """);

    /// <param name="authorName">The idea's author, or null when it was posted anonymously.</param>
    public static Text StatusChange(string name, string ideaTitle, string? authorName, IdeaStatus status, string? note, string url) => new(
        $"“{ideaTitle}” is now: {IdeaStatuses.LabelOf(status)}",
        $"""
        Hello {name},

        An idea you follow has moved on.

        Idea: {ideaTitle}
        By: {authorName ?? "Anonymous"}
        Status: {IdeaStatuses.LabelOf(status)}
        {(string.IsNullOrWhiteSpace(note) ? "" : $"\nUpdate from the team:\n{Quote(note)}\n")}
        See the idea: {url}
        """);

    public static Text JoinedBigIdea(string name, string ideaTitle, string? authorName, string bigIdeaTitle, string ideaUrl, string bigIdeaUrl) => new(
        $"“{ideaTitle}” is part of the big idea “{bigIdeaTitle}”",
        $"""
        Hello {name},

        An idea you follow has been brought together with others into a big idea.

        Idea: {ideaTitle}
        By: {authorName ?? "Anonymous"}
        Big idea: {bigIdeaTitle}

        See the big idea: {bigIdeaUrl}
        See the idea: {ideaUrl}
        """);

    public static Text AdminUpdate(string name, string siteName, string subject, string body) => new(
        subject,
        $"""
        Hello {name},

        {body.Trim()}

        The {siteName} team
        """);

    public static Text Digest(string name, string siteName, DigestFrequency frequency, DigestActivity activity, string siteUrl)
    {
        var text = new StringBuilder();
        text.Append($"Hello {name},\n\nHere is what happened on {siteName} in the challenges and ideas you follow {(frequency == DigestFrequency.Daily ? "since yesterday" : "this week")}.\n");
        foreach (var challenge in activity.NewIdeas.GroupBy(i => i.ChallengeTitle))
        {
            text.Append($"\nNew ideas in “{challenge.Key}”:\n");
            foreach (var idea in challenge)
                text.Append($"- {idea.Title} (by {idea.AuthorName ?? "Anonymous"})\n  {siteUrl}/ideas/{idea.Id}\n");
        }
        if (activity.Discussions.Count > 0)
        {
            text.Append("\nNew comments:\n");
            foreach (var d in activity.Discussions)
                text.Append($"- {d.Title} ({d.ChallengeTitle}): {d.NewComments} new {(d.NewComments == 1 ? "comment" : "comments")}\n  {siteUrl}/ideas/{d.IdeaId}\n");
        }
        return new($"{siteName}: your {(frequency == DigestFrequency.Daily ? "daily" : "weekly")} digest", text.ToString());
    }

    /// <summary>Every email ends by saying why it came and how to stop it.</summary>
    public static string WithFooter(string body, string siteName, EmailKind kind, string preferencesUrl, string? unsubscribeUrl)
    {
        var footer = new StringBuilder("\n\n--\n");
        footer.Append(kind.IsAccount()
            ? $"You get this email because someone asked for it on {siteName}.\n"
            : $"You get this email because you chose {kind.Describe()} on {siteName}.\n");
        footer.Append($"Choose which emails you get: {preferencesUrl}\n");
        if (unsubscribeUrl is not null)
            footer.Append(kind.IsAccount()
                ? $"Stop all other emails from {siteName}: {unsubscribeUrl}\n"
                : $"Unsubscribe from {kind.Describe()}: {unsubscribeUrl}\n");
        return body.TrimEnd() + footer;
    }

    /// <summary>Quoted as email does, and cut short: the whole text is a click away.</summary>
    public static string Quote(string text)
    {
        var t = text.Trim();
        if (t.Length > QuoteMax) t = t[..QuoteMax].TrimEnd() + "…";
        return string.Join('\n', t.ReplaceLineEndings("\n").Split('\n').Select(l => l.Length == 0 ? ">" : "> " + l));
    }
}
