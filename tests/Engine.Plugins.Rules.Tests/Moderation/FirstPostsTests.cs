using Engine.Plugins.FirstPosts;
using static Engine.Plugins.Rules.Tests.Given;

namespace Engine.Plugins.Rules.Tests.Moderation;

public class FirstPostsTests
{
    private readonly FirstPostsRule firstThree = new(3);

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void A_new_members_first_contributions_are_held(int approved) =>
        firstThree.Check(Comment("Hello", approved)).Should().BeOfType<ModerationDecision.Hold>()
            .Which.Reason(firstThree).Should().Be("New member: their first 3 contributions are checked by a moderator");

    [Theory]
    [InlineData(3)]
    [InlineData(50)]
    public void A_member_with_enough_approved_contributions_publishes_straight_away(int approved) =>
        firstThree.Check(Idea("An idea", approved: approved)).Should().Be(ModerationDecision.Published);

    [Fact]
    public void Only_approved_contributions_count_not_everything_posted() =>
        firstThree.Check(new Contribution(ContributionKind.Comment, null, "Hi", Author(approved: 1, contributions: 30)))
            .Should().BeOfType<ModerationDecision.Hold>();

    [Fact]
    public void With_a_count_of_one_the_reason_says_first_contribution() =>
        new FirstPostsRule(1).Check(Comment("Hello", approved: 0)).Should().BeOfType<ModerationDecision.Hold>()
            .Which.Reason(firstThree).Should().Be("New member: their first contribution is checked by a moderator");

    [Fact]
    public void The_hold_is_given_by_key_so_a_welsh_moderator_reads_it_in_welsh() =>
        firstThree.Check(Comment("Helo", approved: 0)).Should().BeOfType<ModerationDecision.Hold>()
            .Which.Reason(firstThree, "cy").Should().Be("Aelod newydd: mae cymedrolwr yn gwirio eu 3 cyfraniad cyntaf");
}
