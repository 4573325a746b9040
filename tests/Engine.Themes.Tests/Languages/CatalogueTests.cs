using System.Text;
using Engine.Themes.Languages;

namespace Engine.Themes.Tests.Languages;

/// <summary><c>{{ t "key" }}</c> in templates: catalogues per language, through the theme chain, plurals, encoding, and the checker's rules.</summary>
public class CatalogueTests : IDisposable
{
    private readonly ThemeFolders _folders = new();
    public void Dispose() => _folders.Dispose();

    // Compiled without the checker first: several of these themes are ones the checker refuses.
    private CompiledTheme Theme(string theme = "base", string? overrides = null) => new(ThemeSources.Load(_folders.Root, theme, overrides));

    private void Page(string template, string theme = "base") => _folders.Write($"{theme}/index.sbn-html", template);

    private void Brand() => _folders.Write("brand/theme.json", """{ "name": "brand", "baseTheme": "base" }""");

    private static string MainText(CompiledTheme theme, string language, object? count = null)
    {
        var html = theme.Render("index", new { language, count });
        return html[(html.IndexOf("<main>", StringComparison.Ordinal) + 6)..html.IndexOf("</main>", StringComparison.Ordinal)];
    }

    [Fact]
    public void A_key_reads_its_text_in_the_page_s_language_and_falls_back_to_English()
    {
        _folders.Write("base/locales/en.json", """{ "nav.search": "Search ideas", "nav.news": "News" }""");
        _folders.Write("base/locales/cy.json", """{ "nav.search": "Chwilio syniadau" }""");
        Page("<main>{{ t 'nav.search' }} | {{ t 'nav.news' }}</main>");
        MainText(Theme(), "cy").Should().Be("Chwilio syniadau | News");
        MainText(Theme(), "cy-GB").Should().Be("Chwilio syniadau | News", "cy-GB reads the cy catalogue");
        MainText(Theme(), "en").Should().Be("Search ideas | News");
    }

    [Fact]
    public void A_theme_and_a_tenant_override_win_over_base_key_by_key()
    {
        _folders.Write("base/locales/en.json", """{ "a": "base a", "b": "base b", "c": "base c" }""");
        Brand();
        _folders.Write("brand/locales/en.json", """{ "b": "brand b", "c": "brand c" }""");
        var overrides = _folders.Write("tenant/overrides/locales/en.json", """{ "c": "tenant c" }""");
        Page("<main>{{ t 'a' }} {{ t 'b' }} {{ t 'c' }}</main>");
        MainText(Theme("brand", Path.GetDirectoryName(Path.GetDirectoryName(overrides))), "en").Should().Be("base a brand b tenant c");
        MainText(Theme("brand"), "en").Should().Be("base a brand b brand c");
    }

    [Theory]
    [InlineData("en", 1, "1 idea")]
    [InlineData("en", 0, "0 ideas")]
    [InlineData("en", 2, "2 ideas")]
    [InlineData("cy", 0, "Dim syniadau")]
    [InlineData("cy", 1, "1 syniad")]
    [InlineData("cy", 2, "2 syniad (dau)")]
    [InlineData("cy", 3, "3 syniad (tri)")]
    [InlineData("cy", 6, "6 syniad (chwech)")]
    [InlineData("cy", 7, "7 syniad")]
    public void A_plural_entry_takes_the_form_of_its_count_s_CLDR_category(string language, int count, string expected)
    {
        _folders.Write("base/locales/en.json", """{ "ideas": { "one": "{0} idea", "other": "{0} ideas" } }""");
        _folders.Write("base/locales/cy.json", """
            { "ideas": { "zero": "Dim syniadau", "one": "{0} syniad", "two": "{0} syniad (dau)", "few": "{0} syniad (tri)", "many": "{0} syniad (chwech)", "other": "{0} syniad" } }
            """);
        Page("<main>{{ t 'ideas' count }}</main>");
        MainText(Theme(), language, count).Should().Be(expected);
    }

    [Fact]
    public void A_text_and_the_values_put_in_it_are_encoded_like_any_value()
    {
        _folders.Write("base/locales/en.json", """{ "by": "By <b>{0}</b> & co" }""");
        Page("<main>{{ t 'by' count }}</main>");
        MainText(Theme(), "en", "<script>alert(1)</script>").Should().Be("By &lt;b&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;/b&gt; &amp; co");
    }

    [Fact]
    public void A_value_is_put_in_once_so_braces_in_it_stay_text()
    {
        _folders.Write("base/locales/en.json", """{ "by": "By {0} ({1})" }""");
        Page("<main>{{ t 'by' count 'x' }}</main>");
        MainText(Theme(), "en", "{1} and {0}").Should().Be("By {1} and {0} (x)");
    }

    [Fact]
    public void A_t_without_a_key_fails_the_render()
    {
        _folders.Write("base/locales/en.json", """{ "a": "A" }""");
        Page("<main>{{ t }}</main>");
        FluentActions.Invoking(() => Theme().Render("index", new { language = "en" })).Should().Throw<ThemeRenderException>();
    }

    [Fact]
    public void A_key_no_catalogue_has_shows_the_key_on_a_live_page_and_fails_the_strict_render()
    {
        _folders.Write("base/locales/en.json", """{ "a": "A" }""");
        Page("<main>{{ t 'no.such.key' }}</main>");
        MainText(Theme(), "en").Should().Be("no.such.key");
        var strict = () => Theme().RenderStrict("index", new { language = "en", title = "Home" }, new StringBuilder());
        strict.Should().Throw<ThemeRenderException>().Which.Reason.Should().Contain("no.such.key");
    }

    [Fact]
    public void The_strict_render_in_Welsh_fails_on_a_key_only_English_has()
    {
        _folders.Write("base/locales/en.json", """{ "a": "A", "b": "B" }""");
        _folders.Write("base/locales/cy.json", """{ "a": "A yn Gymraeg" }""");
        Page("<main>{{ t 'a' }}{{ t 'b' }}</main>");
        var strict = () => Theme().RenderStrict("index", new { language = "cy", title = "Home" }, new StringBuilder());
        strict.Should().Throw<ThemeRenderException>().Which.Reason.Should().Contain("'b'").And.Contain("cy.json");
    }

    private IReadOnlyList<ThemeIssue> Validate(string theme) => ThemeValidator.Validate(ThemeSources.Load(_folders.Root, theme, null));

    [Fact]
    public void The_checker_reports_a_key_missing_from_English_with_its_file_line_and_column()
    {
        _folders.Write("base/locales/en.json", """{ "nav.search": "Search ideas" }""");
        Brand();
        _folders.Write("brand/index.sbn-html", "<main>\n  {{ t 'nav.serch' }}</main>");
        Validate("brand").Should().ContainSingle().Which.Should().Match<ThemeIssue>(i =>
            i.Rule == ThemeRules.UnknownKey && i.File.EndsWith("index.sbn-html") && i.Line == 2 && i.Column == 6 && i.Message.Contains("nav.serch"));
    }

    [Fact]
    public void The_checker_reports_a_key_of_en_json_missing_from_another_shipped_catalogue()
    {
        _folders.Write("base/locales/en.json", "{\n  \"a\": \"A\",\n  \"b\": \"B\"\n}");
        _folders.Write("base/locales/cy.json", """{ "a": "A" }""");
        Validate("base").Should().ContainSingle().Which.Should().Match<ThemeIssue>(i =>
            i.Rule == ThemeRules.Untranslated && i.File.EndsWith("en.json") && i.Line == 3 && i.Column == 3 && i.Message.Contains("'b'") && i.Message.Contains("cy.json"));
    }

    [Fact]
    public void A_theme_that_rewords_an_English_text_must_reword_it_in_each_language_it_ships()
    {
        _folders.Write("base/locales/en.json", """{ "a": "A" }""");
        _folders.Write("base/locales/cy.json", """{ "a": "A (cy)" }""");
        Brand();
        _folders.Write("brand/locales/en.json", """{ "a": "Brand A" }""");
        _folders.Write("brand/locales/cy.json", """{ }""");
        Validate("brand").Should().ContainSingle(i => i.Rule == ThemeRules.Untranslated && i.File.Contains("brand"));
    }

    [Fact]
    public void A_catalogue_marked_partial_is_not_asked_for_every_key_and_reads_the_rest_in_English()
    {
        _folders.Write("base/locales/en.json", """{ "a": "A", "b": "B" }""");
        _folders.Write("base/locales/ur.json", """{ "$partial": "The public pages only.", "a": "A (ur)" }""");
        _folders.Write("base/locales/cy.json", """{ "a": "A (cy)" }""");
        Page("<main>{{ t 'a' }} {{ t 'b' }}</main>");
        Validate("base").Should().ContainSingle("Welsh is not marked partial, so its missing key is reported; Urdu's is not")
            .Which.Should().Match<ThemeIssue>(i => i.Rule == ThemeRules.Untranslated && i.Message.Contains("cy.json"));
        MainText(Theme(), "ur").Should().Be("A (ur) B");
        Theme().Catalogue.Entries("ur").Keys.Should().Equal("a");
    }

    [Theory]
    [InlineData("{ \"a\": 3 }", 1, 8)]
    [InlineData("{\n \"$partial\": 3 }", 2, 14)]
    [InlineData("{\n \"a\": { \"one\": \"x\" } }", 2, 2)]
    [InlineData("{\n \"a\": { \"single\": \"x\", \"other\": \"y\" } }", 2, 9)]
    [InlineData("{\n \"a\": \"A\",\n \"a\": \"again\" }", 3, 2)]
    [InlineData("{\n \"a\": \"A\"\n \"b\": \"B\" }", 3, 2)]
    public void A_malformed_catalogue_is_reported_with_its_line_and_column(string json, int line, int column)
    {
        _folders.Write("base/locales/en.json", json);
        Validate("base").Should().ContainSingle().Which.Should().Match<ThemeIssue>(i =>
            i.Rule == ThemeRules.Catalogue && i.File.EndsWith("en.json") && i.Line == line && i.Column == column);
    }

    [Fact]
    public void A_catalogue_named_after_no_culture_is_reported()
    {
        _folders.Write("base/locales/welsh.json", "{}");
        Validate("base").Should().ContainSingle(i => i.Rule == ThemeRules.Catalogue && i.File.EndsWith("welsh.json"));
    }
}
