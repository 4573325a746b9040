using Engine.Plugins.AnonymousToPublic;
using Engine.Plugins.FullyAnonymous;
using Engine.Plugins.Named;

namespace Engine.Plugins.Rules.Tests.Anonymity;

public class AnonymityPolicyTests
{
    private static AnonymityRequest Asked(bool asked, bool allowed) => new(ContributionKind.Idea, asked, allowed);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Named_stores_the_name_when_the_author_did_not_ask_for_anonymity(bool allowed) =>
        new NamedPolicy().Decide(Asked(false, allowed)).Should().Be(AnonymityDecision.StoreAs(AuthorStorage.Named));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Named_refuses_anonymity_explaining_that_every_name_is_shown(bool allowed) =>
        Worded.English(new NamedPolicy(), new NamedPolicy().Decide(Asked(true, allowed)).Should().BeOfType<AnonymityDecision.Refuse>()
            .Which.Text).Should().Be("This site shows every contributor's name: anonymous posting is not available.");

    public static TheoryData<IAnonymityPolicy, AuthorStorage> AnonymousPolicies => new()
    {
        { new AnonymousToPublicPolicy(), AuthorStorage.AnonymousToPublic },
        { new FullyAnonymousPolicy(), AuthorStorage.FullyAnonymous },
    };

    [Theory]
    [MemberData(nameof(AnonymousPolicies))]
    public void An_author_who_asks_is_stored_anonymously_where_the_site_allows_it(IAnonymityPolicy policy, AuthorStorage expected) =>
        policy.Decide(Asked(true, true)).Should().Be(AnonymityDecision.StoreAs(expected));

    [Theory]
    [MemberData(nameof(AnonymousPolicies))]
    public void An_author_who_asks_is_refused_where_the_site_does_not_allow_it(IAnonymityPolicy policy, AuthorStorage _) =>
        Worded.English(policy, policy.Decide(Asked(true, false)).Should().BeOfType<AnonymityDecision.Refuse>()
            .Which.Text).Should().Be("This site does not allow anonymous posting.");

    [Theory]
    [MemberData(nameof(AnonymousPolicies))]
    public void An_author_who_does_not_ask_is_named(IAnonymityPolicy policy, AuthorStorage _)
    {
        policy.Decide(Asked(false, true)).Should().Be(AnonymityDecision.StoreAs(AuthorStorage.Named));
        policy.Decide(Asked(false, false)).Should().Be(AnonymityDecision.StoreAs(AuthorStorage.Named));
    }

    [Fact]
    public void Comments_follow_the_same_rules_as_ideas() =>
        new FullyAnonymousPolicy().Decide(new AnonymityRequest(ContributionKind.Comment, true, true))
            .Should().Be(AnonymityDecision.StoreAs(AuthorStorage.FullyAnonymous));
}
