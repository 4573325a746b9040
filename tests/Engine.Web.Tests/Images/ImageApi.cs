using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Engine.Web.Tests.Images;

/// <summary>The images API as a member's client calls it, and the forms that take images as a browser posts them.</summary>
public static partial class ImageApi
{
    /// <summary>Posts images to the member's idea: field "image" (with "alt") or "image1" to "image3" (with "alt1" to "alt3").</summary>
    public static Task<HttpResponseMessage> PostAsync(Visitor member, long idea, params (string Field, string Name, byte[] Bytes, string Alt)[] images)
    {
        var content = new MultipartFormDataContent();
        foreach (var image in images)
        {
            content.Add(new ByteArrayContent(image.Bytes), image.Field, image.Name);
            content.Add(new StringContent(image.Alt), image.Field == "image" ? "alt" : "alt" + image.Field["image".Length..]);
        }
        return member.Http.PostAsync($"api/v1/ideas/{idea}/images", content);
    }

    public static async Task<IReadOnlyList<JsonElement>> ListAsync(Visitor member, long idea) =>
        (await member.Http.GetFromJsonAsync<JsonElement>($"api/v1/ideas/{idea}/images")).EnumerateArray().ToList();

    /// <summary>Posts a page's form as a browser does, multipart with its anti-forgery token, the fields and the files.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(Visitor member, string formPage, string action, Dictionary<string, string> fields,
        params (string Field, string Name, string Type, byte[] Bytes)[] files)
    {
        var (_, html) = await member.GetPageAsync(formPage);
        var token = Token().Match(html);
        token.Success.Should().BeTrue($"{formPage} carries an anti-forgery token");
        var content = new MultipartFormDataContent { { new StringContent(WebUtility.HtmlDecode(token.Groups[1].Value)), "__RequestVerificationToken" } };
        foreach (var (name, value) in fields) content.Add(new StringContent(value), name);
        foreach (var file in files)
        {
            var part = new ByteArrayContent(file.Bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue(file.Type);
            content.Add(part, file.Field, file.Name);
        }
        return await member.Http.PostAsync(action, content);
    }

    [GeneratedRegex("<input(?=[^>]*name=\"__RequestVerificationToken\")[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
