using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Engine.Browser.Tests;

/// <summary>
/// One person's browser on one site: a browser context (own cookies) and its page. Records every
/// console error, uncaught page error and failed request (except the NHS fonts from assets.nhs.uk,
/// which fail offline by design), counts top-level navigations, takes screenshots and runs axe.
/// Nothing leaves the machine: the browser resolves no host name but *.localhost (see BrowserFixture).
/// </summary>
public sealed partial class BrowserTab : IAsyncDisposable
{
    private static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
    private readonly BrowserFixture fixture;
    private readonly List<(string Text, string? Url)> problems = [];
    private readonly HashSet<string> documents = [];
    private int shots;

    public IBrowserContext Context { get; }
    public IPage Page { get; private set; } = null!;
    public Site Site { get; }
    public string Test { get; }

    /// <summary>
    /// Console errors, page errors and failed requests so far. A page the engine answers with an error
    /// status on purpose (a form showing its errors is a 400) makes chromium log "Failed to load
    /// resource" for the document itself: that is the page working, so it is left out; a stylesheet,
    /// script or image that fails is not.
    /// </summary>
    public List<string> Problems => problems.Where(p => p.Url is null || !documents.Contains(p.Url)).Select(p => p.Text).ToList();
    /// <summary>Top-level documents loaded so far: a click that does not change it did not navigate.</summary>
    public int Navigations { get; private set; }

    private BrowserTab(BrowserFixture fixture, IBrowserContext context, Site site, string test)
    {
        this.fixture = fixture;
        Context = context;
        Site = site;
        Test = test;
    }

    public static async Task<BrowserTab> OpenAsync(BrowserFixture fixture, IBrowserContext context, Site site, string test)
    {
        var tab = new BrowserTab(fixture, context, site, test);
        tab.Page = await context.NewPageAsync();
        tab.Page.Console += (_, message) =>
        {
            if (message.Type != "error" || IsNhsFont(message.Text) || IsNhsFont(message.Location) || IsFavicon(message)) return;
            var failedResource = message.Text.StartsWith("Failed to load resource: the server responded with a status of", StringComparison.Ordinal)
                ? LocationUrl().Replace(message.Location, "") : null;
            tab.problems.Add(($"console error on {tab.Page.Url}: {message.Text} (at {message.Location})", failedResource));
        };
        tab.Page.PageError += (_, error) => tab.problems.Add(($"page error on {tab.Page.Url}: {error}", null));
        tab.Page.RequestFailed += (_, request) =>
        {
            // ERR_ABORTED: the browser dropped a request because the test moved on to another page.
            if (!IsNhsFont(request.Url) && request.Failure != "net::ERR_ABORTED") tab.problems.Add(($"request failed on {tab.Page.Url}: {request.Method} {request.Url} ({request.Failure})", null));
        };
        tab.Page.Response += (_, response) =>
        {
            if (response.Request.IsNavigationRequest && response.Frame == tab.Page.MainFrame) tab.documents.Add(response.Url);
        };
        tab.Page.FrameNavigated += (_, frame) => { if (frame == tab.Page.MainFrame) tab.Navigations++; };
        return tab;
    }

    private static bool IsNhsFont(string text) => text.Contains("assets.nhs.uk", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Chromium asks for /favicon.ico by itself when a page names no icon (base and london do not) and
    /// logs the 404, but only sometimes (it races the page's load), so it would make tests flaky rather
    /// than catch anything the page does. Left out here; reported to the theme owners instead.
    /// </summary>
    private static bool IsFavicon(IConsoleMessage message) =>
        message.Location.Contains("/favicon.ico", StringComparison.Ordinal) && message.Text.Contains("404", StringComparison.Ordinal);

    /// <summary>Opens <paramref name="path"/> and insists on the status the page should answer with.</summary>
    public async Task<IResponse> GotoAsync(string path, int status = 200)
    {
        var response = await Page.GotoAsync(path) ?? throw new InvalidOperationException($"No response for {path}.");
        response.Status.Should().Be(status, $"GET {path} on the {Site.Theme} site should answer {status} (landed on {Page.Url})");
        return response;
    }

    /// <summary>Saves a full-page screenshot under artifacts/screenshots, numbered in the order taken.</summary>
    public async Task ShotAsync(string step)
    {
        var name = Unsafe().Replace($"{Test}.{Site.Theme}.{++shots:00}-{step}", "-");
        await Page.ScreenshotAsync(new() { Path = Path.Combine(fixture.ScreenshotsPath, name + ".png"), FullPage = true });
    }

    /// <summary>
    /// Runs axe-core against the page for WCAG 2.0, 2.1 and 2.2 level A and AA, and describes each
    /// violation (rule, what it asks, the elements at fault). axe comes in by a script tag from the page's
    /// own origin (see <see cref="EngineServer.AxeScriptUrl"/>), so the site's Content-Security-Policy
    /// stays on and any breach of it still shows as a console error.
    /// </summary>
    public async Task<List<string>> AxeAsync(string label)
    {
        if (!await Page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
            await Page.AddScriptTagAsync(new() { Url = EngineServer.AxeScriptUrl });
        var violations = await Page.EvaluateAsync<JsonElement>(
            """
            async tags => {
              const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
              return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({ target: n.target.join(' '), html: n.html, summary: n.failureSummary })),
              }));
            }
            """, WcagTags);
        var found = new List<string>();
        foreach (var violation in violations.EnumerateArray())
        {
            var text = new StringBuilder();
            text.Append($"[{Site.Theme}] {label} ({new Uri(Page.Url).PathAndQuery}): {violation.GetProperty("id").GetString()} ({violation.GetProperty("impact")}) – {violation.GetProperty("help").GetString()} <{violation.GetProperty("helpUrl").GetString()}>");
            foreach (var node in violation.GetProperty("nodes").EnumerateArray())
            {
                text.Append($"\n      at {node.GetProperty("target").GetString()}: {node.GetProperty("html").GetString()}");
                var summary = node.GetProperty("summary").GetString();
                if (!string.IsNullOrWhiteSpace(summary)) text.Append($"\n         {summary.ReplaceLineEndings(" ").Trim()}");
            }
            found.Add(text.ToString());
        }
        return found;
    }

    /// <summary>The element that has keyboard focus, described as tag#id.class "text".</summary>
    public Task<string> FocusedAsync() => Page.EvaluateAsync<string>(
        """
        () => {
          const e = document.activeElement;
          if (!e || e === document.body) return 'body';
          const text = (e.innerText || e.value || '').trim().replace(/\s+/g, ' ').slice(0, 60);
          return `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.className ? '.' + String(e.className).trim().split(/\s+/).join('.') : ''} "${text}"`;
        }
        """);

    /// <summary>Presses Tab until <paramref name="selector"/> has focus; returns the path focus took.</summary>
    public async Task<List<string>> TabToAsync(string selector, int limit = 80)
    {
        var path = new List<string>();
        for (var i = 0; i < limit; i++)
        {
            await Page.Keyboard.PressAsync("Tab");
            path.Add(await FocusedAsync());
            if (await Page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) ?? false", selector)) return path;
        }
        throw new InvalidOperationException($"[{Site.Theme}] {limit} presses of Tab never reached {selector}; focus went: {string.Join(" → ", path)}");
    }

    /// <summary>How the focused element shows focus (its outline or box shadow); empty if it shows neither.</summary>
    public Task<string> FocusIndicatorAsync() => Page.EvaluateAsync<string>(
        """
        () => {
          const e = document.activeElement;
          const s = getComputedStyle(e);
          const parts = [];
          if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) parts.push(`outline ${s.outlineWidth} ${s.outlineStyle} ${s.outlineColor}`);
          if (s.boxShadow && s.boxShadow !== 'none') parts.push(`box-shadow ${s.boxShadow}`);
          return parts.join('; ');
        }
        """);

    public async ValueTask DisposeAsync() => await Context.CloseAsync();

    [GeneratedRegex(@":\d+:\d+$")]
    private static partial Regex LocationUrl();

    [GeneratedRegex("[^A-Za-z0-9._-]+")]
    private static partial Regex Unsafe();
}
