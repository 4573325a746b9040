namespace Engine.Themes.Tests;

public class EmailTemplateTests : IDisposable
{
    private readonly ThemeFolders _folders = new();
    public void Dispose() => _folders.Dispose();

    private CompiledTheme Theme()
    {
        _folders.Write("base/emails/layout.sbn-txt", "{{ body }}\n-- \n{{ site_name }}");
        _folders.Write("base/emails/layout.sbn-html", "<div style=\"color:#005eb8\">{{ body }}</div><p>{{ site_name }}</p>");
        _folders.Write("base/emails/reply.sbn-txt", "{{ author }} replied: {{ text }}\n{{ url }}");
        _folders.Write("base/emails/reply.sbn-html", "<p>{{ author }} replied: {{ text }}</p><a href=\"{{ url }}\">Read it</a>");
        return new CompiledTheme(ThemeSources.Load(_folders.Root, "base", null));
    }

    private static readonly object Reply = new { site_name = "Ward & Co", author = "Sam <b>", text = "Yes 'please'", url = "javascript:alert(1)" };

    [Fact]
    public void The_text_part_is_written_as_it_is_inside_its_layout()
    {
        Theme().RenderEmail("reply", Reply, EmailPart.Text).Should().Be("Sam <b> replied: Yes 'please'\njavascript:alert(1)\n-- \nWard & Co");
    }

    [Fact]
    public void The_html_part_is_encoded_and_its_links_checked_as_pages_are()
    {
        var html = Theme().RenderEmail("reply", Reply, EmailPart.Html);
        html.Should().Be("<div style=\"color:#005eb8\"><p>Sam &lt;b&gt; replied: Yes &#x27;please&#x27;</p><a href=\"#\">Read it</a></div><p>Ward &amp; Co</p>");
    }

    [Fact]
    public void A_tenants_override_changes_its_emails_only()
    {
        Theme();
        var overrides = Path.Combine(_folders.Root, "tenant-a");
        _folders.Write("tenant-a/emails/reply.sbn-txt", "A: {{ text }}");
        new CompiledTheme(ThemeSources.Load(_folders.Root, "base", overrides)).RenderEmail("reply", Reply, EmailPart.Text).Should().StartWith("A: Yes");
        new CompiledTheme(ThemeSources.Load(_folders.Root, "base", null)).RenderEmail("reply", Reply, EmailPart.Text).Should().StartWith("Sam");
    }

    [Fact]
    public void An_email_template_with_a_parse_error_is_reported()
    {
        _folders.Write("base/emails/reply.sbn-txt", "{{ if x }}");
        ThemeValidator.Validate(ThemeSources.Load(_folders.Root, "base", null))
            .Should().ContainSingle(i => i.Rule == ThemeRules.Compile && i.File.EndsWith("reply.sbn-txt"));
    }
}
