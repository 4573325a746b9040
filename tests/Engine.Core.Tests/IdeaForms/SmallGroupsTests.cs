using Engine.Core.IdeaForms;

namespace Engine.Core.Tests.IdeaForms;

public class SmallGroupsTests
{
    private static readonly IdeaField Role = new()
    {
        Key = "role", Label = "I am a", Required = true, Choices = ["patient", "carer", "member of staff", "volunteer"],
    };

    private static IEnumerable<(string, string)> People(string answer, int people, int ideasEach = 1) =>
        Enumerable.Range(0, people).SelectMany(p => Enumerable.Repeat((answer, $"{answer}-{p}"), ideasEach));

    [Fact]
    public void An_answer_five_people_gave_is_shown_with_its_ideas_and_people()
    {
        var breakdown = SmallGroups.Breakdown(Role, People("member of staff", 5, ideasEach: 2));
        breakdown.Answers.Should().Equal(new AnswerCount("member of staff", 10, 5));
        breakdown.Other.Should().BeNull();
        breakdown.OtherWithheld.Should().BeFalse();
    }

    [Fact]
    public void The_only_carer_is_not_shown_however_many_ideas_they_posted_and_nothing_says_how_many_withheld()
    {
        var breakdown = SmallGroups.Breakdown(Role, People("member of staff", 6).Concat(People("carer", 1, ideasEach: 7)));
        breakdown.Answers.Should().Equal(new AnswerCount("member of staff", 6, 6));
        breakdown.Answers.Should().NotContain(a => a.Answer == "carer");
        breakdown.Other.Should().BeNull("one person is too few to show even as 'other'");
        breakdown.OtherWithheld.Should().BeTrue();
    }

    [Fact]
    public void Small_groups_that_together_make_five_people_are_shown_as_other()
    {
        var breakdown = SmallGroups.Breakdown(Role, People("carer", 2).Concat(People("patient", 3)).Concat(People("member of staff", 5)));
        breakdown.Answers.Should().Equal(new AnswerCount("member of staff", 5, 5));
        breakdown.Other.Should().Be(new AnswerCount("", 5, 5));
        breakdown.OtherWithheld.Should().BeFalse();
    }

    [Fact]
    public void Groups_are_people_not_ideas_and_are_listed_in_the_form_s_order()
    {
        var breakdown = SmallGroups.Breakdown(Role, People("volunteer", 5).Concat(People("patient", 4, ideasEach: 3)).Concat(People("carer", 5)));
        breakdown.Answers.Select(a => a.Answer).Should().Equal("carer", "volunteer");
        breakdown.OtherWithheld.Should().BeTrue("four people with twelve ideas are still four people");
    }

    [Theory]
    [InlineData(4, true)]
    [InlineData(5, false)]
    public void Fewer_than_five_distinct_people_are_too_few(int people, bool tooFew) =>
        SmallGroups.TooFew(Enumerable.Range(0, people).SelectMany(p => new[] { $"p{p}", $"p{p}" })).Should().Be(tooFew);
}
