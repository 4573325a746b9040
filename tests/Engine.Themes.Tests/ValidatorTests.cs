using Engine.Themes.Pages;

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

    private IReadOnlyList<ThemeIssue> Validate(string theme, params (string Page, object Model)[] samples) =>
        ThemeValidator.Validate(ThemeSources.Load(_folders.Root, theme, null), samples);

    [Fact]
    public void A_missing_required_template_is_reported()
    {
        File.Delete(Path.Combine(_folders.Root, "base", "signin.sbn-html"));
        Validate("base").Should().ContainSingle(i => i.Rule == ThemeRules.RequiredTemplate && i.Message.Contains("signin.sbn-html"));
    }

    [Fact]
    public void A_parse_error_is_reported_with_its_line_and_column()
    {
        Brand("idea.sbn-html", "<p>\n  {{ if ready }}never closed");
        Validate("brand").Should().Contain(i => i.Rule == ThemeRules.Compile && i.Line == 2 && i.Column > 0 && i.File.EndsWith("idea.sbn-html"));
    }

    [Fact]
    public void An_unknown_partial_is_reported_with_its_line()
    {
        Brand("idea.sbn-html", "<p>\n{{ include 'sidebar' }}");
        Validate("brand").Should().ContainSingle(i => i.Rule == ThemeRules.UnknownPartial && i.Message.Contains("sidebar") && i.Line == 2);
    }

    [Fact]
    public void An_include_must_name_its_partial_literally()
    {
        Brand("idea.sbn-html", "{{ include name }}");
        Validate("brand").Should().ContainSingle(i => i.Rule == ThemeRules.DynamicInclude);
    }

    [Theory]
    [InlineData("<script>var title = \"{{ title }}\";</script>")]
    [InlineData("<style>body { color: {{ colour }} }</style>")]
    [InlineData("<button onclick=\"go('{{ id }}')\">go</button>")]
    [InlineData("<img src=x onerror={{ id }}>")]
    public void A_value_where_encoding_cannot_make_it_safe_is_reported(string template)
    {
        Brand("idea.sbn-html", "<p>\n" + template);
        Validate("brand").Should().ContainSingle(i => i.Rule == ThemeRules.UnsafeContext && i.Line == 2);
    }

    [Fact]
    public void Capture_is_reported_because_it_would_encode_twice()
    {
        Brand("idea.sbn-html", "{{ capture x }}<b>{{ title }}</b>{{ end }}{{ x }}");
        Validate("brand").Should().ContainSingle(i => i.Rule == ThemeRules.Unsupported);
    }

    [Fact]
    public void A_misspelt_variable_is_found_by_rendering_the_sample_strictly()
    {
        Brand("idea.sbn-html", "<main>\n  {{ idea.titel }}</main>");
        var issues = Validate("brand", ("idea", new { title = "t", idea = new { title = "t" } }));
        issues.Should().ContainSingle(i => i.Rule == ThemeRules.Render && i.Line == 2 && i.Message.Contains("titel"));
    }

    [Fact]
    public void A_mistake_in_the_layout_is_reported_once_naming_every_page_it_breaks()
    {
        _folders.Write("brand/theme.json", """{ "name": "brand", "baseTheme": "base" }""");
        _folders.Write("brand/default.sbn-html", "<title>{{ titel }}</title>{{ body }}");
        var issues = Validate("brand", ("idea", new { title = "t" }), ("index", new { title = "t" }));
        issues.Should().ContainSingle().Which.Message.Should().Contain("titel").And.Contain("'idea', 'index'");
    }

    [Fact]
    public void An_unknown_function_is_found_by_rendering_the_sample_strictly()
    {
        Brand("idea.sbn-html", "{{ created_at | format_date }}");
        Validate("brand", ("idea", new { title = "t", created_at = "now" })).Should().ContainSingle(i => i.Rule == ThemeRules.Render && i.Message.Contains("format_date"));
    }

    [Fact]
    public void Built_in_functions_loops_and_known_partials_are_fine()
    {
        Brand("idea.sbn-html", "{{ if a }}{{ b | string.upcase }}{{ else }}{{ c }}{{ end }}{{ for item in items }}{{ include 'header' }}{{ for.index }}{{ item }}{{ end }}{{ if !z }}!{{ end }}");
        Validate("brand", ("idea", new { title = "t", a = true, b = "b", c = "c", items = new[] { "x", "y" }, z = false })).Should().BeEmpty();
    }

    [Fact]
    public void A_misspelt_value_in_an_email_is_found_by_rendering_every_part_strictly()
    {
        _folders.Write("base/emails/layout.sbn-txt", "{{ body }}");
        _folders.Write("base/emails/layout.sbn-html", "<div>{{ body }}</div>");
        _folders.Write("base/emails/layout.sbn-subject", "{{ body }}");
        _folders.Write("base/emails/reply.sbn-subject", "Reply on {{ idea_title }}");
        _folders.Write("base/emails/reply.sbn-txt", "{{ name }}:\n{{ quote.txt }}");
        _folders.Write("base/emails/reply.sbn-html", "<p>{{ name }}</p>");
        var issues = ThemeValidator.Validate(ThemeSources.Load(_folders.Root, "base", null), [],
            [("reply", new { name = "Sam", idea_title = "Ideas", quote = new { text = "> yes" } })]);
        issues.Should().ContainSingle().Which.Should().Match<ThemeIssue>(i =>
            i.Rule == ThemeRules.Render && i.File.EndsWith("reply.sbn-txt") && i.Line == 2 && i.Message.Contains("txt") && i.Message.Contains("emails/reply.sbn-txt"));
    }

    [Fact]
    public void An_email_part_missing_from_the_chain_is_reported()
    {
        _folders.Write("base/emails/layout.sbn-txt", "{{ body }}");
        _folders.Write("base/emails/reply.sbn-txt", "{{ name }}");
        var issues = ThemeValidator.Validate(ThemeSources.Load(_folders.Root, "base", null), [], [("reply", new { name = "Sam" })]);
        issues.Select(i => (i.Rule, Path.GetFileName(i.File))).Should().BeEquivalentTo(
            [(ThemeRules.RequiredTemplate, "reply.sbn-html"), (ThemeRules.RequiredTemplate, "reply.sbn-subject")]);
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
        var themes = Path.Combine(TestRepository.Root, "themes");
        foreach (var theme in Directory.GetDirectories(themes).Select(Path.GetFileName))
            ThemeValidator.Validate(ThemeSources.Load(themes, theme!, null), PageSamples.All().Select(s => (s.Page, (object)s.Model)))
                .Should().BeEmpty($"the shipped theme '{theme}' must be servable, every page rendering strictly against the samples");
    }

}
