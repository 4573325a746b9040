using System.Globalization;
using System.Text.RegularExpressions;
using Engine.Web.Languages;

namespace Engine.Web.Tests.Languages;

/// <summary>The engine's own words (Engine.Web/Languages/locales): every key the engine asks for is there, in English and Welsh.</summary>
public partial class EngineWordsTests
{
    [Fact]
    public void Every_key_the_engine_asks_for_is_in_English_and_every_English_key_is_in_Welsh()
    {
        var code = Directory.EnumerateFiles(Path.Combine(TestRepository.Root, "engine", "Engine.Web"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .Select(File.ReadAllText);
        var asked = code.SelectMany(text => Asked().Matches(text).Select(m => m.Groups[1].Value)).ToHashSet();
        asked.Should().NotBeEmpty();
        var english = EngineWords.Catalogues.Entries("en").Keys;
        english.Should().Contain(asked);
        EngineWords.Catalogues.Entries("cy").Keys.Should().BeEquivalentTo(english);
    }

    [Theory]
    [InlineData("en-GB", 0, "0 ideas")]
    [InlineData("en-GB", 1, "1 idea")]
    [InlineData("cy-GB", 0, "Dim syniadau")]
    [InlineData("cy-GB", 2, "2 syniad")]
    public void Counts_take_their_language_s_plural_forms(string culture, int count, string expected) =>
        EngineWords.Text(CultureInfo.GetCultureInfo(culture), "challenge.ideas", count).Should().Be(expected);

    [Fact]
    public void A_key_no_catalogue_has_is_an_error_not_a_blank() =>
        FluentActions.Invoking(() => EngineWords.Text(CultureInfo.GetCultureInfo("cy"), "no.such.key")).Should().Throw<KeyNotFoundException>().WithMessage("*no.such.key*");

    [GeneratedRegex("EngineWords\\.Text\\([^,]+, \"([^\"]+)\"")]
    private static partial Regex Asked();
}
