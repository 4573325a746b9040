using Engine.Themes.Pages;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engine.Themes.Tests;

/// <summary>
/// Plugins' templates for the places every theme leaves for them (outlets): written in each shipped theme, under the
/// themes' encoding and checks, never reading a member's own values, and costing the tenant only the plugin's outlets
/// (never its theme) when one is broken.
/// </summary>
public class OutletTests : IDisposable
{
    private readonly ThemeFolders _folders = new();
    public void Dispose() => _folders.Dispose();

    private static string ShippedThemes => Path.Combine(TestRepository.Root, "themes");

    /// <summary>A plugin folder with one template per place, each writing which place it is and what it reads there.</summary>
    private IReadOnlyList<ThemeOutlet> Plugin(string id = "marker", string? card = null, string? sidebar = null, string? header = null)
    {
        var folder = Path.Combine(_folders.Root, "plugins", id);
        _folders.Write($"plugins/{id}/outlets/idea-card-footer.sbn-html", card ?? "<p class=\"marker-card\">card of {{ idea.title }}</p>");
        _folders.Write($"plugins/{id}/outlets/idea-sidebar.sbn-html", sidebar ?? "<p class=\"marker-sidebar\">beside {{ idea.title }}</p>");
        _folders.Write($"plugins/{id}/outlets/challenge-header.sbn-html", header ?? "<p class=\"marker-header\">under {{ challenge.title }}</p>");
        return ThemeOutlet.InFolder(id, folder);
    }

    private static IPage Sample(string page) => PageSamples.Full().Single(s => s.Page == page).Model;

    private static ThemeEngine Engine(string root) =>
        new(root, NullLogger<ThemeEngine>.Instance, samples: PageSamples.All().Select(s => (s.Page, (object)s.Model)).ToList());

    [Theory]
    [InlineData("base")]
    [InlineData("nhs")]
    [InlineData("london")]
    public void Every_shipped_theme_writes_each_outlet_in_its_place(string theme)
    {
        var compiled = new CompiledTheme(ThemeSources.Load(ShippedThemes, theme, null, Plugin()));
        var challenge = (ChallengePage)Sample("challenge");
        var idea = (IdeaPage)Sample("idea");

        var challengeHtml = compiled.Render("challenge", challenge);
        challengeHtml.Should().Contain($"under {System.Net.WebUtility.HtmlEncode(challenge.Challenge.Title)}");
        foreach (var card in challenge.Ideas) challengeHtml.Should().Contain($"card of {System.Net.WebUtility.HtmlEncode(card.Title)}");
        compiled.Render("idea", idea).Should().Contain($"beside {System.Net.WebUtility.HtmlEncode(idea.Idea.Title)}");
    }

    [Theory]
    [InlineData("base")]
    [InlineData("nhs")]
    [InlineData("london")]
    public void A_theme_without_plugins_writes_nothing_in_its_outlets(string theme) =>
        new CompiledTheme(ThemeSources.Load(ShippedThemes, theme, null)).Render("challenge", Sample("challenge"))
            .Should().NotContain("marker").And.NotContain("outlet");

    [Fact]
    public void What_an_outlet_writes_is_encoded_like_the_themes_own_values()
    {
        var compiled = new CompiledTheme(ThemeSources.Load(ShippedThemes, "base", null,
            Plugin(header: "<p class=\"marker-header\">{{ '<script>alert(1)</script>' }}{{ challenge.description | string.upcase }}</p>")));

        var html = compiled.Render("challenge", Sample("challenge"));

        html.Should().Contain("&lt;script&gt;alert(1)&lt;/script&gt;").And.NotContain("<script>alert(1)");
    }

    [Fact]
    public void Outlets_of_several_plugins_are_written_in_the_order_of_their_ids()
    {
        var outlets = Plugin("zebra", header: "<p>zebra</p>").Concat(Plugin("aardvark", header: "<p>aardvark</p>")).ToList();
        var html = new CompiledTheme(ThemeSources.Load(ShippedThemes, "base", null, outlets)).Render("challenge", Sample("challenge"));

        html.IndexOf("<p>aardvark</p>", StringComparison.Ordinal).Should().BePositive()
            .And.BeLessThan(html.IndexOf("<p>zebra</p>", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("base")]
    [InlineData("nhs")]
    [InlineData("london")]
    public void A_members_page_with_outlets_is_still_written_from_the_shared_shell_and_is_the_same_page(string theme)
    {
        var compiled = new CompiledTheme(ThemeSources.Load(ShippedThemes, theme, null, Plugin()));
        var page = Sample("challenge");

        compiled.WhyNotShared("challenge").Should().BeNull();
        PersonalPartsTests.ThroughShell(compiled, "challenge", page, page).Should().Be(compiled.Render("challenge", page)).And.Contain("card of");
    }

    [Fact]
    public void An_outlet_that_reads_a_members_own_values_costs_the_tenant_its_outlets_not_its_theme()
    {
        var outlets = Plugin(card: "<p class=\"marker-card\">{{ if idea.voted_up }}yours{{ end }}</p>");

        var result = Engine(ShippedThemes).Get("nhs", null, outlets);

        result.Theme.Name.Should().Be("nhs", "the tenant keeps its theme");
        result.OutletIssues.Should().ContainSingle().Which.File.Should().EndWith(Path.Combine("outlets", "idea-card-footer.sbn-html"));
        result.OutletIssues[0].Message.Should().Contain("member's own values");
        result.Theme.Render("challenge", Sample("challenge")).Should().NotContain("marker-");
    }

    [Fact]
    public void An_outlet_that_reads_a_name_the_place_does_not_have_is_reported_with_its_line_and_column()
    {
        var outlets = Plugin(sidebar: "<p>\n  {{ idea.titel }}</p>");

        var result = Engine(ShippedThemes).Get("base", null, outlets);

        result.Issues.Should().BeEmpty();
        var issue = result.OutletIssues.Should().ContainSingle().Which;
        (issue.Rule, issue.Line, issue.Column).Should().Be((ThemeRules.Render, 2, 11), "the misspelt member is where the column points");
        issue.File.Should().EndWith(Path.Combine("outlets", "idea-sidebar.sbn-html"));
    }

    [Fact]
    public void An_outlet_cannot_reach_net_members_or_evaluate_text()
    {

        foreach (var template in new[] { "{{ idea.GetType }}", "{{ object.eval_template '{{ 1 }}' }}", "{{ include '../default' }}" })
            Engine(ShippedThemes).Get("base", null, Plugin(header: template)).OutletIssues.Should().NotBeEmpty(template);
    }

    [Fact]
    public void A_plugins_words_are_its_own_and_cannot_reword_the_theme()
    {
        var outlets = Plugin(header: "<p>{{ t 'plugin.marker.hello' }}</p>");
        _folders.Write("plugins/marker/locales/en.json", """{ "plugin.marker.hello": "Hello from the plugin", "challenge.all": "Reworded" }""");

        var refused = Engine(ShippedThemes).Get("base", null, outlets);
        refused.OutletIssues.Should().ContainSingle().Which.Message.Should().Contain("'challenge.all'").And.Contain("plugin.marker.");

        _folders.Write("plugins/marker/locales/en.json", """{ "plugin.marker.hello": "Hello from the plugin" }""");
        var served = Engine(ShippedThemes).Get("base", null, outlets);
        served.OutletIssues.Should().BeEmpty();
        served.Theme.Render("challenge", Sample("challenge")).Should().Contain("<p>Hello from the plugin</p>");
    }

    [Fact]
    public void An_outlet_for_a_place_no_theme_has_is_refused_naming_the_file()
    {
        var file = _folders.Write("plugins/odd/outlets/footer.sbn-html", "<p>x</p>");

        var refused = () => ThemeOutlet.InFolder("odd", Path.Combine(_folders.Root, "plugins", "odd"));

        refused.Should().Throw<ThemeException>().Which.File.Should().Be(file);
    }

    [Fact]
    public void A_theme_that_names_an_unknown_outlet_is_reported_with_its_line()
    {
        _folders.Write("base/challenge.sbn-html", "<main>\n{{ outlet 'idea-footer' }}</main>");

        var issues = ThemeValidator.Validate(ThemeSources.Load(_folders.Root, "base", null));

        issues.Should().ContainSingle().Which.Should().Match<ThemeIssue>(i => i.Rule == ThemeRules.UnknownOutlet && i.Line == 2);
    }
}
