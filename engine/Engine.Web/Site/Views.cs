using System.Globalization;
using Engine.Core.Challenges;
using Engine.Core.Comments;
using Engine.Core.Ideas;
using Engine.Core.Text;

namespace Engine.Web.Site;

/// <summary>Turns domain records into what templates show: labels, URLs and relative times already worked out.</summary>
public static class Views
{
    public static string Label(this IdeaStatus status) => IdeaStatuses.LabelOf(status);

    public static string Name(this ChallengeState state) => state.ToString().ToLowerInvariant();


    public static object Challenge(Challenge c, string basePath, DateTimeOffset now, CultureInfo culture)
    {
        var state = c.StateAt(now);
        return new
        {
            slug = c.Slug,
            title = c.Title,
            description = c.Description,
            state = state.Name(),
            isOpen = state == ChallengeState.Open,
            isClosed = state == ChallengeState.Closed,
            closes = c.ClosesAt is { } closes && state == ChallengeState.Open ? $"Closes {RelativeTime.Describe(closes, now, culture)}" : null,
            closesOn = c.ClosesAt?.ToString("d MMMM yyyy", culture),
            closesAt = c.ClosesAt?.ToString("O", CultureInfo.InvariantCulture),
            ideaCount = c.IdeaCount,
            ideaCountLabel = Quantity(c.IdeaCount, "idea", "ideas"),
            url = $"{basePath}/challenges/{c.Slug}",
            newIdeaUrl = $"{basePath}/challenges/{c.Slug}/ideas/new",
        };
    }

    public static object Idea(Idea i, string basePath, DateTimeOffset now, CultureInfo culture, int myVote, bool withBody = false) => new
    {
        id = i.Id,
        url = $"{basePath}/ideas/{i.Id}",
        voteUrl = $"{basePath}/ideas/{i.Id}/vote",
        title = i.Title,
        excerpt = Excerpt(i.Body),
        bodyHtml = withBody ? SafeMarkdown.ToHtml(i.Body) : null,
        authorName = i.Author?.DisplayName,
        anonymous = i.Anonymous,
        // An idea imported from an offline session shows where it came from instead of an author.
        source = i.Source,
        up = i.Up,
        down = i.Down,
        score = i.Score,
        commentCount = i.CommentCount,
        commentCountLabel = Quantity(i.CommentCount, "comment", "comments"),
        status = i.Status.Label(),
        statusKey = i.Status.Key(),
        statusNote = i.StatusNote,
        createdAgo = RelativeTime.Describe(i.CreatedAt, now, culture),
        createdAt = i.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
        votedUp = myVote == 1,
        votedDown = myVote == -1,
    };

    public static IReadOnlyList<object> CommentThreads(IReadOnlyList<Comment> comments, DateTimeOffset now, CultureInfo culture)
    {
        object View(Comment c, IEnumerable<object> replies) => new
        {
            id = c.Id,
            bodyHtml = SafeMarkdown.ToHtml(c.Body),
            authorName = c.Author?.DisplayName,
            anonymous = c.Anonymous,
            source = c.Source,
            ago = RelativeTime.Describe(c.CreatedAt, now, culture),
            createdAt = c.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
            official = c.Official,
            replies = replies.ToList(),
        };
        var byParent = comments.Where(c => c.ParentId is not null).ToLookup(c => c.ParentId!.Value);
        return comments.Where(c => c.ParentId is null)
            .Select(c => View(c, byParent[c.Id].Select(r => View(r, []))))
            .ToList();
    }

    /// <summary>"1 comment", "3 comments": what Humanizer's ToQuantity says, without its regex inflector on every idea of every page.</summary>
    public static string Quantity(int count, string one, string many) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? one : many);

    internal const int ExcerptLength = 200;
    // What string.ReplaceLineEndings treats as a line ending.
    private static readonly System.Buffers.SearchValues<char> LineEndings = System.Buffers.SearchValues.Create("\r\n\f\u0085\u2028\u2029");

    /// <summary>The first 200 characters on one line. Only the start of the body is read (a line ending
    /// becomes one space, so 402 characters always give more than 200), and a page of long ideas makes
    /// one short string per idea rather than copying every body on every view.</summary>
    internal static string Excerpt(string body)
    {
        var start = body.AsSpan(0, Math.Min(body.Length, 2 * ExcerptLength + 2));
        if (start.ContainsAny(LineEndings))
        {
            var plain = start.ToString().ReplaceLineEndings(" ");
            return plain.Length <= ExcerptLength ? plain : string.Concat(plain.AsSpan(0, ExcerptLength).TrimEnd(), "…");
        }
        if (start.Length <= ExcerptLength) return body; // short and on one line already
        return string.Concat(start[..ExcerptLength].TrimEnd(), "…");
    }
}
