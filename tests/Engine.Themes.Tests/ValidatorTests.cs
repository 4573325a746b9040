namespace Engine.Themes.Tests;

public class ValidatorTests : IDisposable
{
    private readonly ThemeFolders _folders = new();
    public void Dispose() => _folders.Dispose();

    private IReadOnlyList<ThemeIssue> Validate(string theme) => ThemeValidator.Validate(ThemeSources.Load(_folders.Root, theme, null));

    private void Brand(string file, string content)
    {
        _folders.Write("brand/theme.json", """{ "name": "brand", "baseTheme": "base" }""");
        _folders.Write($"brand/{file}", content);
    }

    [Fact]
    public void The_base_test_theme_is_clean() => Validate("base").Should().BeEmpty();

    [Fact]
    public void A_missing_required_template_is_reported()
    {
        File.Delete(Path.Combine(_folders.Root, "base", "signin.hbs"));
        Validate("base").Should().ContainSingle(i => i.Rule == ThemeRules.RequiredTemplate && i.Message.Contains("signin.hbs"));
    }

    [Fact]
    public void An_unknown_helper_is_reported_with_its_line()
    {
        Brand("idea.hbs", "<p>\n{{formatDate createdAt}}</p>");
        Validate("brand").Should().ContainSingle(i => i.Rule == ThemeRules.UnknownHelper && i.Message.Contains("line 2") && i.Message.Contains("formatDate"));
    }

    [Fact]
    public void An_unknown_block_helper_is_reported()
    {
        Brand("idea.hbs", "{{#foreach ideas}}x{{/foreach}}");
        Validate("brand").Should().Contain(i => i.Rule == ThemeRules.UnknownHelper && i.Message.Contains("foreach"));
    }

    [Fact]
    public void An_unknown_partial_is_reported()
    {
        Brand("idea.hbs", "{{> sidebar}}");
        Validate("brand").Should().ContainSingle(i => i.Rule == ThemeRules.UnknownPartial && i.Message.Contains("sidebar"));
    }

    [Fact]
    public void Built_in_helpers_values_and_known_partials_are_fine()
    {
        Brand("idea.hbs", "{{#if a}}{{b}}{{else}}{{{c}}}{{/if}}{{#each items}}{{> header}}{{@index}}{{/each}}{{#with x}}{{y}}{{/with}}{{lookup m k}}{{#unless z}}!{{/unless}}");
        Validate("brand").Should().BeEmpty();
    }

    [Fact]
    public void A_base_theme_loop_is_reported_not_followed_forever()
    {
        _folders.Write("a/theme.json", """{ "name": "a", "baseTheme": "b" }""");
        _folders.Write("b/theme.json", """{ "name": "b", "baseTheme": "a" }""");
        var act = () => ThemeSources.Load(_folders.Root, "a", null);
        act.Should().Throw<ThemeException>().WithMessage("*loop*");
    }

    [Fact]
    public void The_shipped_themes_pass_the_validator()
    {
        var themes = Path.Combine(RepositoryRoot(), "themes");
        foreach (var theme in Directory.GetDirectories(themes).Select(Path.GetFileName))
            ThemeValidator.Validate(ThemeSources.Load(themes, theme!, null)).Should().BeEmpty($"the shipped theme '{theme}' must be servable");
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Engine.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Engine.sln not found above the test folder.");
    }
}
