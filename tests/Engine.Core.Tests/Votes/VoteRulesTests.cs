using Engine.Core.Common;
using Engine.Core.Tenancy;
using Engine.Core.Votes;

namespace Engine.Core.Tests.Votes;

public class VoteRulesTests
{
    [Fact]
    public void An_up_vote_is_always_allowed() => VoteRules.Check(1, new TenantFeatures()).Should().BeNull();

    [Fact]
    public void A_down_vote_is_allowed_only_where_the_site_has_thumbs_down()
    {
        VoteRules.Check(-1, new TenantFeatures { DownVotes = true }).Should().BeNull();
        var refused = VoteRules.Check(-1, new TenantFeatures())!;
        refused.Kind.Should().Be(ErrorKind.Forbidden);
        refused.Message.Should().Contain("thumbs-down");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(-2)]
    public void Any_other_value_is_refused_naming_the_value(int value)
    {
        var error = VoteRules.Check(value, new TenantFeatures { DownVotes = true })!;
        error.Field.Should().Be("value");
        error.Message.Should().Contain(value.ToString());
    }
}
