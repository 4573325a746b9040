namespace Engine.Sdk;

/// <summary>
/// Checks a contribution before it is published. The engine runs a tenant's moderation rules in
/// order; the first that holds or rejects decides. If a rule fails, the content is held (fail closed).
/// </summary>
public interface IModerationRule
{
    ModerationDecision Check(Contribution contribution);

    /// <summary>Called when a member reports published content; hold it to hide it and queue it for a moderator.</summary>
    ModerationDecision CheckReports(ReportTally reports) => ModerationDecision.Published;
}

public enum ContributionKind { Idea, Comment }

/// <param name="Title">The idea's title; null for a comment.</param>
/// <param name="Author">What is known of the author's history on this tenant; never who they are.</param>
public sealed record Contribution(ContributionKind Kind, string? Title, string Body, AuthorHistory Author);

/// <param name="Contributions">Ideas and comments this member posted before, published or not.</param>
/// <param name="Approved">Of those, how many a moderator approved or that were published unchecked.</param>
public sealed record AuthorHistory(int Contributions, int Approved, DateTimeOffset MemberSince);

/// <param name="DistinctReporters">How many different members have reported the content.</param>
public sealed record ReportTally(ContributionKind Kind, int DistinctReporters);

public abstract record ModerationDecision
{
    private ModerationDecision() { }
    public sealed record Publish : ModerationDecision;
    /// <summary>
    /// Keep it off the site until a moderator looks. <paramref name="Reason"/> is stored and shown to moderators, so it must
    /// not quote personal data or say who the author is; a plain sentence is shown as written, in English.
    /// </summary>
    public sealed record Hold(string Reason) : ModerationDecision
    {
        /// <summary>The reason as a key in the plugin's catalogues, stored with the content and worded in each moderator's language (SDK 1.5); null: <see cref="Reason"/> as written.</summary>
        public PluginText? Text { get; init; }
    }
    /// <summary>Refuse it outright; <paramref name="Reason"/> is shown to the author.</summary>
    public sealed record Reject(string Reason) : ModerationDecision
    {
        /// <summary>The reason as a key in the plugin's catalogues, worded in the author's language (SDK 1.4); null: <see cref="Reason"/> as written.</summary>
        public PluginText? Text { get; init; }
    }

    public static readonly ModerationDecision Published = new Publish();
    public static ModerationDecision Held(string reason) => new Hold(reason);
    /// <summary>Held with a text from the plugin's catalogues, worded in each moderator's language (SDK 1.5). Its values are stored too: never the author's name or personal data.</summary>
    public static ModerationDecision Held(PluginText text) => new Hold(text.Key) { Text = text };
    /// <summary>Held for the reason <c>plugin.&lt;id&gt;.<paramref name="key"/></c> in the plugin's catalogues, with its values (SDK 1.5).</summary>
    public static ModerationDecision HeldFor(string key, params object[] values) => Held(new PluginText(key, values));
    public static ModerationDecision Rejected(string reason) => new Reject(reason);
    /// <summary>Rejected with a text from the plugin's catalogues, in the author's language (SDK 1.4).</summary>
    public static ModerationDecision Rejected(PluginText text) => new Reject(text.Key) { Text = text };
}
