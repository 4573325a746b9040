using System.Text.RegularExpressions;
using Engine.Sdk;

namespace Engine.Plugins.WordList;

public enum WordListAction { Hold, Reject }

/// <summary>Holds (or rejects) a contribution that uses a word or phrase on the site's list.</summary>
public sealed class WordListRule : IModerationRule
{
    private readonly Regex? listed;
    private readonly WordListAction action;

    public WordListRule(IEnumerable<string> words, WordListAction action)
    {
        this.action = action;
        var wanted = words.Select(word => word.Trim()).Where(word => word.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (wanted.Count == 0) return;

        // Whole words only, so "ass" does not catch "class". Lookarounds rather than \b so that a
        // listed word that starts or ends with punctuation ("c**p") still matches.
        var alternatives = string.Join('|', wanted.Select(Regex.Escape));
        listed = new Regex($@"(?<!\w)(?:{alternatives})(?!\w)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }

    public ModerationDecision Check(Contribution contribution)
    {
        if (listed is null) return ModerationDecision.Published;

        var match = listed.Match(contribution.Title ?? "");
        if (!match.Success) match = listed.Match(contribution.Body);
        if (!match.Success) return ModerationDecision.Published;

        // The same words, from the catalogues (locales/, key listed-word): a rejection in the author's language, a hold's
        // reason (stored with its key) in each moderator's. The listed word is the site's own, never who wrote it.
        return action == WordListAction.Reject
            ? ModerationDecision.Rejected(new PluginText("listed-word", match.Value))
            : ModerationDecision.HeldFor("listed-word", match.Value);
    }
}
