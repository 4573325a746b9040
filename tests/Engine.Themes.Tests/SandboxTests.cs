using System.Text;
using Engine.Themes.Rendering;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engine.Themes.Tests;

/// <summary>
/// A theme author is trusted to design, not to run code or to see more than the page: what a template
/// cannot do, whatever it is written to try.
/// </summary>
public class SandboxTests : IDisposable
{
    private readonly ThemeFolders _folders = new();
    public void Dispose() => _folders.Dispose();

    private CompiledTheme Theme(string index, ThemeLimits? limits = null)
    {
        _folders.Write("base/index.sbn-html", index);
        return new CompiledTheme(ThemeSources.Load(_folders.Root, "base", null), limits);
    }

    private static ThemeRenderException Fails(CompiledTheme theme, object model)
    {
        var act = () => theme.Render("index", model, new StringBuilder());
        return act.Should().Throw<ThemeRenderException>().Which;
    }

    [Theory]
    [InlineData("{{ text }}")]
    [InlineData("{{ text | string.replace '&lt;' '<' }}")]
    [InlineData("{{ text | string.upcase | string.downcase }}")]
    [InlineData("{{ [text] | array.join '' }}")]
    [InlineData("{{ text | html.strip }}{{ text | html.newline_to_br }}")]
    [InlineData("{{ x = text; x }}")]
    [InlineData("{{ '<' + 'img src=x onerror=alert(1)>' }}")]
    [InlineData("{{ text | object.to_json }}")]
    public void A_template_cannot_turn_model_text_into_markup(string index)
    {
        var html = Theme(index).Render("index", new { text = "<img src=x onerror=alert(1)>" })
            .Replace("<html><title></title><body><header>base header</header>", "").Replace("</body></html>", "");
        html.Should().NotContain("<img").And.NotContain("<");
    }

    [Fact]
    public void Html_made_by_the_engine_is_written_as_it_is_and_only_that()
    {
        var html = Theme("{{ body_html }}|{{ text }}").Render("index", new { body_html = new Html("<p>safe</p>"), text = "<p>not</p>" });
        html.Should().Contain("<p>safe</p>|&lt;p&gt;not&lt;/p&gt;");
    }

    [Theory]
    [InlineData("javascript:alert(1)", "#")]
    [InlineData(" JavaScript:alert(1)", "#")]
    [InlineData("data:text/html,<script>", "#")]
    [InlineData("vbscript:x", "#")]
    [InlineData("https://example.org/a?b=c", "https://example.org/a?b&#x3D;c")]
    [InlineData("/ideas/7", "/ideas/7")]
    [InlineData("?page=2", "?page&#x3D;2")]
    [InlineData("mailto:team@example.org", "mailto:team@example.org")]
    public void A_url_attribute_takes_only_relative_and_web_addresses(string url, string written)
    {
        var html = Theme("<a href=\"{{ link }}\">a</a><img src='{{ link }}'><form action={{ link }}></form><p title=\"{{ link }}\">").Render("index", new { link = url });
        html.Should().Contain($"<a href=\"{written}\">").And.Contain($"<img src='{written}'>").And.Contain($"<form action={written}>");
        html.Should().Contain("title=\"" + url.Replace("<", "&lt;").Replace(">", "&gt;").Replace("=", "&#x3D;") + "\"", "only URL attributes are checked");
    }

    [Fact]
    public void A_url_built_after_an_engine_prefix_is_not_mistaken_for_a_scheme()
    {
        var html = Theme("<a href=\"{{ base }}/ideas/{{ id }}\">a</a>").Render("index", new { @base = "/nhs", id = "javascript:1" });
        html.Should().Contain("<a href=\"/nhs/ideas/javascript:1\">", "the address starts with the engine's path, so it stays on the site");
    }

    [Theory]
    [InlineData("{{ for i in 1..1000000 }}x{{ end }}")]
    [InlineData("{{ while true }}x{{ end }}")]
    [InlineData("{{ for i in 1..1000 }}{{ for j in 1..1000 }}{{ end }}{{ end }}")]
    public void A_loop_stops_at_its_limit_with_an_error_naming_the_line(string index)
    {
        var error = Fails(Theme("<p>\n" + index, new ThemeLimits { LoopIterations = 10_000 }), new { });
        error.Line.Should().Be(2);
        error.File.Should().EndWith("index.sbn-html");
    }

    [Fact]
    public void Recursion_stops_at_its_limit()
    {
        Fails(Theme("{{ func f(n); f(n + 1); end; f(1) }}"), new { }).Reason.Should().Contain("recursive");
    }

    [Fact]
    public void A_partial_that_includes_itself_stops_at_the_depth_limit()
    {
        _folders.Write("base/partials/again.sbn-html", "x{{ include 'again' }}");
        Fails(Theme("{{ include 'again' }}"), new { }).Reason.Should().Contain("depth limit");
    }

    [Fact]
    public void A_render_that_runs_past_its_deadline_is_stopped()
    {
        // Exponential recursion stays under every count limit; only the clock stops it.
        var theme = Theme("{{ func f(n); if n > 0; f(n - 1); f(n - 1); end; end; f(30) }}", new ThemeLimits { Deadline = TimeSpan.FromMilliseconds(50) });
        var error = Fails(theme, new { });
        error.InnerException.Should().BeOfType<ThemeDeadlineException>();
        error.Reason.Should().Contain("50 ms");
    }

    [Fact]
    public void An_output_bomb_fails_instead_of_sending_a_truncated_page()
    {
        var error = Fails(Theme("{{ for i in 1..2000 }}{{ text }}{{ end }}", new ThemeLimits { OutputCharacters = 100_000 }), new { text = new string('x', 1000) });
        error.Reason.Should().Contain("output limit");
    }

    [Fact]
    public void A_render_ends_when_the_request_is_cancelled()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var act = () => Theme("{{ for i in 1..5000 }}x{{ end }}").Render("index", new { }, new StringBuilder(), cancelled.Token);
        act.Should().Throw<OperationCanceledException>();
    }

    [Theory]
    [InlineData("{{ object.eval '1 + 1' }}")]
    [InlineData("{{ object.eval_template '{{ 1 }}' }}")]
    [InlineData("{{ html.escape text }}")]
    [InlineData("{{ include_join ['a'] }}")]
    public void Functions_that_evaluate_text_or_encode_twice_do_not_exist(string index)
    {
        Fails(Theme(index), new { text = "t" });
    }

    [Fact]
    public void A_template_reaches_no_dotnet_member_beyond_the_view_model()
    {
        var html = Theme("[{{ service.full_name }}][{{ service }}][{{ text.length }}][{{ text.get_type }}][{{ object.keys service }}]")
            .Render("index", new { service = new DirectoryInfo("/etc"), text = "abc" });
        html.Should().NotContain("/etc").And.NotContain("System.");
    }

    [Theory]
    [InlineData("../secret")]
    [InlineData("/etc/passwd")]
    [InlineData("partials/header")]
    public void An_include_outside_the_theme_chain_fails(string name)
    {
        _folders.Write("secret.sbn-html", "SECRET");
        var error = Fails(Theme($"{{{{ include '{name}' }}}}"), new { });
        error.Reason.Should().Contain("no partial named");
    }

    [Fact]
    public void Built_ins_are_frozen_so_one_render_cannot_change_the_next()
    {
        var theme = Theme("{{ if change; string.upcase = nil; end }}{{ 'x' | string.upcase }}");
        Fails(theme, new { change = true });
        theme.Render("index", new { change = false }).Should().Contain("X");
    }

    [Fact]
    public void Variables_a_render_sets_are_gone_in_the_next_one()
    {
        var theme = Theme("{{ if set; secret = text; end }}[{{ secret }}]");
        theme.Render("index", new { set = true, text = "tenant A's" }).Should().Contain("[tenant A&#x27;s]");
        theme.Render("index", new { set = false, text = "" }).Should().Contain("[]");
    }

    [Fact]
    public void A_template_cannot_write_to_the_model()
    {
        var model = new { text = "kept" };
        Theme("{{ text = 'changed' }}").Render("index", model);
        model.text.Should().Be("kept");
    }

    [Fact]
    public void A_failed_render_says_theme_file_line_and_column()
    {
        var error = Fails(Theme("<p>\n  <b>{{ no_such_function 1 }}</b>"), new { });
        error.Theme.Should().Be("base");
        (error.Line, error.Column).Should().Be((2, 9));
        error.Message.Should().Contain("index.sbn-html(2,9)");
    }

    [Fact]
    public void A_models_list_says_its_size_so_an_empty_list_can_be_told_apart()
    {
        // Scriban treats an empty list as true; templates compare sizes, so size must work on the model's lists.
        var theme = Theme("{{ if items.size > 0 }}some{{ else }}none{{ end }} {{ items.size }}");
        theme.Render("index", new { items = new List<string>() }).Should().Contain("none 0");
        theme.Render("index", new { items = new[] { "a", "b" } }).Should().Contain("some 2");
        theme.Render("index", new { items = new[] { new { a = 1 } } }).Should().Contain("some 1", "an array of anonymous objects is a list too");
        IReadOnlyList<string> expression = ["a", "b", "c"];
        theme.Render("index", new { items = expression }).Should().Contain("some 3");
        IReadOnlyList<Engine.Themes.Pages.ErrorView> empty = [];
        theme.Render("index", new { items = empty }).Should().Contain("none 0");
        var strict = new System.Text.StringBuilder();
        theme.RenderStrict("index", new { title = "t", items = empty }, strict);
        strict.ToString().Should().Contain("none 0");
        theme.RenderStrict("index", new { title = "t", items = expression }, strict.Clear());
        strict.ToString().Should().Contain("some 3");
    }

    [Fact]
    public void The_output_limit_counts_one_page_not_every_page_a_pooled_context_rendered()
    {
        var theme = Theme("{{ text }}", new ThemeLimits { OutputCharacters = 10_000 });
        var page = new { text = new string('x', 4_000) };
        for (var i = 0; i < 20; i++) theme.Render("index", page).Length.Should().BeGreaterThan(4_000);
        Fails(theme, new { text = new string('x', 20_000) }).Reason.Should().Contain("output limit", "a reused context keeps its limits");
    }

    [Fact]
    public void A_reused_context_keeps_the_engines_limits_and_settings()
    {
        var theme = Theme("{{ for i in 1..5000 }}{{ end }}{{ text }}<a href=\"{{ link }}\">");
        for (var i = 0; i < 3; i++)
        {
            var html = theme.Render("index", new { text = "<b>", link = "javascript:x" });
            html.Should().Contain("&lt;b&gt;<a href=\"#\">", "Scriban's default loop limit (1000) must not come back after a render");
        }
        Fails(Theme("{{ nothing_here 1 }}"), new { });
    }
}
