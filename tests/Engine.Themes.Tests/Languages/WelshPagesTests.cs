using Engine.Themes.Languages;
using Engine.Themes.Pages;

namespace Engine.Themes.Tests.Languages;

/// <summary>
/// Every page of the shipped base and nhs themes, rendered in Welsh by the theme checker (strictly: a key is
/// never taken from English), has every word it asks for in cy.json.
/// </summary>
public class WelshPagesTests
{
    private static readonly string Themes = Path.Combine(TestRepository.Root, "themes");

    public static readonly TheoryData<string> Shipped = new() { "base", "nhs" };

    [Theory]
    [MemberData(nameof(Shipped))]
    public void Every_page_renders_in_Welsh_with_no_key_missing_from_cy_json(string theme)
    {
        var sources = ThemeSources.Load(Themes, theme, null);
        var welsh = PageSamples.All("cy").Select(s => (s.Page, (object)s.Model)).ToList();
        welsh.Should().OnlyContain(s => ((IPage)s.Item2).Frame.Language == "cy");
        ThemeValidator.Validate(sources, welsh).Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(Shipped))]
    public void The_theme_ships_Welsh_for_every_English_key(string theme)
    {
        var catalogue = new CompiledTheme(ThemeSources.Load(Themes, theme, null)).Catalogue;
        catalogue.Cultures.Should().Contain("cy");
        catalogue.Entries("en").Keys.Should().BeSubsetOf(catalogue.Entries("cy").Keys);
    }

    [Theory]
    [MemberData(nameof(Shipped))]
    public void A_Welsh_page_is_worded_in_Welsh(string theme)
    {
        var compiled = new CompiledTheme(ThemeSources.Load(Themes, theme, null));
        var (page, model) = PageSamples.Full("cy").Single(s => s.Page == "challenge");
        var html = compiled.Render(page, model);
        html.Should().Contain("lang=\"cy\"").And.Contain("Neidio i&#x27;r prif gynnwys").And.Contain("Syniadau")
            .And.NotContain("Skip to main content");
    }
}
