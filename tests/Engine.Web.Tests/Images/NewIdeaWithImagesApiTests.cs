using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Engine.Core.Members;
using Engine.Web.Tests.Editing;

namespace Engine.Web.Tests.Images;

/// <summary>The API's new-idea call takes images in the same JSON (base64), all or nothing.</summary>
public sealed class NewIdeaWithImagesApiTests(EditingApp app) : IClassFixture<EditingApp>
{
    private const string Ideas = "api/v1/challenges/waiting-well/ideas";

    [Fact]
    public async Task An_idea_posted_with_images_in_its_json_is_created_with_them_in_order()
    {
        var (author, _) = await app.MemberAsync("edits.test", Roles.Member);

        var posted = await author.Http.PostAsJsonAsync(Ideas, new
        {
            title = "Photos of the quiet room",
            body = "Two views of it.",
            anonymous = false,
            images = new object[]
            {
                new { data = TestImages.Jpeg(), altText = "Armchairs by a window", fileName = "chairs.jpg" },
                new { data = TestImages.Png(), altText = "A shelf of books" },
            },
        });

        posted.StatusCode.Should().Be(HttpStatusCode.Created, await posted.Content.ReadAsStringAsync());
        var idea = (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var images = await ImageApi.ListAsync(author, idea);
        images.Select(i => i.GetProperty("altText").GetString()).Should().Equal("Armchairs by a window", "A shelf of books");
        var served = await author.Http.GetAsync(images[0].GetProperty("url").GetString());
        (served.StatusCode, served.Content.Headers.ContentType!.MediaType).Should().Be((HttpStatusCode.OK, "image/webp"));
    }

    [Fact]
    public async Task A_bad_image_in_the_json_is_refused_with_a_400_naming_it_and_no_idea_is_stored()
    {
        var (author, _) = await app.MemberAsync("edits.test", Roles.Member);
        var jpeg = TestImages.Jpeg();
        var cases = new (string Why, object[] Images, string Field, string Says)[]
        {
            ("the second is a web page", [new { data = jpeg, altText = "Fine" }, new { data = "<html></html>"u8.ToArray(), altText = "Not an image" }],
                "images[1].data", "is not a JPEG, PNG or WebP image"),
            ("a PNG named .jpg", [new { data = TestImages.Png(), altText = "Mislabelled", fileName = "photo.jpg" }], "images[0].data",
                "photo.jpg is named as a JPEG image but is a PNG image"),
            ("cut short", [new { data = jpeg[..(jpeg.Length / 2)], altText = "Half a photo" }], "images[0].data", "damaged or cut short"),
            ("a decompression bomb", [new { data = TestImages.PngClaiming(50_000), altText = "Huge" }], "images[0].data", "50000 × 50000 pixels"),
            ("no bytes", [new { altText = "Nothing sent" }], "images[0].data", "base64"),
            ("no alt text", [new { data = jpeg, altText = " " }], "images[0].altText", "is required"),
            ("four images", [.. Enumerable.Range(1, 4).Select(n => new { data = jpeg, altText = $"Photo {n}" })], "images", "at most 3 images"),
        };
        foreach (var c in cases)
        {
            var title = $"Refused for {c.Why}";
            var refused = await author.Http.PostAsJsonAsync(Ideas, new { title, body = "Its images are wrong.", anonymous = false, images = c.Images });

            refused.StatusCode.Should().Be(HttpStatusCode.BadRequest, c.Why);
            var problem = await Visitor.ProblemAsync(refused);
            problem.GetProperty("errors").TryGetProperty(c.Field, out var messages).Should().BeTrue($"{c.Why} names {c.Field}: {problem}");
            messages[0].GetString().Should().Contain(c.Says, c.Why);
            var listed = await author.Http.GetFromJsonAsync<JsonElement>($"{Ideas}?sort=new&pageSize=50");
            listed.GetProperty("items").EnumerateArray().Should().NotContain(i => i.GetProperty("title").GetString() == title, $"no idea is stored for {c.Why}");
        }
    }

    [Fact]
    public async Task The_api_document_describes_the_images_of_a_new_idea_as_base64_with_alt_text()
    {
        using var visitor = app.Visit("edits.test");
        var document = await visitor.Http.GetFromJsonAsync<JsonElement>("api/v1/public/openapi.json");

        var schemas = document.GetProperty("components").GetProperty("schemas");
        var image = schemas.GetProperty("NewIdeaImageRequest").GetProperty("properties");
        image.GetProperty("data").GetProperty("type").ToString().Should().Contain("string");
        image.GetProperty("data").GetProperty("format").GetString().Should().Be("byte", "base64, which clients generate as a byte array");
        image.TryGetProperty("altText", out _).Should().BeTrue();
        schemas.GetProperty("NewIdeaRequest").GetProperty("properties").TryGetProperty("images", out _).Should().BeTrue();
        var post = document.GetProperty("paths").GetProperty("/api/v1/challenges/{slug}/ideas").GetProperty("post");
        post.GetProperty("responses").EnumerateObject().Select(r => r.Name).Should().Contain(["201", "202", "400"]);
    }
}
