using System.Text.RegularExpressions;
using Engine.Sdk;

namespace Engine.Plugins.LinkLimit;

/// <summary>Holds a contribution with more than <paramref name="links"/> web addresses: a post full of links is usually spam.</summary>
public sealed partial class LinkLimitRule(int links) : IModerationRule
{
    public ModerationDecision Check(Contribution contribution)
    {
        var found = Count(contribution.Title) + Count(contribution.Body);
        return found <= links
            ? ModerationDecision.Published
            : ModerationDecision.HeldFor("held-links", found, links);
    }

    // A Markdown link, [text](https://…), or an autolink, <https://…>, holds its address once, so each is counted once.
    private static int Count(string? text) => text is null ? 0 : Address().Count(text);

    [GeneratedRegex(@"(?<![\w.@/])(?:https?://|www\.)[^\s<>()\[\]]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Address();
}
