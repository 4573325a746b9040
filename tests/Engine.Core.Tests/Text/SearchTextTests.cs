using Engine.Core.Search;

namespace Engine.Core.Tests.Text;

public class SearchTextTests
{
    [Fact]
    public void Words_keep_letters_and_digits_only_lower_cased_without_repeats()
    {
        SearchText.Words("Text \"patients\" OR text* NEAR(queue) 111").Should().Equal("text", "patients", "or", "near", "queue", "111");
        SearchText.Words("patient's café").Should().Equal("patients", "café");
        SearchText.Words("\" * ( ) : ^ -").Should().BeEmpty();
        SearchText.Words(null).Should().BeEmpty();
    }

    [Fact]
    public void A_long_query_is_cut_to_a_few_words()
    {
        SearchText.Words(string.Join(' ', Enumerable.Range(0, 50).Select(n => $"w{n}"))).Should().HaveCount(SearchText.MaxWords);
    }

    [Fact]
    public void The_match_expression_quotes_every_word_so_none_is_an_operator()
    {
        SearchText.Fts5Match(["or", "near"], anyWord: false).Should().Be("\"or\" AND \"near\"");
        SearchText.Fts5Match(["text", "queue"], anyWord: true).Should().Be("\"text\" OR \"queue\"");
    }

    [Fact]
    public void Telling_words_leave_out_short_and_common_ones()
    {
        SearchText.Telling("Text the patients on a ward").Should().Equal("text", "patients", "ward");
    }

    [Fact]
    public void Similar_ideas_look_for_the_longest_telling_words_first_keeping_their_order_on_a_tie()
    {
        SearchText.Longest(["text", "patients", "ward", "queue", "discharge"], 3).Should().Equal("discharge", "patients", "queue");
        SearchText.Longest(["ward"], 3).Should().Equal("ward");
    }
}
