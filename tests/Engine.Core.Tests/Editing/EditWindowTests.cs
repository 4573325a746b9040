using Engine.Core.Editing;
using Engine.Sdk;

namespace Engine.Core.Tests.Editing;

public class EditWindowTests
{
    private static readonly DateTimeOffset Posted = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);

    private static string? Closed(TenantEditing editing, int reactions, int minutesLater, ContributionKind kind = ContributionKind.Idea) =>
        editing.Closed(kind, new EditableState(Posted, reactions), Posted.AddMinutes(minutesLater));

    [Fact]
    public void Until_the_first_reaction_the_window_stays_open_however_long_it_takes() =>
        Closed(new TenantEditing(), reactions: 0, minutesLater: 60 * 24 * 30).Should().BeNull();

    [Fact]
    public void The_first_vote_comment_or_reply_closes_the_default_window()
    {
        Closed(new TenantEditing(), reactions: 1, minutesLater: 1).Should().Be("Your idea could be edited until someone voted on it or commented on it, and someone has.");
        Closed(new TenantEditing(), reactions: 1, minutesLater: 1, ContributionKind.Comment).Should().Be("Your comment could be edited until someone replied to it, and someone has.");
    }

    [Fact]
    public void A_window_of_minutes_ignores_reactions_and_closes_when_the_minutes_are_up()
    {
        var thirty = new TenantEditing { Window = EditWindow.Minutes, Minutes = 30 };
        Closed(thirty, reactions: 5, minutesLater: 30).Should().BeNull();
        Closed(thirty, reactions: 0, minutesLater: 31).Should().Be("Your idea could be edited for 30 minutes after it was posted, and that time has passed.");
    }

    [Fact]
    public void Off_is_always_closed() =>
        Closed(new TenantEditing { Window = EditWindow.Off }, reactions: 0, minutesLater: 0).Should().Be("This site does not let ideas or comments be edited.");
}
