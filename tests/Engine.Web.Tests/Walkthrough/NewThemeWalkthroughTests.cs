using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Engine.Web.Hosting;
using Microsoft.AspNetCore.Hosting;
using Xunit.Abstractions;

namespace Engine.Web.Tests.Walkthrough;

/// <summary>
/// A region's web team following only docs/themes.md ("Start a theme", "Check it") makes a theme that
/// builds on nhs, changes its footer, checks it and serves it. The test does what the tutorial says, for
/// real: installs the template from this repository (into a private template hive), runs
/// <c>dotnet new engine-theme -n my-region</c> in a scratch themes folder beside copies of base and nhs
/// (the repository's themes/ is never written to), runs the checker, and serves a tenant on the theme.
/// </summary>
[Trait("Category", "Walkthrough")]
public sealed class NewThemeWalkthroughTests(ITestOutputHelper output) : IDisposable
{
    private const string PhoneLine = "Questions about this site? Call the Thames Valley team on 0118 496 0000.";
    private readonly string _work = Path.Combine(Path.GetTempPath(), "engine-theme-walkthrough", Guid.NewGuid().ToString("N"));
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    [Fact]
    public async Task A_web_team_following_the_tutorial_makes_checks_and_serves_a_theme_built_on_nhs()
    {
        var footer = await NewThemeAsync();
        var theme = Path.GetDirectoryName(Path.GetDirectoryName(footer))!;

        // The tutorial's first edit: the region's own line in the footer it was given.
        var template = await File.ReadAllTextAsync(footer);
        template.Should().StartWith("{{##", "the footer says at its top what it is").And.Contain("docs/themes.md");
        template.Should().Contain("<p class=\"nhsuk-body-s\">{{ site.name }}</p>", "the footer is the nhs one to start from");
        await File.WriteAllTextAsync(footer, template.Replace("{{ site.name }}</p>", $"{{{{ site.name }}}}</p>\n      <p class=\"nhsuk-body-s\">{PhoneLine}</p>"));

        // Check it: no problems, exit code 0.
        var (exit, report) = Check(theme);
        exit.Should().Be(0, report);
        report.Should().Contain("Theme 'my-region'").And.Contain("no problems");
        Step("theme checked");

        // Point a tenant at it and look at its home page.
        await using var engine = new EngineWithThemes(Path.GetDirectoryName(theme)!);
        engine.WriteTenant("alpha", EngineApp.Tenant("alpha", "Alpha Health Ideas", ["alpha.test"], anonymous: false, downVotes: false, theme: "my-region"));
        using var visitor = engine.Visit("alpha.test");
        var (status, html) = await visitor.GetPageAsync("/");
        status.Should().Be(HttpStatusCode.OK, html);
        html.Should().Contain(PhoneLine, "the tenant is served the new theme's footer")
            .And.Contain("nhsuk-footer", "the footer is nhs's, changed")
            .And.Contain("nhsuk-header", "everything the theme does not have comes from nhs");
        Step("home page served with the new footer");
    }

    [Fact]
    public async Task A_misspelt_variable_in_the_new_footer_is_named_by_the_checker_with_its_file_and_line()
    {
        var footer = await NewThemeAsync();
        var lines = (await File.ReadAllTextAsync(footer)).ReplaceLineEndings("\n").Split('\n');
        var line = Array.FindIndex(lines, l => l.Contains("{{ site.name }}</p>"));
        line.Should().BeGreaterThan(0, "the footer writes the site's name");
        lines[line] = lines[line].Replace("site.name", "site.nmae");
        await File.WriteAllTextAsync(footer, string.Join('\n', lines));

        var (exit, report) = Check(Path.GetDirectoryName(Path.GetDirectoryName(footer))!);
        exit.Should().Be(1, report);
        report.Should().Contain($"THEME-RENDER {footer}({line + 1},").And.Contain("nmae").And.Contain("problem(s)");
    }

    /// <summary>
    /// What "Start a theme" says, after checking the tutorial still says it: the template installed, and
    /// <c>dotnet new engine-theme -n my-region</c> run in a themes folder. Gives the new theme's footer partial.
    /// </summary>
    private async Task<string> NewThemeAsync()
    {
        var repository = TestRepository.Root;
        var tutorial = (await File.ReadAllTextAsync(Path.Combine(repository, "docs", "themes.md"))).ReplaceLineEndings("\n");
        // The commands below are the tutorial's; keep them in step with it.
        tutorial.Should().Contain("dotnet new install $ENGINE/templates/engine-theme\ncd $ENGINE/themes\ndotnet new engine-theme -n my-region")
            .And.Contain("\"theme\": \"my-region\"")
            .And.Contain("dotnet cake --target=ThemeCheck --theme=themes/my-region")
            .And.Contain("dotnet engine/Engine.Web/bin/Debug/net10.0/Engine.Web.dll theme check themes/my-region");

        // A themes folder of its own, with the themes the new one builds on.
        var themes = Path.Combine(_work, "themes");
        foreach (var shipped in new[] { "base", "nhs" })
            DotnetCli.CopyFolder(Path.Combine(repository, "themes", shipped), Path.Combine(themes, shipped));

        var dotnet = new DotnetCli(output, Step);
        var hive = Path.Combine(_work, "template-hive");
        await dotnet.RunAsync(_work, "new", "install", Path.Combine(repository, "templates", "engine-theme"), "--debug:custom-hive", hive);
        await dotnet.RunAsync(themes, "new", "engine-theme", "-n", "my-region", "--debug:custom-hive", hive, "--no-update-check");

        var theme = Path.Combine(themes, "my-region");
        using (var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(theme, "theme.json"))))
        {
            manifest.RootElement.GetProperty("name").GetString().Should().Be("my-region");
            manifest.RootElement.GetProperty("baseTheme").GetString().Should().Be("nhs");
            manifest.RootElement.GetProperty("description").GetString().Should().NotBeNullOrWhiteSpace();
        }
        (await File.ReadAllTextAsync(Path.Combine(theme, "README.md"))).Should().Contain("docs/themes.md");
        var footer = Path.Combine(theme, "partials", "footer.sbn-html");
        File.Exists(footer).Should().BeTrue("the template gives the theme its own footer to start from");
        return footer;
    }

    /// <summary>The checker, as <c>theme check themes/my-region</c> runs it: exit code and what it prints.</summary>
    private static (int Exit, string Report) Check(string theme)
    {
        using var writer = new StringWriter();
        var exit = ThemeCommands.Run(["theme", "check", theme], writer);
        return (exit, writer.ToString());
    }

    private void Step(string what) => output.WriteLine($"[{_clock.Elapsed.TotalSeconds,6:0.0} s] {what}");

    public void Dispose()
    {
        output.WriteLine($"walkthrough took {_clock.Elapsed.TotalSeconds:0.0} s");
        try { Directory.Delete(_work, recursive: true); } catch (IOException) { /* a file may still be held briefly */ } catch (UnauthorizedAccessException) { }
    }

    /// <summary>The engine, loading themes only from the given folder.</summary>
    private sealed class EngineWithThemes(string themesPath) : EngineApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Engine:ThemesPath", themesPath);
        }
    }
}
