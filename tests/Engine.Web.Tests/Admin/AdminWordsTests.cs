using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Engine.Core.Members;
using Engine.Web.Languages;

namespace Engine.Web.Tests.Admin;

/// <summary>
/// The admin pages in the page's language (Engine.Web/Pages/Admin/locales): every key a page asks for is in English and
/// Welsh, wherever in the folder it is asked for (a page added later is checked as it is written); an admin of a Welsh
/// site reads the admin area in Welsh, and an admin of a site whose language has no admin words reads it in English.
/// </summary>
public sealed partial class AdminWordsTests(AdminWordsTests.App app) : IClassFixture<AdminWordsTests.App>
{
    public sealed class App : EngineApp
    {
        public App()
        {
            var bilingual = Tenant("cymru", "Cymru Ideas", ["cymru.test"], anonymous: true, downVotes: true);
            bilingual["languages"] = new[] { "cy-GB" };
            WriteTenant("cymru", bilingual);
            var urdu = Tenant("urdu", "Urdu Ideas", ["urdu.test"], anonymous: true, downVotes: true);
            urdu["languages"] = new[] { "ur-PK" };
            WriteTenant("urdu", urdu);
        }
    }

    [Fact]
    public void Every_key_an_admin_page_asks_for_is_in_English_and_in_Welsh()
    {
        var folder = Path.Combine(TestRepository.Root, "engine", "Engine.Web", "Pages", "Admin");
        var asked = Directory.EnumerateFiles(folder, "*.cs*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .SelectMany(f => Asked().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups[1].Value)))
            .ToList();
        asked.Should().Contain(a => a.File == "_Layout.cshtml", "the layout is worded from the catalogues");
        var english = EngineWords.Catalogues.Entries("en");
        var welsh = EngineWords.Catalogues.Entries("cy");
        asked.Where(a => !english.ContainsKey(a.Key)).Select(a => $"{a.File}: {a.Key}").Should().BeEmpty("every key a page asks for is in Pages/Admin/locales/en.json");
        var adminKeys = english.Keys.Where(k => k.StartsWith("admin.", StringComparison.Ordinal)).ToList();
        adminKeys.Should().NotBeEmpty();
        adminKeys.Where(k => !welsh.ContainsKey(k) || welsh[k].File != english[k].File.Replace("en.json", "cy.json", StringComparison.Ordinal))
            .Should().BeEmpty("every admin key is in Pages/Admin/locales/cy.json");
    }

    [Fact]
    public void Every_moderation_state_is_worded_in_English_and_in_Welsh()
    {
        foreach (var state in Enum.GetValues<Engine.Core.Moderation.ModerationState>())
            foreach (var culture in new[] { "en", "cy" })
                EngineWords.Catalogues.Find(culture, "admin.moderation.state-" + state.ToString().ToLowerInvariant(), fallBack: false)
                    .Should().NotBeNull($"{state} is worded in {culture}");
    }

    [Theory]
    [InlineData(0, "0 syniad na sylw yn aros am gymedrolwr.")]
    [InlineData(1, "1 syniad neu sylw yn aros am gymedrolwr cyn y gall unrhyw un arall ei weld.")]
    [InlineData(3, "3 syniad neu sylw yn aros am gymedrolwr cyn y gall unrhyw un arall eu gweld.")]
    public void A_count_takes_Welsh_plural_forms(int count, string expected) =>
        $"{count} {EngineWords.Text(CultureInfo.GetCultureInfo("cy-GB"), "admin.index.held", count)}".Should().Be(expected);

    [Fact]
    public async Task An_admin_reads_the_admin_area_in_the_language_they_chose_and_in_English_where_it_has_no_admin_words()
    {
        var (admin, _) = await app.MemberAsync("cymru.test", Roles.Admin, "Ceri Admin");
        var (status, english) = await admin.GetPageAsync("/admin");
        status.Should().Be(HttpStatusCode.OK);
        english.Should().Contain("<html lang=\"en\"").And.Contain("Dashboard").And.Contain("Moderation queue");

        (status, var welsh) = await admin.GetPageAsync("/admin?lang=cy");
        status.Should().Be(HttpStatusCode.OK);
        welsh.Should().Contain("<html lang=\"cy\"").And.Contain("Dangosfwrdd").And.Contain("Ciw cymedroli").And.Contain("Gweinyddu Cymru Ideas")
            .And.NotContain("Moderation queue");
        // The choice is remembered, as on the public pages: the next admin page is in Welsh too.
        (_, var next) = await admin.GetPageAsync("/admin/settings");
        next.Should().Contain("<html lang=\"cy\"").And.Contain("Log archwilio");

        var (urduAdmin, _) = await app.MemberAsync("urdu.test", Roles.Admin, "Sana Admin");
        (status, var urdu) = await urduAdmin.GetPageAsync("/admin?lang=ur");
        status.Should().Be(HttpStatusCode.OK);
        urdu.Should().Contain("<html lang=\"en\"").And.Contain("Dashboard");
        admin.Dispose();
        urduAdmin.Dispose();
    }

    // A key written whole ("admin.nav.ideas"), anywhere in a page, a page model or a partial: a ternary's keys too; not the
    // start of a key made at run time ("admin.moderation.state-" + state), whose every ending is in the catalogues.
    [GeneratedRegex("\"(admin\\.[a-z][a-z0-9-]*\\.[a-z0-9.-]*[a-z0-9])\"")]
    private static partial Regex Asked();
}
