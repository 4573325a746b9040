using Engine.Sdk;

namespace Engine.Plugins.FirstPosts;

/// <summary>
/// A new member's first few contributions wait for a moderator; once enough have been approved,
/// they are trusted to post straight to the site.
/// </summary>
public sealed class FirstPostsRule(int count) : IModerationRule
{
    public ModerationDecision Check(Contribution contribution) => contribution.Author.Approved < count
        ? ModerationDecision.Held(count == 1
            ? "New member: their first contribution is checked by a moderator"
            : $"New member: their first {count} contributions are checked by a moderator")
        : ModerationDecision.Published;
}
