using Engine.Themes;
using Engine.Themes.Pages;

namespace Engine.Web.Site;

/// <summary>
/// A member's votes on the ideas of a page, read as the page is written: the idea records are every member's
/// (a page is written once for all of them, see <see cref="PageShell"/>), and only "did I vote for it" is theirs.
/// </summary>
public sealed class MyVotes(IReadOnlyDictionary<long, int> mine) : IPersonalValues
{
    private static readonly object True = true, False = false;

    public bool TryGet(object view, string member, out object? value)
    {
        value = view is not IdeaView idea ? null : member switch
        {
            "voted_up" => mine.GetValueOrDefault(idea.Id) == 1 ? True : False,
            "voted_down" => mine.GetValueOrDefault(idea.Id) == -1 ? True : False,
            _ => null,
        };
        return value is not null;
    }
}
