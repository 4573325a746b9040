using Microsoft.Extensions.Logging.Abstractions;

namespace Engine.Themes.Tests;

public class RenderingTests : IDisposable
{
    private readonly ThemeFolders _folders = new();
    private ThemeEngine Engine() => new(_folders.Root, NullLogger<ThemeEngine>.Instance);
    public void Dispose() => _folders.Dispose();

    private static string Render(CompiledTheme theme, string page, object model) => theme.Render(page, model);

    [Fact]
    public void A_page_renders_inside_the_layout_with_its_partials()
    {
        var html = Render(Engine().Get("base", null).Theme, "index", new { title = "Home", text = "hello" });
        html.Should().Be("<html><title>Home</title><body><header>base header</header><main>index: hello</main></body></html>");
    }

    [Fact]
    public void User_text_is_encoded_including_quotes_equals_and_backticks()
    {
        var html = Render(Engine().Get("base", null).Theme, "index", new { text = "<script>x</script>' = `\"&" });
        html.Should().Contain("&lt;script&gt;x&lt;/script&gt;&#x27; &#x3D; &#x60;&quot;&amp;").And.NotContain("<script>");
    }

    [Fact]
    public void A_theme_is_compiled_once_and_shared_by_every_tenant_on_it()
    {
        var engine = Engine();
        engine.Get("base", null).Theme.Should().BeSameAs(engine.Get("base", null).Theme);
        engine.Get("base", "/no/such/overrides").Theme.Should().BeSameAs(engine.Get("base", null).Theme,
            "a tenant without an overrides folder shares the theme's compilation");
    }

    [Fact]
    public void A_derived_theme_inherits_what_it_does_not_define_and_wins_where_it_does()
    {
        _folders.Write("brand/theme.json", """{ "name": "brand", "baseTheme": "base" }""");
        _folders.Write("brand/partials/header.sbn-html", "<header>brand header</header>");
        var html = Render(Engine().Get("brand", null).Theme, "idea", new { text = "t" });
        html.Should().Contain("brand header").And.Contain("<main>idea: t</main>");
    }

    [Fact]
    public void A_tenants_overrides_win_over_its_theme_and_stay_its_own()
    {
        var overrides = Path.Combine(_folders.Root, "tenant-a-overrides");
        _folders.Write("tenant-a-overrides/partials/header.sbn-html", "<header>tenant A</header>");
        var engine = Engine();
        Render(engine.Get("base", overrides).Theme, "index", new { }).Should().Contain("tenant A");
        Render(engine.Get("base", null).Theme, "index", new { }).Should().Contain("base header", "another tenant on base must not see A's header");
    }

    [Fact]
    public void Forgetting_a_tenants_overrides_picks_up_their_changes()
    {
        var overrides = Path.Combine(_folders.Root, "tenant-a-overrides");
        var file = _folders.Write("tenant-a-overrides/partials/header.sbn-html", "<header>v1</header>");
        var engine = Engine();
        Render(engine.Get("base", overrides).Theme, "index", new { }).Should().Contain("v1");
        File.WriteAllText(file, "<header>v2</header>");
        engine.Forget(overrides);
        Render(engine.Get("base", overrides).Theme, "index", new { }).Should().Contain("v2");
    }

    [Fact]
    public void An_overrides_folder_made_after_the_first_page_is_used_once_the_tenant_is_forgotten()
    {
        var overrides = Path.Combine(_folders.Root, "tenant-b-overrides");
        var engine = Engine();
        Render(engine.Get("base", overrides).Theme, "index", new { }).Should().Contain("base header");
        _folders.Write("tenant-b-overrides/partials/header.sbn-html", "<header>tenant B</header>");
        engine.Forget(overrides);
        Render(engine.Get("base", overrides).Theme, "index", new { }).Should().Contain("tenant B");
        Directory.Delete(overrides, recursive: true);
        engine.Forget(overrides);
        Render(engine.Get("base", overrides).Theme, "index", new { }).Should().Contain("base header", "a removed folder is no longer part of the chain");
    }

    [Fact]
    public void A_broken_theme_falls_back_to_base_and_says_why()
    {
        _folders.Write("broken/theme.json", """{ "name": "broken", "baseTheme": "base" }""");
        var bad = _folders.Write("broken/index.sbn-html", "{{ if ready }}never closed");
        var result = Engine().Get("broken", null);
        result.Theme.Name.Should().Be("base");
        result.Issues.Should().Contain(i => i.Rule == ThemeRules.Compile && i.File == bad);
        Render(result.Theme, "index", new { text = "still served" }).Should().Contain("still served");
    }

    [Fact]
    public void A_theme_that_does_not_exist_falls_back_to_base()
    {
        var result = Engine().Get("missing", null);
        result.Theme.Name.Should().Be("base");
        result.Issues.Should().ContainSingle(i => i.Rule == ThemeRules.Manifest);
    }

    [Fact]
    public void Assets_are_layered_and_cannot_escape_the_assets_folders()
    {
        _folders.Write("brand/theme.json", """{ "name": "brand", "baseTheme": "base" }""");
        var own = _folders.Write("brand/assets/site.css", "brand{}");
        _folders.Write("brand/secret.txt", "no");
        var sources = Engine().Get("brand", null).Theme.Sources;
        sources.FindAsset("site.css").Should().Be(own);
        sources.FindAsset("../secret.txt").Should().BeNull();
        sources.FindAsset("/etc/passwd").Should().BeNull();
        sources.FindAsset("nothing.css").Should().BeNull();
    }

    [Fact]
    public void An_edited_theme_file_is_served_after_the_next_check_without_a_restart()
    {
        var engine = Engine();
        engine.ForgetIfChanged().Should().BeFalse("the first check only takes the folder's stamp");
        Render(engine.Get("base", null).Theme, "index", new { }).Should().Contain("base header");
        engine.ForgetIfChanged().Should().BeFalse("nothing changed");
        _folders.Write("base/partials/header.sbn-html", "<header>edited by the web team</header>");
        engine.ForgetIfChanged().Should().BeTrue();
        Render(engine.Get("base", null).Theme, "index", new { }).Should().Contain("edited by the web team");
    }
}
