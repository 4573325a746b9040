using Engine.Core.Common;
using Engine.Core.Ideas;

namespace Engine.Core.Tests.Ideas;

public class IdeaRulesTests
{
    [Theory]
    [InlineData(null, "title")]
    [InlineData("   ", "title")]
    [InlineData("abc", "title")]
    public void A_missing_or_short_title_is_refused_naming_the_title(string? title, string field)
    {
        var outcome = IdeaRules.Validate(title, "body");
        outcome.Error!.Field.Should().Be(field);
        outcome.Error.Kind.Should().Be(ErrorKind.Validation);
    }

    [Fact]
    public void A_huge_title_is_refused_with_its_length()
    {
        var outcome = IdeaRules.Validate(new string('x', 10_000_000), "body");
        outcome.Error!.Field.Should().Be("title");
        outcome.Error.Message.Should().Contain("150").And.Contain("10000000");
    }

    [Fact]
    public void An_empty_body_is_refused_naming_the_body()
    {
        IdeaRules.Validate("A good idea", "").Error!.Field.Should().Be("body");
    }

    [Fact]
    public void Text_is_trimmed()
    {
        var idea = IdeaRules.Validate("  A good idea  ", "\n body \n").Value!;
        idea.Title.Should().Be("A good idea");
        idea.Body.Should().Be("body");
    }

    [Theory]
    [InlineData(null, IdeaSort.Top)]
    [InlineData("new", IdeaSort.New)]
    [InlineData("TRENDING", IdeaSort.Trending)]
    [InlineData("discussed", IdeaSort.Discussed)]
    public void Sorts_are_parsed(string? value, IdeaSort expected) => IdeaSorts.Parse(value).Value.Should().Be(expected);

    [Fact]
    public void An_unknown_sort_is_refused_naming_the_choices()
    {
        var error = IdeaSorts.Parse("random").Error!;
        error.Field.Should().Be("sort");
        error.Message.Should().Contain("top, new, trending or discussed");
    }

    [Theory]
    [InlineData(0, 30, "page")]
    [InlineData(1, 0, "pageSize")]
    [InlineData(1, 101, "pageSize")]
    public void Paging_out_of_range_is_refused(int page, int size, string field) =>
        IdeaSorts.CheckPaging(page, size)!.Field.Should().Be(field);
}
