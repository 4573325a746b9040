using Engine.Core.Search;

namespace Engine.Core.Tests.Text;

public class WelshWordsTests
{
    [Theory]
    [InlineData("pen", new[] { "pen" })]
    [InlineData("ben", new[] { "ben", "pen" })]
    [InlineData("mhen", new[] { "mhen", "pen" })]
    [InlineData("phen", new[] { "phen", "pen" })]
    [InlineData("nghymorth", new[] { "nghymorth", "cymorth" })]
    [InlineData("ngardd", new[] { "ngardd", "gardd" })]
    [InlineData("nhad", new[] { "nhad", "tad" })]
    [InlineData("fam", new[] { "fam", "bam", "mam" })]
    [InlineData("ddwr", new[] { "ddwr", "dwr" })]
    [InlineData("lyfr", new[] { "lyfr", "llyfr" })]
    [InlineData("llyfr", new[] { "llyfr" })]
    [InlineData("rhaglen", new[] { "rhaglen" })]
    [InlineData("raglen", new[] { "raglen", "rhaglen" })]
    [InlineData("waith", new[] { "waith", "gwaith" })]
    [InlineData("henw", new[] { "henw", "enw" })]
    [InlineData("Dŵr", new[] { "dwr", "twr" })]
    public void A_word_stands_for_every_radical_it_may_be_a_mutation_of(string word, string[] forms) =>
        WelshWords.Forms(word).Should().Equal(forms);

    [Fact]
    public void Stop_words_have_no_forms_and_are_left_out_of_the_index()
    {
        WelshWords.Forms("yr").Should().BeEmpty();
        WelshWords.IndexForm("Cur pen i'r claf yn y ward").Should().Be("cur pen claf ward gward");
    }

    [Fact]
    public void Only_welsh_has_rules_of_its_own()
    {
        SearchLanguage.IndexForm("en-GB", "Ben").Should().BeNull();
        SearchLanguage.IndexForm(null, "Ben").Should().BeNull();
        SearchLanguage.IndexForm("cy-GB", "Ben").Should().Be("ben pen");
        SearchLanguage.Terms("en-GB", ["the", "ben"]).Should().BeEquivalentTo(new[] { new[] { "the" }, new[] { "ben" } }, o => o.WithStrictOrdering());
        SearchLanguage.Terms("cy", ["y", "ben"]).Should().BeEquivalentTo(new[] { new[] { "ben", "pen" } }, o => o.WithStrictOrdering());
    }
}
