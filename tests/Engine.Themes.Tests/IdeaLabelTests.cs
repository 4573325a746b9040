using Engine.Themes.Pages;

namespace Engine.Themes.Tests;

/// <summary>Every shipped theme shows an idea's label as text, on its card and on its page.</summary>
public class IdeaLabelTests
{
    public static TheoryData<string, string> ThemesAndPages() => new()
    {
        { "base", "challenge" }, { "base", "idea" },
        { "nhs", "challenge" }, { "nhs", "idea" },
        { "london", "challenge" }, { "london", "idea" },
    };

    private static string Render(string theme, string page, IReadOnlyList<(string Page, IPage Model)> samples) =>
        new CompiledTheme(ThemeSources.Load(Path.Combine(TestRepository.Root, "themes"), theme, null), null)
            .Render(page, samples.Single(s => s.Page == page).Model);

    [Theory]
    [MemberData(nameof(ThemesAndPages))]
    public void The_label_is_shown_as_text(string theme, string page) =>
        Render(theme, page, PageSamples.Full()).Should().MatchRegex(">\\s*Shortlisted\\s*<", "the full sample's first idea is labelled");

    [Theory]
    [InlineData("base")]
    [InlineData("nhs")]
    [InlineData("london")]
    public void An_idea_without_a_label_shows_none(string theme) =>
        Render(theme, "idea", PageSamples.Empty()).Should().NotContain("Shortlisted")
            .And.NotContain("idea-label").And.NotContain("nhs-label").And.NotContain("lc-chip--label");
}
