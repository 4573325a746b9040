using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Engine.Web.Tests;

/// <summary>One person's browser (or API client) on one tenant's host: keeps cookies, reads tokens out of forms.</summary>
public sealed partial class Visitor(HttpClient http) : IDisposable
{
    public HttpClient Http { get; } = http;

    public async Task<(HttpStatusCode Status, string Html)> GetPageAsync(string path)
    {
        var response = await Http.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Loads <paramref name="formPage"/>, then posts its form fields plus the page's anti-forgery token.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string formPage, string action, Dictionary<string, string> fields)
    {
        var (_, html) = await GetPageAsync(formPage);
        var token = AntiforgeryField().Match(html);
        token.Success.Should().BeTrue($"the page {formPage} should carry an anti-forgery token");
        var all = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value) };
        return await Http.PostAsync(action, new FormUrlEncodedContent(all));
    }

    public Task<HttpResponseMessage> PostFormWithoutTokenAsync(string action, Dictionary<string, string> fields) =>
        Http.PostAsync(action, new FormUrlEncodedContent(fields));

    /// <param name="prefix">The site's path prefix with its slash ("gamma/"), for a site under one.</param>
    public async Task<long> RegisterAsync(string email, string displayName = "Pat Example", string password = "correct horse battery", string prefix = "")
    {
        var response = await RegisterAndSignInAsync(Http, email, displayName, password, prefix);
        await UseAntiforgeryHeaderAsync();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    /// <summary>
    /// Registers, then signs in with the password, as a person does after "check your email": registering signs nobody in
    /// (it answers alike for a taken address). Returns the sign-in's answer, with the cookie and the member.
    /// </summary>
    public static async Task<HttpResponseMessage> RegisterAndSignInAsync(HttpClient http, string email, string displayName,
        string password = "correct horse battery", string prefix = "")
    {
        var registered = await http.PostAsJsonAsync($"{prefix}api/v1/account/register", new { email, password, displayName });
        registered.StatusCode.Should().Be(HttpStatusCode.Accepted, await registered.Content.ReadAsStringAsync());
        var response = await http.PostAsJsonAsync($"{prefix}api/v1/account/signin", new { email, password });
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return response;
    }

    /// <summary>Fetches the anti-forgery token, as a browser script would, and sends it with every later request.</summary>
    public async Task UseAntiforgeryHeaderAsync()
    {
        var json = await Http.GetFromJsonAsync<JsonElement>("api/v1/antiforgery");
        Http.DefaultRequestHeaders.Remove("X-CSRF-TOKEN");
        Http.DefaultRequestHeaders.Add(json.GetProperty("headerName").GetString()!, json.GetProperty("token").GetString());
    }

    public async Task<long> PostIdeaAsync(string title = "Text patients their waiting-list position", string body = "It would free up the phones.", bool anonymous = false, string challenge = "waiting-well")
    {
        var response = await Http.PostAsJsonAsync($"api/v1/challenges/{challenge}/ideas", new { title, body, anonymous });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public void Dispose() => Http.Dispose();

    // Themes write type, name, value; Razor's form tag helper writes name, type, value.
    [GeneratedRegex("<input(?=[^>]*name=\"__RequestVerificationToken\")[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
