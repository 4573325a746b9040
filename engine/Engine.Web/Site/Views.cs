using System.Globalization;
using Engine.Core.Challenges;
using Engine.Core.Comments;
using Engine.Core.Common;
using Engine.Core.Ideas;
using Engine.Core.Stats;
using Engine.Core.Text;
using Engine.Themes;
using Engine.Themes.Pages;

namespace Engine.Web.Site;

/// <summary>Turns domain records into what templates show: labels, URLs and relative times already worked out.</summary>
public static partial class Views
{
    public static string Label(this IdeaStatus status) => IdeaStatuses.LabelOf(status);

    public static string Name(this ChallengeState state) => state.ToString().ToLowerInvariant();

    public static ChallengeView Challenge(Challenge c, string basePath, DateTimeOffset now, CultureInfo culture)
    {
        var state = c.StateAt(now);
        return new ChallengeView(
            Slug: c.Slug,
            Title: c.Title,
            Description: Text(c.Description),
            State: state.Name(),
            IsOpen: state == ChallengeState.Open,
            IsClosed: state == ChallengeState.Closed,
            Closes: c.ClosesAt is { } closes && state == ChallengeState.Open ? Languages.EngineWords.Text(culture, "challenge.closes", RelativeTime.Describe(closes, now, culture)) : null,
            ClosesOn: c.ClosesAt?.ToString("d MMMM yyyy", culture),
            ClosesAt: c.ClosesAt?.ToString("O", CultureInfo.InvariantCulture),
            IdeaCount: c.IdeaCount,
            IdeaCountLabel: Languages.EngineWords.Text(culture, "challenge.ideas", c.IdeaCount),
            Url: $"{basePath}/challenges/{c.Slug}",
            NewIdeaUrl: $"{basePath}/challenges/{c.Slug}/ideas/new");
    }

    public static IdeaView Idea(Idea i, string basePath, DateTimeOffset now, CultureInfo culture, int myVote, string? label, bool withBody = false) => new(
        Id: i.Id,
        Url: $"{basePath}/ideas/{i.Id}",
        VoteUrl: $"{basePath}/ideas/{i.Id}/vote",
        Title: i.Title,
        Excerpt: Excerpt(i.Body),
        BodyHtml: withBody ? Markdown(i.Body) : null,
        AuthorName: Text(i.Author?.DisplayName),
        Anonymous: i.Anonymous,
        // An idea imported from an offline session shows where it came from instead of an author.
        Source: Text(i.Source),
        Up: i.Up,
        Down: i.Down,
        Score: i.Score,
        CommentCount: i.CommentCount,
        CommentCountLabel: Languages.EngineWords.Text(culture, "idea.comments", i.CommentCount),
        Status: Languages.EngineWords.Text(culture, StatusWords[i.Status]),
        StatusKey: i.Status.Key(),
        StatusNote: Text(i.StatusNote),
        CreatedAgo: RelativeTime.Describe(i.CreatedAt, now, culture),
        CreatedAt: i.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
        VotedUp: myVote == 1,
        VotedDown: myVote == -1,
        Label: label,
        Lang: i.Language);

    private static readonly Dictionary<IdeaStatus, string> StatusWords = Enum.GetValues<IdeaStatus>().ToDictionary(s => s, s => "status." + s.Key());

    // A List, not an empty array: Scriban reads no .size of an array.
    private static readonly IReadOnlyList<CommentView> NoReplies = new List<CommentView>();

    /// <param name="editable">The reader's own comments that they may still edit: each gets its edit link.</param>
    public static IReadOnlyList<CommentView> CommentThreads(IReadOnlyList<Comment> comments, DateTimeOffset now, CultureInfo culture,
        IReadOnlySet<long>? editable = null, string basePath = "")
    {
        CommentView View(Comment c, IReadOnlyList<CommentView> replies) => new(
            Id: c.Id,
            BodyHtml: Markdown(c.Body),
            AuthorName: Text(c.Author?.DisplayName),
            Anonymous: c.Anonymous,
            Source: Text(c.Source),
            Ago: RelativeTime.Describe(c.CreatedAt, now, culture),
            CreatedAt: c.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
            Official: c.Official,
            Replies: replies,
            Edited: Edited(c.EditedAt, now, culture),
            EditUrl: editable?.Contains(c.Id) == true ? $"{basePath}/comments/{c.Id}/edit" : null,
            Lang: c.Language);
        var byParent = comments.Where(c => c.ParentId is not null).ToLookup(c => c.ParentId!.Value);
        return comments.Where(c => c.ParentId is null)
            .Select(c => View(c, byParent[c.Id].Select(r => View(r, NoReplies)).ToList()))
            .ToList();
    }

    /// <summary>"Edited 5 minutes ago", for a contribution its author changed; null if they never did.</summary>
    public static EditedView? Edited(DateTimeOffset? editedAt, DateTimeOffset now, CultureInfo culture) =>
        editedAt is { } at ? new EditedView(RelativeTime.Describe(at, now, culture), at.ToString("O", CultureInfo.InvariantCulture)) : null;

    /// <summary>The stats partial's model.</summary>
    public static StatsView Stats(SiteStats s, string? label = null) =>
        new(s.People, s.Ideas, s.Comments, s.Votes, s.Interactions, s.ImportedIdeas + s.ImportedComments, label);

    /// <summary>A refusal as the page shows it: worded in the page's language where the engine's catalogues have it.</summary>
    public static ErrorView? Error(Error? error, CultureInfo culture) => error is null ? null : new ErrorView(error.Field, Languages.ErrorWords.Text(culture, error));

    /// <summary>Sanitised Markdown: the one kind of text a theme writes out as HTML.</summary>
    public static Html Markdown(string markdown) => new(SafeMarkdown.ToHtml(markdown));

    /// <summary>
    /// The opening words (at most <paramref name="length"/> characters, an ellipsis included) of sanitised HTML as plain text (a page's meta description): what a reader sees of the text, not
    /// its Markdown (a link's address, written or refused, is not part of what it says).
    /// </summary>
    public static string Summary(Html html, int length = 160)
    {
        var text = System.Net.WebUtility.HtmlDecode(Tags().Replace(html.Value, " "));
        text = Spaces().Replace(text, " ").Trim();
        return text.Length <= length ? text : string.Concat(text.AsSpan(0, length - 1).TrimEnd(), "…");
    }

    [System.Text.RegularExpressions.GeneratedRegex("<[^>]*>")] private static partial System.Text.RegularExpressions.Regex Tags();
    [System.Text.RegularExpressions.GeneratedRegex(@"\s+")] private static partial System.Text.RegularExpressions.Regex Spaces();

    /// <summary>
    /// Optional text as themes need it: null when there is none. Scriban reads an empty string as true, so
    /// <c>{{ if idea.source }}</c> would show an empty source; null is false.
    /// </summary>
    public static string? Text(string? text) => string.IsNullOrEmpty(text) ? null : text;

    internal const int ExcerptLength = 200;
    // What string.ReplaceLineEndings treats as a line ending.
    private static readonly System.Buffers.SearchValues<char> LineEndings = System.Buffers.SearchValues.Create("\r\n\f\u0085\u2028\u2029");

    /// <summary>The first 200 characters on one line. Only the start of the body is read (a line ending
    /// becomes one space, so 402 characters always give more than 200), in one pass into a buffer on the stack: a page of
    /// 30 ideas makes 30 short strings and nothing else (copying and replacing each start was 2.6 % of a member page's CPU).</summary>
    internal static string Excerpt(string body)
    {
        var start = body.AsSpan(0, Math.Min(body.Length, 2 * ExcerptLength + 2));
        if (!start.ContainsAny(LineEndings))
            return start.Length <= ExcerptLength ? body : string.Concat(start[..ExcerptLength].TrimEnd(), "…");
        Span<char> plain = stackalloc char[ExcerptLength + 1];
        var length = 0;
        for (var i = 0; i < start.Length && length <= ExcerptLength; i++)
        {
            var c = start[i];
            // The characters of LineEndings, compared one by one (a SearchValues lookup per character costs more).
            if (c is '\r' or '\n' or '\f' or '\u0085' or '\u2028' or '\u2029')
            {
                // As string.ReplaceLineEndings: CR LF is one line ending.
                if (c == '\r' && i + 1 < start.Length && start[i + 1] == '\n') i++;
                c = ' ';
            }
            plain[length++] = c;
        }
        return length <= ExcerptLength ? new string(plain[..length]) : string.Concat(((ReadOnlySpan<char>)plain[..ExcerptLength]).TrimEnd(), "…");
    }
}
