using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Engine.Web.Tests.Security;

/// <summary>
/// Over 100 XSS payloads submitted as display names, idea titles and bodies, and comments: every
/// page shows them as text, nothing becomes markup or a script URL, and the stored text round-trips
/// exactly through the API.
/// </summary>
public partial class XssCorpusTests(EngineApp app) : IClassFixture<EngineApp>
{
    public static readonly string[] Payloads = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Security", "xss-payloads.txt"))
        .Where(l => l.Length > 0).ToArray();

    [Fact]
    public void The_corpus_has_at_least_100_payloads() => Payloads.Length.Should().BeGreaterThanOrEqualTo(100);

    [Fact]
    public async Task No_payload_becomes_markup_on_any_page_and_each_round_trips_through_the_api()
    {
        using var member = app.Visit("beta.test");
        var failures = new List<string>();
        for (var i = 0; i < Payloads.Length; i++)
        {
            var payload = Payloads[i];
            var title = $"Idea {i:000}: {payload}";
            if (title.Length > 150) title = title[..150];
            var body = $"Body {i:000}\n\n{payload}";
            if (i % 10 == 0) await member.RegisterAsync(TestEmail.Unique($"x{i}"), payload.Length > 60 ? payload[..60] : payload.PadRight(2, '.'));
            var response = await member.Http.PostAsJsonAsync("api/v1/challenges/waiting-well/ideas", new { title, body, anonymous = false });
            if (!response.IsSuccessStatusCode) { failures.Add($"#{i} could not be posted: {(int)response.StatusCode}"); continue; }
            var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
            await member.Http.PostAsJsonAsync($"api/v1/ideas/{id}/comments", new { body = payload, anonymous = false });

            var api = await member.Http.GetFromJsonAsync<JsonElement>($"api/v1/ideas/{id}");
            if (api.GetProperty("title").GetString() != title.Trim() || api.GetProperty("body").GetString() != body.Trim())
                failures.Add($"#{i} did not round-trip: {payload}");

            var html = (await member.GetPageAsync($"/ideas/{id}")).Html;
            foreach (var bad in Dangerous(html))
                failures.Add($"#{i} {payload} -> {bad}");
        }
        var listing = (await member.GetPageAsync("/challenges/waiting-well?sort=new")).Html;
        foreach (var bad in Dangerous(listing)) failures.Add($"listing -> {bad}");
        failures.Should().BeEmpty();
    }

    /// <summary>Markup the themes never write themselves: if it appears, user text escaped into HTML.</summary>
    private static IEnumerable<string> Dangerous(string html)
    {
        foreach (Match m in Tag().Matches(html)) yield return m.Value;
        foreach (Match m in Handler().Matches(html)) yield return m.Value;
        foreach (Match m in SchemeUrl().Matches(html)) yield return m.Value;
    }

    [GeneratedRegex(@"<\s*(script(?![^>]*\bsrc=""/[^""]*voting\.js)|iframe|object|embed|svg|math|style|base|meta\s+http-equiv|img\s+src=[^/""]|body\s|frameset|details\s+open|marquee|video|audio|xss|portal|applet|bgsound|isindex|keygen|template|noscript)[^>]*", RegexOptions.IgnoreCase)]
    private static partial Regex Tag();

    [GeneratedRegex(@"<[a-z][^>]*\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex Handler();

    // Only inside a real tag: escaped text (&lt;img src=javascript:...) is harmless.
    [GeneratedRegex(@"<[a-z][^<>]*\s(href|src|action|formaction|background)\s*=\s*[""']?\s*(javascript|data|vbscript):", RegexOptions.IgnoreCase)]
    private static partial Regex SchemeUrl();
}
