using Engine.Themes.Pages;

namespace Engine.Themes.Tests;

/// <summary>
/// Pages run their common statements directly (DirectBlock, ValuePath) instead of through Scriban's
/// interpreter. Whatever a template does, the page must be the same as Scriban's own evaluation writes it.
/// </summary>
public class DirectRenderingTests : IDisposable
{
    private readonly ThemeFolders _folders = new();
    public void Dispose() => _folders.Dispose();

    public static TheoryData<string> Themes() => ["base", "nhs", "london"];

    [Theory]
    [MemberData(nameof(Themes))]
    public void Every_page_of_the_shipped_themes_is_the_same_as_scribans_own_evaluation(string theme)
    {
        var sources = ThemeSources.Load(Path.Combine(TestRepository.Root, "themes"), theme, null);
        var (direct, scriban) = (new CompiledTheme(sources, null, direct: true), new CompiledTheme(sources, null, direct: false));
        var compared = 0;
        foreach (var (page, model) in PageSamples.Full().Concat(PageSamples.Empty()))
        {
            if (!direct.HasPage(page)) continue;
            var written = direct.Render(page, model);
            written.Should().Be(scriban.Render(page, model), $"the page '{page}' of '{theme}' must not change");
            written.Length.Should().BeGreaterThan(200, $"the page '{page}' rendered to almost nothing");
            compared++;
        }
        compared.Should().BeGreaterThan(30, "every sample page of the theme is compared");
    }

    // Each template uses what DirectBlock runs itself next to what it leaves to Scriban.
    [Theory]
    [InlineData("loop", "{{ for idea in ideas }}{{ for.index }}:{{ idea.title }}{{ if for.last }}.{{ else }},{{ end }}{{ end }}")]
    [InlineData("break-continue", "{{ for idea in ideas }}{{ if idea.up == 2 }}{{ continue }}{{ end }}{{ idea.title }}{{ if idea.up > 2 }}{{ break }}{{ end }}[{{ idea.up }}]{{ end }}after")]
    [InlineData("else-if", "{{ for idea in ideas }}{{ if idea.up > 2 }}many{{ else if idea.up == 2 }}two{{ else if idea.author }}by {{ idea.author.name }}{{ else }}none{{ end }};{{ end }}")]
    [InlineData("function-return", "{{ func label(x) }}{{ if x.up > 1 }}{{ ret 'big ' + x.title }}{{ end }}small{{ end }}{{ for idea in ideas }}<{{ label idea }}>{{ end }}")]
    [InlineData("capture", "{{ capture heading }}<b>{{ title }}</b>{{ end }}[{{ heading }}]{{ title }}")]
    [InlineData("assignment-shadows-the-model", "{{ title }}|{{ title = 'mine' }}{{ title }}|{{ ideas.size }}|{{ missing.member }}|{{ string.upcase title }}")]
    [InlineData("pipes-and-builtins", "{{ title | string.upcase }} {{ ideas | array.size }} {{ date.now | date.to_string '%Y' | string.size }} {{ body_text }}")]
    [InlineData("urls", "<a href=\"{{ link }}\">x</a><a href='{{ safe }}'>y</a><img src={{ link }}><p title=\"{{ link }}\">{{ link }}</p>")]
    [InlineData("while-and-case", "{{ i = 0 }}{{ while i < 3 }}{{ i = i + 1 }}{{ case i }}{{ when 2 }}two{{ else }}{{ i }}{{ end }}{{ end }}")]
    [InlineData("nested-partials", "{{ for idea in ideas }}{{ include 'card' }}{{ end }}")]
    // The names a page reads from slots and from the model directly (ThemeNames), next to the ways a template can rebind them.
    [InlineData("loop-variable-named-like-the-model", "{{ title }}|{{ for title in ideas }}{{ title.title }},{{ end }}|{{ title }}")]
    [InlineData("nested-loops-over-one-variable", "{{ for idea in ideas }}{{ for idea in ideas }}{{ idea.up }}{{ end }}-{{ idea.title }};{{ end }}")]
    [InlineData("recursion-inside-a-loop", "{{ func walk(depth) }}{{ for idea in ideas }}{{ if depth > 0 && idea.up == 2 }}({{ walk depth - 1 }}){{ end }}{{ idea.title }},{{ end }}{{ end }}{{ walk 1 }}")]
    [InlineData("assignment-to-a-loop-variable", "{{ for idea in ideas }}{{ idea.title }}{{ if idea.up == 2 }}{{ idea = 'changed' }}{{ end }}={{ idea }};{{ end }}")]
    [InlineData("capture-into-a-loop-variable", "{{ for idea in ideas }}{{ if idea.up == 3 }}{{ capture idea }}caught{{ end }}{{ end }}{{ idea }};{{ end }}")]
    [InlineData("with-makes-members-names", "{{ box = { title: 'inner', up: 9 } }}{{ with box }}{{ title }}/{{ up }}{{ end }}|{{ title }}|{{ for idea in ideas }}{{ idea.up }}{{ end }}")]
    [InlineData("import-makes-members-names", "{{ box = { title: 'imported' } }}{{ import box }}{{ title }}|{{ for idea in ideas }}{{ idea.title }}{{ end }}")]
    [InlineData("parameter-named-like-the-model", "{{ func show(title) }}[{{ title }}]{{ end }}{{ show 'p' }}{{ title }}")]
    [InlineData("function-named-like-the-model", "{{ func link }}fn{{ end }}{{ link }}|{{ safe }}")]
    [InlineData("tablerow", "{{ tablerow idea in ideas cols:2 }}{{ idea.title }}{{ end }}")]
    [InlineData("loop-objects", "{{ for idea in ideas }}{{ for.index }}{{ end }}{{ tablerow idea in ideas cols:2 }}{{ tablerow.col }}{{ end }}{{ i = 0 }}{{ while i < 2 }}{{ while.index }}{{ i = i + 1 }}{{ end }}")]
    [InlineData("loop-variable-after-its-loop", "{{ for idea in ideas }}{{ idea.up }}{{ end }}[{{ idea }}][{{ idea.title }}]")]
    public void A_template_writes_the_same_as_scribans_own_evaluation(string name, string template)
    {
        _folders.Write("base/partials/card.sbn-html", "<li>{{ idea.title }}{{ if idea.author }} by {{ idea.author.name }}{{ end }}{{ include 'votes' }}</li>");
        _folders.Write("base/partials/votes.sbn-html", "<span data-up=\"{{ idea.up }}\">{{ idea.up }}</span>{{ if title }}!{{ end }}");
        _folders.Write("base/index.sbn-html", template);
        var sources = ThemeSources.Load(_folders.Root, "base", null);
        var model = new
        {
            title = "Ideas <&>",
            link = "javascript:alert(1)",
            safe = "/ideas/1",
            body_text = "text",
            ideas = new[]
            {
                new { title = "One", up = 1, author = (object?)null },
                new { title = "Two", up = 2, author = (object?)new { name = "Sam" } },
                new { title = "Three", up = 3, author = (object?)new { name = "Ali" } },
                new { title = "Four", up = 4, author = (object?)null },
            },
        };
        var written = new CompiledTheme(sources, null, direct: true).Render("index", model);
        written.Should().Be(new CompiledTheme(sources, null, direct: false).Render("index", model), $"the template '{name}' must not change");
        written.Should().StartWith("<html><title>Ideas &lt;&amp;&gt;</title><body><header>base header</header>")
            .And.NotEndWith("<header>base header</header></body></html>", "the template writes something of its own");
    }

    // t as a statement of its own runs directly (DirectTranslation); in any other place it is Scriban's function call.
    [Theory]
    [InlineData("plain", "{{ t 'idea.anonymous' }}|{{ t 'nav.search' }}")]
    [InlineData("values-and-plurals", "{{ for idea in ideas }}{{ t 'idea.votes' idea.up }};{{ t 'idea.by' idea.title }};{{ end }}{{ t 'idea.votes' 0 }}{{ t 'idea.by' 'Sam <b>' }}")]
    [InlineData("a-key-no-catalogue-has", "[{{ t 'no.such.key' }}][{{ t 'no.such.key' 3 }}]")]
    [InlineData("a-key-only-english-has", "{{ t 'only.english' }}")]
    [InlineData("t-in-an-expression", "{{ t('idea.votes', 2) | string.upcase }}{{ x = t 'idea.anonymous' }}[{{ x }}]{{ if (t 'nav.search') == 'Search ideas' }}same{{ end }}")]
    [InlineData("t-rebound-by-a-template", "{{ func t(k) }}mine:{{ k }}{{ end }}{{ t 'idea.anonymous' }}")]
    [InlineData("words-in-text", "<p>{{ t 'idea.anonymous' }} and <b>{{ t 'nav.search' }}</b></p>{{ t 'idea.by' 'x' }}<i>{{ t 'markup' }}</i>")]
    [InlineData("words-at-a-url", "<a href=\"{{ t 'unsafe.link' }}\">a</a><a href='{{ t 'safe.link' }}'>b</a><img src={{ t 'unsafe.link' }}><p title=\"{{ t 'unsafe.link' }}\">c</p>")]
    [InlineData("words-in-a-capture", "{{ capture c }}<p>{{ t 'markup' }}</p>{{ end }}{{ c }}|<q>{{ t 'markup' }}</q>")]
    [InlineData("values-in-pieces", "<p>{{ t 'two.values' idea_count title }}</p>{{ t 'two.values' neg null }}|{{ t 'two.values' 123456789 '<&>' }}|{{ t 'braces' 1 }}|{{ t 'idea.by' markup_value }}")]
    [InlineData("values-at-a-url", "<a href=\"{{ t 'as.link' link }}\">a</a><a href=\"{{ t 'as.link' '/ideas/2' }}\">b</a><a title=\"{{ t 'as.link' link }}\">c</a>")]
    [InlineData("values-in-a-capture", "{{ capture c }}<p>{{ t 'two.values' 3 title }}</p>{{ end }}{{ c }}")]
    [InlineData("language-rebound-by-a-template", "{{ t 'nav.search' }}{{ language = 'en' }}{{ t 'nav.search' }}")]
    public void A_translation_writes_the_same_as_scribans_own_evaluation_in_every_language(string name, string template)
    {
        _folders.Write("base/locales/en.json", """
            { "idea.anonymous": "Posted anonymously", "nav.search": "Search ideas", "idea.by": "By {0}", "only.english": "English only",
              "markup": "<b>bold</b> & \"q\" `t`", "unsafe.link": "javascript:alert(1)", "safe.link": "/ideas/1",
              "two.values": "{1} & {0} <ideas> {2}", "braces": "{x} {0} {12} {9}", "as.link": "{0}",
              "idea.votes": { "one": "{0} vote", "other": "{0} votes" } }
            """);
        _folders.Write("base/locales/cy.json", """
            { "idea.anonymous": "Postiwyd yn ddienw", "nav.search": "Chwilio syniadau", "idea.by": "Gan {0}",
              "idea.votes": { "zero": "Dim pleidleisiau", "one": "{0} bleidlais", "two": "{0} bleidlais", "few": "{0} pleidlais", "many": "{0} phleidlais", "other": "{0} pleidlais" } }
            """);
        _folders.Write("base/index.sbn-html", template);
        var sources = ThemeSources.Load(_folders.Root, "base", null);
        var (direct, scriban) = (new CompiledTheme(sources, null, direct: true), new CompiledTheme(sources, null, direct: false));
        foreach (var language in new[] { "en", "cy", "cy-GB", "", "fr" })
        {
            var model = new
            {
                title = "Ideas", language, link = "javascript:alert(1)", idea_count = 1234, neg = -5, markup_value = new Html("<b>sanitised</b>"),
                ideas = new[] { new { title = "One", up = 1 }, new { title = "Two <i>", up = 2 }, new { title = "Six", up = 6 } },
            };
            var written = direct.Render("index", model);
            written.Should().Be(scriban.Render("index", model), $"the template '{name}' in '{language}' must not change");
            // Twice: the second render reads the texts kept by the first.
            direct.Render("index", model).Should().Be(written);
        }
    }

    [Fact]
    public void A_direct_translation_is_worded_in_the_pages_language_and_falls_back_to_english()
    {
        _folders.Write("base/locales/en.json", """{ "idea.anonymous": "Posted anonymously", "only.english": "English only" }""");
        _folders.Write("base/locales/cy.json", """{ "idea.anonymous": "Postiwyd yn ddienw" }""");
        _folders.Write("base/index.sbn-html", "{{ t 'idea.anonymous' }}|{{ t 'only.english' }}");
        var theme = new CompiledTheme(ThemeSources.Load(_folders.Root, "base", null));
        theme.Render("index", new { title = "t", language = "cy" }).Should().Contain("Postiwyd yn ddienw|English only");
        theme.Render("index", new { title = "t", language = "en" }).Should().Contain("Posted anonymously|English only");
        theme.Render("index", new { title = "t", language = "cy-GB" }).Should().Contain("Postiwyd yn ddienw|English only", "a region's Welsh reads the language's catalogue");
    }

    [Fact]
    public void An_emails_words_are_encoded_in_the_html_part_and_written_as_they_are_in_the_text_part()
    {
        _folders.Write("base/locales/en.json", """{ "greeting": "Hello & <welcome>", "footer": "Sent by {0}" }""");
        _folders.Write("base/emails/layout.sbn-txt", "{{ body }}\n-- \n{{ t 'footer' site_name }}");
        _folders.Write("base/emails/layout.sbn-html", "<div>{{ body }}</div><p>{{ t 'footer' site_name }}</p>");
        _folders.Write("base/emails/reply.sbn-txt", "{{ t 'greeting' }}\n{{ url }}");
        _folders.Write("base/emails/reply.sbn-html", "<p>{{ t 'greeting' }}</p><a href=\"{{ url }}\">{{ t 'greeting' }}</a>");
        var sources = ThemeSources.Load(_folders.Root, "base", null);
        var model = new { site_name = "Ward & Co", url = "/ideas/1", language = "en" };
        var direct = new CompiledTheme(sources, null, direct: true);
        foreach (var part in new[] { EmailPart.Text, EmailPart.Html, EmailPart.Text })
            direct.RenderEmail("reply", model, part).Should().Be(new CompiledTheme(sources, null, direct: false).RenderEmail("reply", model, part));
        direct.RenderEmail("reply", model, EmailPart.Text).Should().StartWith("Hello & <welcome>\n");
        direct.RenderEmail("reply", model, EmailPart.Html).Should().Contain("<p>Hello &amp; &lt;welcome&gt;</p>");
    }

    [Fact]
    public void An_email_in_both_parts_is_the_same_as_scribans_own_evaluation()
    {
        _folders.Write("base/emails/layout.sbn-txt", "{{ body }}\n-- \n{{ site_name }}");
        _folders.Write("base/emails/layout.sbn-html", "<div>{{ body }}</div><p>{{ site_name }}</p>");
        _folders.Write("base/emails/reply.sbn-txt", "{{ author }} replied: {{ if text }}{{ text }}{{ end }}\n{{ url }}");
        _folders.Write("base/emails/reply.sbn-html", "<p>{{ author }} replied: {{ text }}</p><a href=\"{{ url }}\">Read it</a>");
        var sources = ThemeSources.Load(_folders.Root, "base", null);
        var model = new { site_name = "Ward & Co", author = "Sam <b>", text = "Yes 'please'", url = "javascript:alert(1)" };
        foreach (var part in new[] { EmailPart.Text, EmailPart.Html })
            new CompiledTheme(sources, null, direct: true).RenderEmail("reply", model, part)
                .Should().Be(new CompiledTheme(sources, null, direct: false).RenderEmail("reply", model, part));
    }
}
