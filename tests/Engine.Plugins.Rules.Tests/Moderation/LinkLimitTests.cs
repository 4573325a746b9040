using Engine.Plugins.LinkLimit;
using static Engine.Plugins.Rules.Tests.Given;

namespace Engine.Plugins.Rules.Tests.Moderation;

public class LinkLimitTests
{
    private readonly LinkLimitRule rule = new(links: 2);

    [Fact]
    public void Up_to_the_limit_of_links_is_published() =>
        rule.Check(Comment("See https://example.org/a and www.example.org/b")).Should().Be(ModerationDecision.Published);

    [Fact]
    public void More_links_than_the_limit_are_held_saying_how_many() =>
        rule.Check(Comment("https://a.example http://b.example www.c.example")).Should().BeOfType<ModerationDecision.Hold>()
            .Which.Reason(rule).Should().Be("Has 3 links; this site holds posts with more than 2 for a moderator");

    [Fact]
    public void The_hold_is_given_by_key_so_a_welsh_moderator_reads_it_in_welsh() =>
        rule.Check(Comment("https://a.example http://b.example www.c.example")).Should().BeOfType<ModerationDecision.Hold>()
            .Which.Reason(rule, "cy").Should().Be("Mae ganddo 3 dolen; mae'r safle hwn yn dal postiadau â mwy na 2 i gymedrolwr");

    [Fact]
    public void Links_in_an_ideas_title_count_with_those_in_its_body() =>
        rule.Check(Idea("Cheap pills at https://spam.example", "Also https://spam.example/2 and https://spam.example/3"))
            .Should().BeOfType<ModerationDecision.Hold>();

    [Fact]
    public void A_markdown_link_or_autolink_counts_once_for_its_one_address() =>
        rule.Check(Comment("[the leaflet](https://nhs.example/leaflet) and <https://nhs.example/map>")).Should().Be(ModerationDecision.Published);

    [Theory]
    [InlineData("Email me at someone@www.example.org")]
    [InlineData("The file is at C:/www.backup/notes")]
    [InlineData("Our ward does http checks and www training")]
    public void Text_that_only_looks_like_an_address_is_not_a_link(string body) =>
        new LinkLimitRule(links: 0).Check(Comment(body)).Should().Be(ModerationDecision.Published);

    [Fact]
    public void A_limit_of_zero_holds_any_link() =>
        new LinkLimitRule(links: 0).Check(Comment("https://nhs.uk")).Should().BeOfType<ModerationDecision.Hold>();

    [Fact]
    public void The_plugin_reads_the_limit_from_its_settings()
    {
        var registrar = new RecordingRegistrar();
        new LinkLimitPlugin().Register(registrar);
        registrar.CreateModerationRule("link-limit", Settings(("links", 1))).Check(Comment("https://a.example https://b.example"))
            .Should().BeOfType<ModerationDecision.Hold>();
    }
}
