using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace Engine.Browser.Tests;

/// <summary>
/// A member who sets up content through the JSON API, so the pages the browser visits have ideas,
/// comments, replies and votes on them. Every connection goes to the engine's loopback port, whatever
/// the host name, so the Host header (and so the tenant) is the site's own.
/// </summary>
public sealed class ApiMember : IDisposable
{
    private readonly HttpClient http;

    private ApiMember(HttpClient http) => this.http = http;

    public long Id { get; private set; }

    public static async Task<ApiMember> RegisterAsync(EngineServer engine, Site site, string displayName)
    {
        var handler = new SocketsHttpHandler
        {
            UseCookies = true,
            CookieContainer = new CookieContainer(),
            AllowAutoRedirect = false,
            ConnectCallback = async (_, cancel) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(IPAddress.Loopback, engine.Port, cancel);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        var member = new ApiMember(new HttpClient(handler) { BaseAddress = new Uri(engine.Url(site)) });
        // A display name may be anything (the XSS tests use payloads): the address takes only its letters and digits.
        var email = TestEmail.Unique(displayName);
        await Expect(await member.http.PostAsJsonAsync("api/v1/account/register", new { email, password = "correct horse battery", displayName }), HttpStatusCode.Accepted);
        // Registering signs nobody in (it answers a taken address alike); a new account signs in at once.
        var response = await member.http.PostAsJsonAsync("api/v1/account/signin", new { email, password = "correct horse battery" });
        await Expect(response, HttpStatusCode.OK);
        member.Id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var antiforgery = await member.http.GetFromJsonAsync<JsonElement>("api/v1/antiforgery");
        member.http.DefaultRequestHeaders.Add(antiforgery.GetProperty("headerName").GetString()!, antiforgery.GetProperty("token").GetString());
        return member;
    }

    public async Task<long> PostIdeaAsync(string title, string body, bool anonymous = false, string challenge = "waiting-well")
    {
        var response = await http.PostAsJsonAsync($"api/v1/challenges/{challenge}/ideas", new { title, body, anonymous });
        return await IdOf(response);
    }

    /// <summary>Posts an idea that the site's moderation rules hold for a moderator (202, not 201).</summary>
    public async Task<long> PostHeldIdeaAsync(string title, string body, string challenge = "waiting-well", bool anonymous = false)
    {
        var response = await http.PostAsJsonAsync($"api/v1/challenges/{challenge}/ideas", new { title, body, anonymous });
        await Expect(response, HttpStatusCode.Accepted);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    /// <summary>Posts an idea whatever the site's moderation does with it: published (201) or held for a moderator (202).</summary>
    public async Task<(long Id, bool Held)> PostIdeaEitherWayAsync(string challenge, string title, string body)
    {
        var response = await http.PostAsJsonAsync($"api/v1/challenges/{challenge}/ideas", new { title, body, anonymous = false });
        if (response.StatusCode != HttpStatusCode.Accepted) await Expect(response, HttpStatusCode.Created);
        return ((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64(), response.StatusCode == HttpStatusCode.Accepted);
    }

    public async Task ReportIdeaAsync(long ideaId, string reason)
    {
        var response = await http.PostAsJsonAsync($"api/v1/ideas/{ideaId}/report", new { reason });
        if (!response.IsSuccessStatusCode) await Expect(response, HttpStatusCode.OK);
    }

    /// <summary>Any other JSON call (a moderator's or admin's, once <see cref="GrantAsync"/> has given the role); it must succeed.</summary>
    public async Task PostJsonAsync(string path, object body)
    {
        var response = await http.PostAsJsonAsync(path, body);
        if (!response.IsSuccessStatusCode) await Expect(response, HttpStatusCode.OK);
    }

    /// <summary>Imports a CSV of offline ideas as the site's admin would through the API (the member must be an admin); it must add rows.</summary>
    public async Task ImportCsvAsync(string csv, string source = "Connect session", string heldOn = "2026-05-12", string facilitator = "Jo Bloggs")
    {
        var content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        var response = await http.PostAsync($"api/v1/admin/imports?source={Uri.EscapeDataString(source)}&heldOn={heldOn}&facilitator={Uri.EscapeDataString(facilitator)}", content);
        await Expect(response, HttpStatusCode.Created);
    }

    /// <summary>Ids of the challenge's ideas by title (the newest hundred).</summary>
    public async Task<Dictionary<string, long>> IdeaIdsAsync(string challenge = "waiting-well")
    {
        var list = await http.GetFromJsonAsync<JsonElement>($"api/v1/challenges/{challenge}/ideas?sort=new&pageSize=100");
        return list.GetProperty("items").EnumerateArray().GroupBy(i => i.GetProperty("title").GetString()!)
            .ToDictionary(g => g.Key, g => g.First().GetProperty("id").GetInt64());
    }

    /// <summary>Gives the member a role on the site, as an admin would; roles are re-read on every request.</summary>
    public Task GrantAsync(EngineServer engine, Site site, string role) => Staff.GrantAsync(engine, site, Id, role);

    public async Task<long> CommentAsync(long ideaId, string body, bool anonymous = false, long? parentId = null)
    {
        var response = await http.PostAsJsonAsync($"api/v1/ideas/{ideaId}/comments", new { body, anonymous, parentId });
        return await IdOf(response);
    }

    public async Task VoteAsync(long ideaId, int value) =>
        await Expect(await http.PutAsJsonAsync($"api/v1/ideas/{ideaId}/vote", new { value }), HttpStatusCode.OK);

    private static async Task<long> IdOf(HttpResponseMessage response)
    {
        await Expect(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    private static async Task Expect(HttpResponseMessage response, HttpStatusCode status)
    {
        if (response.StatusCode != status)
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}, not {(int)status}: {await response.Content.ReadAsStringAsync()}");
    }

    public void Dispose() => http.Dispose();
}
