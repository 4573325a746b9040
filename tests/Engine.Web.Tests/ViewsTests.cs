using Engine.Web.Site;
using Humanizer;

namespace Engine.Web.Tests;

public class ViewsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(21)]
    [InlineData(1234)]
    public void Counted_labels_read_exactly_as_humanizer_wrote_them(int count)
    {
        // The engine's English catalogue words counts now (Views.Quantity was folded into it), as Humanizer did.
        var english = System.Globalization.CultureInfo.GetCultureInfo("en-GB");
        Engine.Web.Languages.EngineWords.Text(english, "idea.comments", count).Should().Be("comment".ToQuantity(count));
        Engine.Web.Languages.EngineWords.Text(english, "challenge.ideas", count).Should().Be("idea".ToQuantity(count));
        Engine.Web.Languages.EngineWords.Text(english, "count.themes", count).Should().Be("theme".ToQuantity(count));
        Engine.Web.Languages.EngineWords.Text(english, "count.big-ideas", count).Should().Be("big idea".ToQuantity(count));
        Engine.Web.Languages.EngineWords.Text(english, "count.source-ideas", count).Should().Be("source idea".ToQuantity(count));
    }

    [Fact]
    public void An_excerpt_is_the_first_200_characters_on_one_line_however_long_the_body_and_wherever_its_line_breaks_fall()
    {
        // What the excerpt always meant: every line ending made one space, then cut at 200.
        static string Whole(string body)
        {
            var plain = body.ReplaceLineEndings(" ");
            return plain.Length <= 200 ? plain : plain[..200].TrimEnd() + "…";
        }
        var random = new Random(20261122);
        string[] pieces = ["word ", "a", "\r\n", "\n", "\r", "\u2028", "  ", "é", "x"];
        for (var i = 0; i < 5_000; i++)
        {
            var body = string.Concat(Enumerable.Range(0, random.Next(0, 600)).Select(_ => pieces[random.Next(pieces.Length)]));
            Views.Excerpt(body).Should().Be(Whole(body), $"body {i} of {body.Length} characters");
        }
        Views.Excerpt(string.Concat(Enumerable.Repeat("\r\n", 300)) + "end").Should().Be("…", "300 line breaks are 300 spaces, cut at 200 and trimmed");
        Views.Excerpt(new string('a', 5_000)).Should().Be(new string('a', 200) + "…");
    }
}
