using Engine.Plugins.WordList;
using static Engine.Plugins.Rules.Tests.Given;

namespace Engine.Plugins.Rules.Tests.Moderation;

public class WordListTests
{
    private static WordListRule Hold(params string[] words) => new(words, WordListAction.Hold);

    [Fact]
    public void A_listed_word_in_the_body_holds_the_contribution_naming_the_word() =>
        Hold("rubbish").Check(Comment("This idea is rubbish.")).Should().BeOfType<ModerationDecision.Hold>()
            .Which.Reason(Hold("rubbish")).Should().Be("Contains \"rubbish\", which is on this site's list of words that are not allowed");

    [Fact]
    public void A_hold_is_given_by_key_so_a_welsh_moderator_reads_it_in_welsh() =>
        Hold("sbwriel").Check(Comment("Mae hwn yn sbwriel.")).Should().BeOfType<ModerationDecision.Hold>()
            .Which.Reason(Hold("sbwriel"), "cy").Should().Be("Mae'n cynnwys “sbwriel”, sydd ar restr y safle hwn o eiriau nad ydynt yn cael eu caniatáu");

    [Fact]
    public void A_listed_word_in_the_title_is_found_too() =>
        Hold("rubbish").Check(Idea("Rubbish car parking", "Please fix it")).Should().BeOfType<ModerationDecision.Hold>();

    [Theory]
    [InlineData("RUBBISH")]
    [InlineData("Rubbish")]
    [InlineData("rUbBiSh")]
    public void Matching_ignores_case(string written) =>
        Hold("rubbish").Check(Comment($"Frankly {written}")).Should().BeOfType<ModerationDecision.Hold>();

    [Theory]
    [InlineData("The class was full")]
    [InlineData("A passage to the ward")]
    [InlineData("Assessments take too long")]
    [InlineData("The bass was loud")]
    public void Only_whole_words_match_so_ass_does_not_match_class(string text) =>
        Hold("ass").Check(Comment(text)).Should().Be(ModerationDecision.Published);

    [Theory]
    [InlineData("Don't be an ass.")]
    [InlineData("(ass)")]
    [InlineData("ass")]
    [InlineData("What an ass!")]
    public void A_whole_word_next_to_punctuation_matches(string text) =>
        Hold("ass").Check(Comment(text)).Should().BeOfType<ModerationDecision.Hold>();

    [Fact]
    public void A_listed_phrase_matches_as_a_whole() =>
        Hold("waste of time").Check(Comment("This is a waste of time")).Should().BeOfType<ModerationDecision.Hold>();

    [Fact]
    public void Listed_words_are_taken_literally_not_as_patterns()
    {
        var rule = Hold("c.*p", "a+b");
        rule.Check(Comment("crap and cheap and aab")).Should().Be(ModerationDecision.Published);
        rule.Check(Comment("this is c.*p")).Should().BeOfType<ModerationDecision.Hold>();
    }

    [Fact]
    public void The_reject_action_rejects_instead_of_holding_telling_the_author_why_in_their_language()
    {
        var rule = new WordListRule(["rubbish"], WordListAction.Reject);
        var rejected = rule.Check(Comment("This is Rubbish.")).Should().BeOfType<ModerationDecision.Reject>().Subject;
        Worded.English(rule, rejected.Text).Should().Be("Contains \"Rubbish\", which is on this site's list of words that are not allowed");
        Worded.In("cy", rule, rejected.Text).Should().Be("Mae'n cynnwys “Rubbish”, sydd ar restr y safle hwn o eiriau nad ydynt yn cael eu caniatáu");
    }

    [Fact]
    public void An_empty_list_publishes_everything() =>
        Hold().Check(Idea("Anything", "at all")).Should().Be(ModerationDecision.Published);

    [Fact]
    public void Blank_entries_in_the_list_are_ignored() =>
        Hold("", "  ").Check(Comment("Hello there")).Should().Be(ModerationDecision.Published);

    [Fact]
    public void Clean_text_is_published() =>
        Hold("rubbish", "ass").Check(Idea("Longer clinic hours", "Open at 8am on weekdays")).Should().Be(ModerationDecision.Published);

    [Fact]
    public void The_plugin_reads_the_words_and_the_action_from_its_settings()
    {
        var registrar = new RecordingRegistrar();
        new WordListPlugin().Register(registrar);
        var rule = registrar.CreateModerationRule("word-list", Settings(("words", new[] { "rubbish" }), ("action", "reject")));
        rule.Check(Comment("rubbish")).Should().BeOfType<ModerationDecision.Reject>();
    }
}
