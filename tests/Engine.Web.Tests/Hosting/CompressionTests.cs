using System.IO.Compression;
using System.Net;

namespace Engine.Web.Tests.Hosting;

/// <summary>
/// Pages, style sheets, scripts, JSON and feeds come compressed in whichever of Brotli and gzip the browser asks for,
/// and unpack to exactly what an uncompressed answer holds; an answer that carries an anti-forgery token never does.
/// </summary>
public class CompressionTests(EngineApp app) : IClassFixture<EngineApp>
{
    public static TheoryData<string, string, string> Answers()
    {
        var answers = new TheoryData<string, string, string>();
        foreach (var encoding in new[] { "br", "gzip" })
        {
            answers.Add(encoding, "/", "text/html");
            answers.Add(encoding, "/challenges/waiting-well", "text/html");
            answers.Add(encoding, "/theme/base.css", "text/css");
            answers.Add(encoding, "/theme/voting.js", "text/javascript");
            answers.Add(encoding, "/frontend/nhsuk/nhsuk-frontend.min.css", "text/css");
            answers.Add(encoding, "/api/v1/challenges", "application/json");
            answers.Add(encoding, "/api/v1/openapi.json", "application/json");
            answers.Add(encoding, "/news/feed.atom", "application/atom+xml");
        }
        return answers;
    }

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task Text_answers_come_compressed_as_asked_and_unpack_to_the_same(string encoding, string path, string type)
    {
        using var visitor = app.Visit("alpha.test");
        using var plain = await visitor.Http.GetAsync(path);
        plain.StatusCode.Should().Be(HttpStatusCode.OK);
        plain.Content.Headers.ContentEncoding.Should().BeEmpty("nothing asked for compression");
        var expected = await plain.Content.ReadAsStringAsync();

        using var compressed = await GetAsync(visitor, path, $"{encoding}, identity;q=0.5");
        compressed.StatusCode.Should().Be(HttpStatusCode.OK);
        compressed.Content.Headers.ContentType!.MediaType.Should().Be(type);
        compressed.Content.Headers.ContentEncoding.Should().Equal(encoding);
        compressed.Headers.Vary.Should().Contain("Accept-Encoding");
        var bytes = await compressed.Content.ReadAsByteArrayAsync();
        bytes.Length.Should().BeLessThan(System.Text.Encoding.UTF8.GetByteCount(expected));
        var unpacked = await Unpack(bytes, encoding);
        if (type == "text/html")
            unpacked.Should().StartWith("<!").And.EndWith("</html>\n", "a page comes whole (its times in words may differ by a second)");
        else
            unpacked.Should().Be(expected);
    }

    [Fact]
    public async Task An_answer_with_an_anti_forgery_token_is_never_compressed()
    {
        using var visitor = app.Visit("beta.test");
        using var form = await GetAsync(visitor, "/account/signin", "br, gzip");
        form.StatusCode.Should().Be(HttpStatusCode.OK);
        (await form.Content.ReadAsStringAsync()).Should().Contain("__RequestVerificationToken");
        form.Content.Headers.ContentEncoding.Should().BeEmpty();

        await visitor.RegisterAsync(TestEmail.Unique("breach"));
        using var home = await GetAsync(visitor, "/", "br, gzip");
        (await home.Content.ReadAsStringAsync()).Should().Contain("csrf-token", "a signed-in member's page carries the token for its scripts");
        home.Content.Headers.ContentEncoding.Should().BeEmpty();
        // Written from the members' shell straight into the response, through the compression's wrapper all the same.
        using var challenge = await GetAsync(visitor, "/challenges/waiting-well", "br, gzip");
        challenge.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await challenge.Content.ReadAsByteArrayAsync();
        challenge.Content.Headers.ContentEncoding.Should().BeEmpty();
        challenge.Content.Headers.ContentLength.Should().Be(page.Length, "a member's page comes whole, with its length");
        System.Text.Encoding.UTF8.GetString(page).Should().Contain("csrf-token").And.Contain("<title>Waiting well").And.EndWith("</html>\n");
        using var token = await GetAsync(visitor, "/api/v1/antiforgery", "br, gzip");
        token.StatusCode.Should().Be(HttpStatusCode.OK);
        token.Content.Headers.ContentEncoding.Should().BeEmpty();
    }

    private static Task<HttpResponseMessage> GetAsync(Visitor visitor, string path, string acceptEncoding)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        return visitor.Http.SendAsync(request);
    }

    private static async Task<string> Unpack(byte[] bytes, string encoding)
    {
        using var input = new MemoryStream(bytes);
        await using Stream unpacking = encoding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var reader = new StreamReader(unpacking);
        return await reader.ReadToEndAsync();
    }
}
