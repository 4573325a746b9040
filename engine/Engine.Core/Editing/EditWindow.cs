using Engine.Sdk;

namespace Engine.Core.Editing;

/// <summary>
/// tenant.json "editing": how long members may edit their own ideas and comments. <c>untilFirstReaction</c> (the default):
/// until someone votes on the idea or comments on it (for a comment, until someone replies), so nobody's vote or reply
/// ends up under words they did not answer; <c>minutes</c>: for <see cref="Minutes"/> minutes after posting;
/// <c>off</c>: never.
/// </summary>
public sealed record TenantEditing
{
    public const int MinutesLimit = 10_080;
    public EditWindow Window { get; init; } = EditWindow.UntilFirstReaction;
    public int Minutes { get; init; } = 30;
}

public enum EditWindow { UntilFirstReaction, Minutes, Off }

/// <summary>A contribution as the edit window judges it: when it was posted and how many have answered it (votes, comments or replies).</summary>
public sealed record EditableState(DateTimeOffset CreatedAt, int Reactions);

public static class EditWindows
{
    /// <summary>Null when the window is open; else why the contribution can no longer be edited, in the member's words.</summary>
    public static string? Closed(this TenantEditing editing, ContributionKind kind, EditableState state, DateTimeOffset now) => editing.Window switch
    {
        EditWindow.Off => "This site does not let ideas or comments be edited.",
        EditWindow.Minutes when now - state.CreatedAt > TimeSpan.FromMinutes(editing.Minutes) =>
            $"Your {Name(kind)} could be edited for {editing.Minutes} minutes after it was posted, and that time has passed.",
        EditWindow.UntilFirstReaction when state.Reactions > 0 => kind == ContributionKind.Idea
            ? "Your idea could be edited until someone voted on it or commented on it, and someone has."
            : "Your comment could be edited until someone replied to it, and someone has.",
        _ => null,
    };

    public static string Name(ContributionKind kind) => kind == ContributionKind.Idea ? "idea" : "comment";

    /// <summary>"Idea" or "Comment", for "… was not found."</summary>
    public static string Capitalised(ContributionKind kind) => kind == ContributionKind.Idea ? "Idea" : "Comment";
}
