namespace Engine.Themes.Pages;

/// <summary>
/// idea: an idea, its comments, and where it went (merged, themed, part of a big idea); <c>Languages</c>: those a comment may be
/// written in (the page's, or the one chosen before, selected), empty on a site in one language.
/// </summary>
/// <param name="Challenge">Its challenge; reads as closed for an idea merged into another, which takes no votes or comments.</param>
/// <param name="MergedInto">The idea it was merged into, or null.</param>
/// <param name="Duplicates">Ideas merged into this one.</param>
/// <param name="Groupings">The themes it was grouped under, each with its big idea if it has one.</param>
/// <param name="CommentUrl">Where the comment form posts.</param>
/// <param name="Follow">Null for visitors.</param>
/// <param name="Allowance">What the voting rule says the member has left, or null.</param>
/// <param name="AnswerOnly">The challenge is closed, but the team may still post official responses.</param>
/// <param name="Edited">Set when its author changed it after posting ("edited").</param>
/// <param name="Yours">Set when the reader wrote it (anonymous or not: only they are shown this) and it takes contributions.</param>
/// <param name="CommentForm">What was typed in a refused comment, to show again.</param>
/// <param name="Answers">Its category and its author's answers to the challenge's idea form; an anonymous idea shows only its category.</param>
public sealed record IdeaPage(PageFrame Frame, IdeaView Idea, ChallengeView Challenge, MergedIdeaView? MergedInto,
    IReadOnlyList<DuplicateView> Duplicates, IReadOnlyList<GroupingView> Groupings, IReadOnlyList<CommentView> Comments, string CommentUrl,
    [property: Personal] FollowView? Follow, [property: Personal] string? Allowance, bool AnswerOnly, CommentForm CommentForm, FieldErrors Errors,
    EditedView? Edited = null, [property: Personal] YourIdeaView? Yours = null) : IPage
{
    /// <summary>The idea's category and its answers to the challenge's idea form (an anonymous author's answers are not shown).</summary>
    public IReadOnlyList<AnswerView> Answers { get; init; } = new List<AnswerView>();

    /// <summary>The codes analysts applied to it, on a site that makes its codes public; empty otherwise.</summary>
    public IReadOnlyList<CodeView> Codes { get; init; } = new List<CodeView>();

    /// <summary>The idea's images, in the order they were added (at most three).</summary>
    public IReadOnlyList<ImageView> Images { get; init; } = new List<ImageView>();

    // A List, not an empty array: Scriban reads no .size of an array.
    public IReadOnlyList<LanguageOption> Languages { get; init; } = new List<LanguageOption>();
}

/// <summary>A code an analyst applied to the idea, by its name in the site's code frame (never who applied it).</summary>
public sealed record CodeView(string Name);

/// <summary>What the idea's author sees on it: where to edit it (null once the site's edit window has closed) and to withdraw it.</summary>
public sealed record YourIdeaView(string? EditUrl, string WithdrawUrl);

public sealed record MergedIdeaView(long Id, string Title, string Url);

/// <param name="CommentCountLabel">"1 comment", "4 comments".</param>
public sealed record DuplicateView(long Id, string Title, string Url, string CommentCountLabel);

/// <param name="ThemeUrl">The theme on its challenge's themes and big ideas page.</param>
/// <param name="BigIdea">Null when the theme is in no big idea.</param>
public sealed record GroupingView(string ThemeTitle, string ThemeUrl, LinkView? BigIdea);

/// <param name="ParentId">The comment a reply answers, or null.</param>
/// <param name="Language">The language chosen for it, or null for the page's.</param>
public sealed record CommentForm(string? Body, bool Anonymous, long? ParentId, string? Language = null);
