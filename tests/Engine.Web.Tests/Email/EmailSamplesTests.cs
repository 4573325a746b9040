using Engine.Themes;
using Engine.Themes.Pages;
using Engine.Web.Email;
using Engine.Web.Hosting;

namespace Engine.Web.Tests.Email;

/// <summary>The theme checker renders every email of a theme against the engine's sample emails, as it does pages.</summary>
public sealed class EmailSamplesTests : IDisposable
{
    private static readonly string Themes = Path.Combine(TestRepository.Root, "themes");
    private readonly string _overrides = Path.Combine(Path.GetTempPath(), "email-samples-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Every_email_template_the_base_theme_has_is_among_the_samples()
    {
        var templates = Directory.GetFiles(Path.Combine(Themes, "base", "emails"), "*.sbn-txt")
            .Select(f => Path.GetFileNameWithoutExtension(f)).Where(t => t != "layout");
        EmailSamples.All().Select(s => s.Template).Distinct().Should().BeEquivalentTo(templates,
            "an email without a sample would go unchecked: add it to EmailSamples");
    }

    [Theory]
    [InlineData("base")]
    [InlineData("nhs")]
    [InlineData("london")]
    public void The_shipped_themes_emails_render_strictly_against_every_sample(string theme) =>
        ThemeValidator.Validate(ThemeSources.Load(Themes, theme, null), PageSamples.All().Select(s => (s.Page, (object)s.Model)), EmailSamples.All())
            .Should().BeEmpty();

    [Fact]
    public void A_misspelt_value_in_a_tenants_email_is_reported_by_theme_check_with_its_file_and_line()
    {
        Directory.CreateDirectory(Path.Combine(_overrides, "emails"));
        File.WriteAllText(Path.Combine(_overrides, "emails", "reply.sbn-txt"), "Hello {{ name }},\n{{ idea_titel }}\n{{ url }}");
        using var writer = new StringWriter();
        var exit = ThemeCommands.Run(["theme", "check", Path.Combine(Themes, "base"), "--overrides", _overrides], writer);
        exit.Should().Be(1);
        writer.ToString().Should().Contain("reply.sbn-txt(2,").And.Contain("idea_titel").And.Contain("emails/reply.sbn-txt");
    }

    public void Dispose()
    {
        if (Directory.Exists(_overrides)) Directory.Delete(_overrides, recursive: true);
    }
}
