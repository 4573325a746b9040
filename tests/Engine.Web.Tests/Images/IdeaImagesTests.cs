using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Engine.Core.Members;
using Engine.Web.Tests.Editing;
using SkiaSharp;

namespace Engine.Web.Tests.Images;

/// <summary>Images on ideas: attached on the new-idea and edit forms and through the API, re-encoded, served only where the idea may be seen.</summary>
public sealed partial class IdeaImagesTests(EditingApp app) : IClassFixture<EditingApp>
{
    [Fact]
    public async Task An_image_posted_with_a_new_idea_is_shown_on_its_page_and_served_re_encoded_without_its_gps_block()
    {
        var (author, _) = await app.MemberAsync("edits.test", Roles.Member);
        var upload = TestImages.JpegWithGps();
        TestImages.Contains(upload, "Exif").Should().BeTrue("the upload carries an EXIF block");
        TestImages.Contains(upload, TestImages.GpsMark).Should().BeTrue();

        var posted = await ImageApi.PostFormAsync(author, "/challenges/waiting-well/ideas/new", "/challenges/waiting-well/ideas",
            new() { ["title"] = "Photos of the new waiting room", ["body"] = "It shows where to sit.", ["alt1"] = "Rows of green chairs by a window" },
            ("image1", "waiting-room.jpg", "image/jpeg", upload));
        posted.StatusCode.Should().Be(HttpStatusCode.Redirect, await posted.Content.ReadAsStringAsync());
        var idea = long.Parse(posted.Headers.Location!.ToString().Split('/').Last());

        using var visitor = app.Visit("edits.test");
        var (_, page) = await visitor.GetPageAsync($"/ideas/{idea}");
        var src = ImageSource().Match(page);
        src.Success.Should().BeTrue("the idea's page shows its image");
        page.Should().Contain("alt=\"Rows of green chairs by a window\"");

        var served = await visitor.Http.GetAsync(src.Groups[1].Value);
        served.StatusCode.Should().Be(HttpStatusCode.OK);
        served.Content.Headers.ContentType!.MediaType.Should().Be("image/webp");
        served.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        served.Headers.CacheControl!.Public.Should().BeTrue();
        served.Headers.CacheControl.MaxAge.Should().Be(TimeSpan.FromHours(1));
        var bytes = await served.Content.ReadAsByteArrayAsync();
        Encoding.ASCII.GetString(bytes, 0, 4).Should().Be("RIFF");
        Encoding.ASCII.GetString(bytes, 8, 4).Should().Be("WEBP");
        TestImages.Contains(bytes, "Exif").Should().BeFalse("the copy is drawn afresh, without the upload's EXIF");
        TestImages.Contains(bytes, TestImages.GpsMark).Should().BeFalse("where the photo was taken is not served");
        using (var decoded = SKBitmap.Decode(bytes)) decoded.Width.Should().Be(64);
        var thumbnail = await visitor.Http.GetAsync(src.Groups[1].Value.Replace("/display", "/thumbnail"));
        thumbnail.StatusCode.Should().Be(HttpStatusCode.OK);
        (await visitor.Http.GetAsync(src.Groups[1].Value.Replace("/display", "/original"))).StatusCode.Should().Be(HttpStatusCode.NotFound);

        // Another tenant's host never serves it, and once the idea leaves the site neither does this one.
        using var elsewhere = app.Visit("public.test");
        (await elsewhere.Http.GetAsync(src.Groups[1].Value)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await author.Http.PostAsync($"api/v1/ideas/{idea}/withdraw", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await visitor.Http.GetAsync(src.Groups[1].Value)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Every_bad_file_gets_a_400_naming_its_field_and_nothing_is_stored_and_a_fourth_image_is_refused()
    {
        var (author, _) = await app.MemberAsync("edits.test", Roles.Member);
        var idea = await author.PostIdeaAsync(title: "Pictures of the car park at night");
        var jpeg = TestImages.Jpeg();
        var cases = new (string Why, string Field, string Name, byte[] Bytes, string Alt, string Says)[]
        {
            ("truncated", "image", "cut.jpg", jpeg[..(jpeg.Length / 2)], "A car park", "damaged or cut short"),
            ("malformed", "image", "noise.png", [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4, 5, 6, 7, 8, 9], "A car park", "damaged or cut short"),
            ("a decompression bomb", "image", "bomb.png", TestImages.PngClaiming(50_000), "A car park", "50000 × 50000 pixels"),
            ("a PNG named .jpg", "image", "photo.jpg", TestImages.Png(), "A car park", "is named as a JPEG image but is a PNG image"),
            ("HTML named .png", "image", "page.png", "<html><script>alert(1)</script></html>"u8.ToArray(), "A car park", "is not a JPEG, PNG or WebP image"),
            ("oversize", "image", "huge.jpg", [.. jpeg, .. new byte[10 * 1024 * 1024]], "A car park", "is larger than 10 MB"),
            ("without alt text", "alt", "fine.jpg", jpeg, " ", "is required"),
        };
        foreach (var c in cases)
        {
            var refused = await ImageApi.PostAsync(author, idea, ("image", c.Name, c.Bytes, c.Alt));
            refused.StatusCode.Should().Be(HttpStatusCode.BadRequest, c.Why);
            var problem = await Visitor.ProblemAsync(refused);
            problem.GetProperty("errors").TryGetProperty(c.Field, out var messages).Should().BeTrue($"{c.Why} names the field {c.Field}: {problem}");
            messages[0].GetString().Should().Contain(c.Says, c.Why);
            (await ImageApi.ListAsync(author, idea)).Should().BeEmpty($"nothing is stored for {c.Why}");
        }

        var three = await ImageApi.PostAsync(author, idea, ("image1", "a.jpg", jpeg, "First"), ("image2", "b.png", TestImages.Png(), "Second"),
            ("image3", "c.webp", TestImages.Encoded(SKEncodedImageFormat.Webp), "Third"));
        three.StatusCode.Should().Be(HttpStatusCode.OK, await three.Content.ReadAsStringAsync());
        (await ImageApi.ListAsync(author, idea)).Select(i => i.GetProperty("altText").GetString()).Should().Equal("First", "Second", "Third");
        var fourth = await ImageApi.PostAsync(author, idea, ("image", "d.jpg", jpeg, "Fourth"));
        fourth.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Visitor.ProblemAsync(fourth)).GetProperty("errors").TryGetProperty("images", out _).Should().BeTrue();
        (await ImageApi.ListAsync(author, idea)).Should().HaveCount(3);

        // Only its author adds or takes off images.
        var (other, _) = await app.MemberAsync("edits.test", Roles.Member);
        var first = (await ImageApi.ListAsync(author, idea))[0].GetProperty("id").GetInt64();
        (await other.Http.DeleteAsync($"api/v1/ideas/{idea}/images/{first}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await author.Http.DeleteAsync($"api/v1/ideas/{idea}/images/{first}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await ImageApi.ListAsync(author, idea)).Should().HaveCount(2);
    }

    [Fact]
    public async Task A_refused_image_on_the_new_idea_form_posts_no_idea_and_the_edit_page_adds_and_removes_images()
    {
        var (author, _) = await app.MemberAsync("edits.test", Roles.Member);
        var refused = await ImageApi.PostFormAsync(author, "/challenges/waiting-well/ideas/new", "/challenges/waiting-well/ideas",
            new() { ["title"] = "An idea whose image is not one", ["body"] = "The file is a web page.", ["alt1"] = "Not an image" },
            ("image1", "page.png", "image/png", "<html><body>hello</body></html>"u8.ToArray()));
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var html = await refused.Content.ReadAsStringAsync();
        html.Should().Contain("href=\"#image1\"").And.Contain("page.png is not a JPEG, PNG or WebP image").And.Contain("An idea whose image is not one");
        (await author.Http.GetFromJsonAsync<JsonElement>("api/v1/search?q=image")).ToString().Should().NotContain("An idea whose image is not one");

        var idea = await author.PostIdeaAsync(title: "A map of the hospital site");
        var (_, form) = await author.GetPageAsync($"/ideas/{idea}/edit");
        form.Should().Contain("enctype=\"multipart/form-data\"").And.Contain("name=\"image1\"").And.Contain("name=\"alt3\"");
        var saved = await ImageApi.PostFormAsync(author, $"/ideas/{idea}/edit", $"/ideas/{idea}/edit",
            new() { ["title"] = "A map of the hospital site", ["body"] = "With the car parks marked.", ["alt2"] = "The site map" },
            ("image2", "map.png", "image/png", TestImages.Png()));
        saved.StatusCode.Should().Be(HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync());
        var (_, edit) = await author.GetPageAsync($"/ideas/{idea}/edit");
        var remove = RemoveAction().Match(edit);
        remove.Success.Should().BeTrue("the edit page offers to remove the image");
        edit.Should().Contain("alt=\"The site map\"");
        var removed = await ImageApi.PostFormAsync(author, $"/ideas/{idea}/edit", remove.Groups[1].Value, []);
        removed.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await ImageApi.ListAsync(author, idea)).Should().BeEmpty();

        // In Welsh the refusal names the field in Welsh.
        var welsh = await ImageApi.PostFormAsync(author, $"/ideas/{idea}/edit?lang=cy", $"/ideas/{idea}/edit?lang=cy",
            new() { ["title"] = "A map of the hospital site", ["body"] = "With the car parks marked.", ["alt1"] = "Map" },
            ("image1", "map.jpg", "image/jpeg", TestImages.Png()));
        welsh.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await welsh.Content.ReadAsStringAsync()).Should().Contain("Delwedd 1").And.Contain("delwedd JPEG");
    }

    [GeneratedRegex("<img src=\"(/ideas/\\d+/images/\\d+/display)\"")]
    private static partial Regex ImageSource();

    [GeneratedRegex("action=\"(/ideas/\\d+/images/\\d+/remove)\"")]
    private static partial Regex RemoveAction();
}
