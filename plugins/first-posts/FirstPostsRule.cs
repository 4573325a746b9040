using Engine.Sdk;

namespace Engine.Plugins.FirstPosts;

/// <summary>
/// A new member's first few contributions wait for a moderator; once enough have been approved,
/// they are trusted to post straight to the site.
/// </summary>
public sealed class FirstPostsRule(int count) : IModerationRule
{
    // Keyed (locales/), so each moderator reads it in their language; the count chooses the plural form.
    public ModerationDecision Check(Contribution contribution) => contribution.Author.Approved < count
        ? ModerationDecision.HeldFor("held-new-member", count)
        : ModerationDecision.Published;
}
