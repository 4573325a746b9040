using System.Globalization;
using System.Text.RegularExpressions;
using Engine.Core.Ideas;
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

    [Fact]
    public void Every_idea_status_is_worded_in_English_as_before_and_in_Welsh()
    {
        foreach (var status in Enum.GetValues<Engine.Core.Ideas.IdeaStatus>())
        {
            EngineWords.Text(CultureInfo.GetCultureInfo("en-GB"), "status." + status.Key()).Should().Be(Engine.Core.Ideas.IdeaStatuses.LabelOf(status));
            EngineWords.Catalogues.Find("cy", "status." + status.Key(), fallBack: false).Should().NotBeNull($"{status} is worded in Welsh");
        }
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

    // A key written whole; a key made at run time ("status." + key) is checked by its own test.
    [GeneratedRegex("EngineWords\\.Text\\([^,]+, \"([^\"]+)\"\\s*[,)]")]
    private static partial Regex Asked();
}
