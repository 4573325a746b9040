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
    public void Words_read_into_a_buffer_are_the_same_words_as_strings()
    {
        var text = "Patient's CAFÉ, Ŵyl ddŵr 2024 & ٣٤ queue-jump: " + new string('X', 60) + "y  İstanbul Straße ’tis\u0065\u0301 end";
        var spans = new List<string>();
        Span<char> buffer = stackalloc char[SearchText.MaxWordLength];
        foreach (var word in SearchText.WordsOf(text, buffer)) spans.Add(word.ToString());

        spans.Should().Equal(SearchText.AllWords(text));
        spans.Should().Contain("patients").And.Contain("café").And.Contain("ŵyl").And.Contain(new string('x', SearchText.MaxWordLength));
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
