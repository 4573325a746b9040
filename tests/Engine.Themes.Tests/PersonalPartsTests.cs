using System.Buffers;
using System.Text;
using Engine.Themes.Pages;

namespace Engine.Themes.Tests;

/// <summary>
/// A member's page written once for every member (a shell with holes) and then the member's own parts: the
/// same bytes as the page written whole, and nothing of one member in another's page or in the shell.
/// </summary>
public class PersonalPartsTests : IDisposable
{
    private readonly ThemeFolders _folders = new();
    public void Dispose() => _folders.Dispose();

    public static TheoryData<string> Themes() => ["base", "nhs", "london"];

    private static CompiledTheme Shipped(string theme) => new(ThemeSources.Load(Path.Combine(TestRepository.Root, "themes"), theme, null));

    /// <summary>Writes the shell from <paramref name="shared"/> and the parts from <paramref name="member"/>, and puts them together.</summary>
    internal static string ThroughShell(CompiledTheme theme, string page, IPage shared, IPage member, IPersonalValues? personal = null)
    {
        var shell = theme.RenderShell(page, shared);
        shell.Should().NotBeNull($"the page '{page}' of '{theme.Name}' can be written from a shell ({theme.WhyNotShared(page)})");
        var parts = new StringBuilder();
        var ends = new int[shell!.HoleCount];
        theme.RenderPersonalParts(shell, member, personal, parts, ends);
        var bytes = new byte[PageShell.MaxPartBytes(parts)];
        var length = shell.EncodeParts(parts, ends, bytes);
        var written = new ArrayBufferWriter<byte>();
        shell.WriteTo(written, bytes, ends);
        written.WrittenCount.Should().Be(length, "the length a member's page is sent with is the length written");
        var inPieces = new SmallSpans();
        shell.WriteTo(inPieces, bytes, ends);
        inPieces.Written.ToArray().Should().Equal(written.WrittenSpan.ToArray(), "a writer that takes the page in pieces gets the same page");
        return Encoding.UTF8.GetString(written.WrittenSpan);
    }

    /// <summary>A writer that gives at most 7 bytes at a time, as one that cannot take a whole page in one span might.</summary>
    private sealed class SmallSpans : IBufferWriter<byte>
    {
        private readonly ArrayBufferWriter<byte> _written = new();
        public ReadOnlySpan<byte> Written => _written.WrittenSpan;
        public void Advance(int count) => _written.Advance(count);
        public Memory<byte> GetMemory(int sizeHint = 0) => _written.GetMemory(7)[..7];
        public Span<byte> GetSpan(int sizeHint = 0) => _written.GetSpan(7)[..7];
    }

    [Theory]
    [MemberData(nameof(Themes))]
    public void The_shipped_themes_read_the_members_own_values_only_in_partials_on_the_challenge_page(string theme) =>
        Shipped(theme).WhyNotShared("challenge").Should().BeNull();

    [Theory]
    [MemberData(nameof(Themes))]
    public void Every_page_written_from_a_shell_is_the_same_as_the_page_written_whole(string theme)
    {
        var compiled = Shipped(theme);
        var compared = 0;
        foreach (var (page, model) in PageSamples.Full().Concat(PageSamples.Empty()).Concat(PageSamples.Full("cy")))
        {
            if (!compiled.HasPage(page) || compiled.WhyNotShared(page) is not null) continue;
            ThroughShell(compiled, page, model, model).Should().Be(compiled.Render(page, model), $"the page '{page}' of '{theme}' must not change");
            compared++;
        }
        compared.Should().BeGreaterThan(20, "most pages of the theme are written from a shell");
    }

    [Theory]
    [MemberData(nameof(Themes))]
    public void A_shell_written_for_visitors_takes_each_members_own_parts_and_holds_none_of_them(string theme)
    {
        var compiled = Shipped(theme);
        var member = Sample;
        var shared = Shared(member);
        var sam = member with { Frame = member.Frame with { Antiforgery = new AntiforgeryView("__token", "X-CSRF", "token-of-sam") } };
        var ali = member with
        {
            Frame = member.Frame with { User = new UserView("Ali Khan", "member", IsTeam: false), Antiforgery = new AntiforgeryView("__token", "X-CSRF", "token-of-ali") },
            Follow = member.Follow! with { Following = false },
            Allowance = "Ali has 9 votes left",
        };
        var samsVotes = new Votes(member.Ideas[0].Id, up: true);
        var alisVotes = new Votes(member.Ideas[1].Id, up: false);

        var shell = compiled.RenderShell("challenge", shared)!;
        var shellText = Encoding.UTF8.GetString(WholeShell(shell));
        shellText.Should().NotContain("Sam Jones").And.NotContain("token-of").And.NotContain("aria-pressed=\"true\"");

        var samsPage = ThroughShell(compiled, "challenge", shared, sam, samsVotes);
        samsPage.Should().Be(compiled.Render("challenge", sam with { Ideas = Voted(sam.Ideas, samsVotes) }));
        samsPage.Should().Contain("token-of-sam").And.NotContain("token-of-ali").And.NotContain("Ali");

        var alisPage = ThroughShell(compiled, "challenge", shared, ali, alisVotes);
        alisPage.Should().Be(compiled.Render("challenge", ali with { Ideas = Voted(ali.Ideas, alisVotes) }));
        alisPage.Should().Contain("token-of-ali").And.NotContain("token-of-sam").And.NotContain("Sam Jones");
        alisPage.Should().NotBe(samsPage.Replace("token-of-sam", "token-of-ali"), "their votes differ too");
    }

    [Fact]
    public void A_page_that_reads_a_members_value_outside_a_partial_is_written_whole_and_the_reason_names_the_file_and_line()
    {
        _folders.Write("base/partials/me.sbn-html", "<p>{{ if user }}{{ user.display_name }}{{ end }}</p>");
        _folders.Write("base/index.sbn-html", "<main>{{ include 'me' }}\n{{ if user }}signed in{{ end }}</main>");
        _folders.Write("base/search.sbn-html", "<main>{{ include 'me' }}</main>");
        var theme = new CompiledTheme(ThemeSources.Load(_folders.Root, "base", null));

        theme.WhyNotShared("index").Should().Be("index.sbn-html line 2, column 7, reads 'user' outside a partial");
        theme.RenderShell("index", Model("Sam")).Should().BeNull();
        theme.WhyNotShared("search").Should().BeNull();
        var shell = theme.RenderShell("search", Model("Sam"))!;
        Encoding.UTF8.GetString(WholeShell(shell)).Should().Be("<html><title>t</title><body><header>base header</header><main><p></p></main></body></html>");
        ThroughShell(theme, "search", Model("Sam"), Model("Ali")).Should().Contain("<main><p>Ali</p></main>");
    }

    [Theory]
    [InlineData("reads-a-page-variable", "{{ x = 1 }}{{ include 'me' }}", "{{ if user }}{{ x }}{{ end }}", "it reads 'x', which the template around it sets")]
    [InlineData("a-branch-ends-inside-a-url", "{{ include 'me' }}{{ link }}\">me</a>", "{{ if user }}<a href=\"{{ else }}<a title=\"{{ end }}", "it ends inside a URL attribute")]
    [InlineData("declares-a-function", "{{ include 'me' }}", "{{ func f }}{{ user.name }}{{ end }}{{ f }}", "it declares a function")]
    [InlineData("reads-the-loop-object-outside", "{{ for c in list }}{{ include 'me' }}{{ end }}", "{{ if user }}{{ for.index }}{{ end }}", "it reads 'for' of a loop outside it")]
    public void A_part_that_cannot_be_written_apart_makes_the_page_written_whole(string name, string page, string partial, string reason)
    {
        _folders.Write("base/partials/me.sbn-html", partial);
        _folders.Write("base/index.sbn-html", page);
        var theme = new CompiledTheme(ThemeSources.Load(_folders.Root, "base", null));
        theme.WhyNotShared("index").Should().Be($"the partial 'me': {reason}", name);
        theme.RenderShell("index", Model("Sam")).Should().BeNull();
    }

    [Theory]
    [MemberData(nameof(Themes))]
    public void A_vote_forms_markup_is_written_once_in_the_shell_and_only_the_token_and_pressed_state_for_each_member(string theme)
    {
        var compiled = Shipped(theme);
        var member = Sample;
        var shell = compiled.RenderShell("challenge", Shared(member))!;
        var shellText = Encoding.UTF8.GetString(WholeShell(shell));
        // Each card's form, its buttons and their counts, are the shell's: a member's parts are their token and vote.
        Count(shellText, "class=\"vote vote-up").Should().Be(member.Ideas.Count);
        var parts = new StringBuilder();
        compiled.RenderPersonalParts(shell, member, new Votes(member.Ideas[0].Id, up: true), parts, new int[shell.HoleCount]);
        var written = parts.ToString();
        written.Should().NotContain("vote-up").And.NotContain(member.Ideas[1].Title);
        Count(written, member.Frame.Antiforgery!.Token!).Should().BeGreaterThanOrEqualTo(member.Ideas.Count);
        // The token is the same in every card: written once, then copied.
        shell.Holes.Where(h => h.SameAs >= 0).Select(h => h.Part.Partial).Distinct().Should().Equal("antiforgery");
    }

    [Fact]
    public void A_partials_shared_statements_stay_in_the_shell_around_its_personal_ones()
    {
        _folders.Write("base/partials/me.sbn-html", "<p>{{ if signed_in }}<b>{{ user.display_name }}</b><a href=\"{{ return_url }}\">back</a>{{ end }}</p>");
        _folders.Write("base/index.sbn-html", "<main>{{ include 'me' }}</main>");
        var theme = new CompiledTheme(ThemeSources.Load(_folders.Root, "base", null));
        var sam = Model("Sam");

        var shell = theme.RenderShell("index", sam with { Frame = sam.Frame with { User = null } })!;
        shell.HoleCount.Should().Be(1);
        Encoding.UTF8.GetString(WholeShell(shell)).Should().Contain("<main><p><b></b><a href=\"/north-east/challenges/waiting-well?sort&#x3D;top\">back</a></p></main>");
        ThroughShell(theme, "index", sam with { Frame = sam.Frame with { User = null } }, Model("Ali")).Should().Be(theme.Render("index", Model("Ali")));
    }

    [Fact]
    public void A_part_that_reads_only_the_pages_values_is_written_once_and_copied_into_its_other_holes()
    {
        _folders.Write("base/partials/token.sbn-html", "{{ if user }}<i>{{ user.display_name }}</i>{{ end }}");
        _folders.Write("base/partials/mark.sbn-html", "{{ if c.voted_up }}+{{ else }}-{{ end }}");
        _folders.Write("base/index.sbn-html", "{{ for c in ideas }}<li>{{ include 'token' }}{{ c.title }}{{ include 'mark' }}</li>{{ end }}");
        var theme = new CompiledTheme(ThemeSources.Load(_folders.Root, "base", null));
        var sam = Model("Sam Jones") with { Ideas = Sample.Ideas };
        var shared = sam with { Frame = sam.Frame with { User = null } };

        var shell = theme.RenderShell("index", shared)!;
        shell.Holes.Select(h => (h.Part.Partial, h.SameAs)).Should().Equal(
            sam.Ideas.SelectMany((_, i) => new[] { ("token", i == 0 ? -1 : 0), ("mark", -1) }));
        var votes = new Votes(sam.Ideas[1].Id, up: true);
        ThroughShell(theme, "index", shared, sam, votes).Should().Be(theme.Render("index", sam with { Ideas = Voted(sam.Ideas, votes) }))
            .And.Contain("<i>Sam Jones</i>");
    }

    private static int Count(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal)) count++;
        return count;
    }

    [Fact]
    public void A_part_inside_a_loop_keeps_the_loops_value_for_each_member()
    {
        _folders.Write("base/partials/mark.sbn-html", "[{{ c.title }}:{{ if c.voted_up }}mine{{ else }}-{{ end }}:{{ user.display_name }}]");
        _folders.Write("base/index.sbn-html", "{{ for c in ideas }}<li>{{ c.title }}{{ include 'mark' }}</li>{{ end }}");
        var theme = new CompiledTheme(ThemeSources.Load(_folders.Root, "base", null));
        var model = Model("Sam Jones") with { Ideas = Voted(Sample.Ideas, new Votes(-1, up: true)) };

        var page = ThroughShell(theme, "index", model with { Frame = model.Frame with { User = null } }, model, new Votes(model.Ideas[1].Id, up: true));
        page.Should().Contain($"<li>{model.Ideas[0].Title}[{model.Ideas[0].Title}:-:Sam Jones]</li><li>{model.Ideas[1].Title}[{model.Ideas[1].Title}:mine:Sam Jones]</li>");
    }

    [Fact]
    public void A_part_written_into_a_capture_makes_the_page_written_whole()
    {
        _folders.Write("base/partials/me.sbn-html", "{{ user.display_name }}");
        _folders.Write("base/index.sbn-html", "{{ capture c }}{{ include 'me' }}{{ end }}{{ c }}");
        var theme = new CompiledTheme(ThemeSources.Load(_folders.Root, "base", null));
        theme.WhyNotShared("index").Should().BeNull("a capture is only found when the page is written");
        theme.RenderShell("index", Model("Sam")).Should().BeNull();
    }

    private static ChallengePage Sample => (ChallengePage)PageSamples.Full().Single(p => p.Page == "challenge").Model;

    private static ChallengePage Model(string name) =>
        Sample with { Frame = Sample.Frame with { Title = "t", User = new UserView(name, "member", false) }, Ideas = [] };

    /// <summary>The challenge page as a visitor has it: no member, no token, no votes, no follow or allowance.</summary>
    private static ChallengePage Shared(ChallengePage member) => member with
    {
        Frame = member.Frame with { User = null, Antiforgery = null },
        Follow = null,
        Allowance = null,
        Ideas = [.. member.Ideas.Select(i => i with { VotedUp = false, VotedDown = false })],
    };

    private static IReadOnlyList<IdeaView> Voted(IReadOnlyList<IdeaView> ideas, Votes votes) =>
        [.. ideas.Select(i => i with { VotedUp = i.Id == votes.Idea && votes.Up, VotedDown = i.Id == votes.Idea && !votes.Up })];

    private static byte[] WholeShell(PageShell shell)
    {
        var ends = new int[shell.HoleCount];
        shell.EncodeParts(new StringBuilder(), ends, []);
        var bytes = new ArrayBufferWriter<byte>();
        shell.WriteTo(bytes, [], ends);
        return bytes.WrittenSpan.ToArray();
    }

    /// <summary>One member's vote on one idea, as the site's endpoint answers for the shared idea records.</summary>
    private sealed class Votes(long idea, bool up) : IPersonalValues
    {
        public long Idea => idea;
        public bool Up => up;

        public bool TryGet(object view, string member, out object? value)
        {
            value = view is IdeaView i && member is "voted_up" or "voted_down"
                ? (member == "voted_up" ? i.Id == idea && up : i.Id == idea && !up)
                : null;
            return value is not null;
        }
    }
}
