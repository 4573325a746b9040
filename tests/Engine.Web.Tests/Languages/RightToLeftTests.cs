using System.Net;
using System.Text.RegularExpressions;

namespace Engine.Web.Tests.Languages;

/// <summary>
/// A site that offers Urdu, written right to left: its pages say <c>lang="ur" dir="rtl"</c> and are worded from the
/// Urdu catalogues of the public pages; a key Urdu does not word yet is read in English, and English pages stay left to right.
/// </summary>
public class RightToLeftTests(RightToLeftTests.App app) : IClassFixture<RightToLeftTests.App>
{
    public sealed class App : EngineApp
    {
        public App()
        {
            foreach (var theme in new[] { "base", "nhs" })
            {
                var urdu = Tenant($"urdu-{theme}", "Bradford Care Voices", [$"urdu-{theme}.test"], anonymous: true, downVotes: true, theme: theme);
                urdu["languages"] = new[] { "ur" };
                WriteTenant($"urdu-{theme}", urdu);
            }
        }
    }

    private static string Lang(string html) => Regex.Match(html, "<html lang=\"([^\"]+)\" dir=\"([^\"]+)\"").Groups is var g ? $"{g[1].Value} {g[2].Value}" : "";

    private static async Task<string> PageAsync(Visitor visitor, string path)
    {
        var (status, html) = await visitor.GetPageAsync(path);
        status.Should().Be(HttpStatusCode.OK, path);
        return html;
    }

    [Theory]
    [InlineData("base")]
    [InlineData("nhs")]
    public async Task Every_public_page_in_Urdu_is_right_to_left_and_worded_in_Urdu(string theme)
    {
        using var member = app.Visit($"urdu-{theme}.test");
        await member.RegisterAsync(TestEmail.Unique("ur"));
        var idea = await member.PostIdeaAsync();
        using var visitor = app.Visit($"urdu-{theme}.test");

        var home = await PageAsync(visitor, "/?lang=ur");
        Lang(home).Should().Be("ur rtl");
        home.Should().Contain("کھلے چیلنج", "'Open challenges' in Urdu").And.Contain("مرکزی مواد پر جائیں", "the skip link")
            .And.Contain(">اردو</a>", "the switch names Urdu in Urdu").And.NotContain("Open challenges");

        var pages = new (string Path, string Urdu, string English)[]
        {
            ("/challenges/waiting-well", "اپنا خیال پیش کریں", "Share an idea"),
            ("/challenges/waiting-well", "سب سے زیادہ زیرِ بحث", "Most discussed"),
            ($"/ideas/{idea}", "تبصرہ کرنے کے لیے سائن ان کریں", "Sign in to comment"),
            ("/search?q=patients", "تلاش کے الفاظ", "Words to look for"),
            ("/about/numbers", "ہر عدد کا مطلب", "What each number means"),
            ("/news", "ابھی کوئی خبر نہیں۔", "No news yet."),
            ("/roadmap", "اس مرحلے پر ابھی کچھ نہیں۔", "Nothing at this stage yet."),
            ("/account/signin", "پاس ورڈ بھول گئے؟", "Forgotten your password?"),
            ("/account/register", "آپ کا نام، جیسا دوسرے اسے دیکھیں گے", "Your name, as others will see it"),
        };
        foreach (var (path, urdu, english) in pages)
        {
            var html = await PageAsync(visitor, path);
            Lang(html).Should().Be("ur rtl", $"{path} is in the language chosen (kept in the cookie)");
            html.Should().Contain(urdu, path).And.NotContain(english, path);
        }

        var english2 = await PageAsync(visitor, "/?lang=en");
        Lang(english2).Should().Be("en ltr");
        english2.Should().Contain("Open challenges");
    }

    [Fact]
    public async Task A_key_Urdu_does_not_word_yet_is_read_in_English()
    {
        using var member = app.Visit("urdu-base.test");
        await member.RegisterAsync(TestEmail.Unique("ur"));
        var tokens = await PageAsync(member, "/account/tokens?lang=ur");
        Lang(tokens).Should().Be("ur rtl");
        tokens.Should().Contain("سائن آؤٹ", "the header is worded in Urdu").And.Contain("Your personal tokens", "the tokens page is not, and falls back to English");
    }
}
