using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Engine.Core.Members;

namespace Engine.Web.Tests.Admin;

/// <summary>The site's name, colours and logo set by an admin: checked, stored per tenant, served safely, shown at once.</summary>
public partial class BrandingAdminTests(BrandingAdminTests.App app) : IClassFixture<BrandingAdminTests.App>
{
    public sealed class App : EngineApp
    {
        public App()
        {
            foreach (var id in new[] { "brand", "refusals", "brand-api" })
                WriteTenant(id, Tenant(id, $"{id} site", [$"{id}.test"], anonymous: false, downVotes: false));
        }
    }

    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0xFF, 0xD9];

    private Task<(Visitor Visitor, long Id)> Admin(string site) => app.MemberAsync($"{site}.test", Roles.Admin, "Ada Admin");

    private static async Task<HttpResponseMessage> SaveAsync(Visitor admin, Dictionary<string, string> fields, (byte[] Bytes, string Name, string Type)? logo = null, bool withToken = true)
    {
        var (_, html) = await admin.GetPageAsync("/admin/settings/branding");
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields) form.Add(new StringContent(value), name);
        if (!withToken) admin.Http.DefaultRequestHeaders.Remove("X-CSRF-TOKEN");
        if (withToken) form.Add(new StringContent(WebUtility.HtmlDecode(Token().Match(html).Groups[1].Value)), "__RequestVerificationToken");
        if (logo is { } l)
        {
            var file = new ByteArrayContent(l.Bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue(l.Type);
            form.Add(file, "Logo", l.Name);
        }
        return await admin.Http.PostAsync("/admin/settings/branding", form);
    }

    private static Dictionary<string, string> Brand(string name = "North Care Ideas", string primary = "#00305e", string accent = "#ffb81c", string tagline = "Better care, together") =>
        new() { ["Name"] = name, ["Tagline"] = tagline, ["PrimaryColour"] = primary, ["AccentColour"] = accent };

    [Fact]
    public async Task An_admin_rebrands_the_site_and_uploads_a_logo_which_the_public_site_shows_at_once_and_other_tenants_cannot_fetch()
    {
        var (admin, _) = await Admin("brand");
        var form = (await admin.GetPageAsync("/admin/settings/branding")).Html;
        form.Should().Contain("enctype=\"multipart/form-data\"").And.Contain("<input class=\"nhsuk-file-upload\" id=\"logo\" name=\"Logo\" type=\"file\"");
        form.Should().MatchRegex("id=\"primaryColour\"[^>]*value=\"#123456\"");

        var save = await SaveAsync(admin, Brand(), (Png, "logo.png", "image/png"));
        save.StatusCode.Should().Be(HttpStatusCode.Redirect, await save.Content.ReadAsStringAsync());

        using var visitor = app.Visit("brand.test");
        var home = (await visitor.GetPageAsync("/")).Html;
        home.Should().Contain("North Care Ideas").And.Contain("Better care, together").And.NotContain("brand site");
        var logoUrl = Regex.Match(home, "<img class=\"brand-logo\" src=\"(/brand/logo-[0-9a-f]{16}\\.png)\"").Groups[1].Value;
        logoUrl.Should().NotBeEmpty();
        // The colours are in site.css's address, so a cached old stylesheet is never used.
        var css = WebUtility.HtmlDecode(Regex.Match(home, "href=\"(/site\\.css\\?v[^\"]+)\"").Groups[1].Value);
        css.Should().Be("/site.css?v=00305effb81c");
        (await visitor.Http.GetStringAsync(css)).Should().Contain("--brand-primary: #00305e").And.Contain("--brand-accent: #ffb81c");

        var image = await visitor.Http.GetAsync(logoUrl);
        image.StatusCode.Should().Be(HttpStatusCode.OK);
        image.Content.Headers.ContentType!.MediaType.Should().Be("image/png");
        image.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        (await image.Content.ReadAsByteArrayAsync()).Should().Equal(Png);

        using var other = app.Visit("alpha.test");
        (await other.Http.GetAsync(logoUrl)).StatusCode.Should().Be(HttpStatusCode.NotFound, "another tenant never serves this tenant's files");
        (await other.GetPageAsync("/")).Html.Should().NotContain("North Care Ideas").And.NotContain(logoUrl);
        (await visitor.Http.GetAsync("/brand/..%2F..%2Fengine.db")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        // Replacing: a new address for the new image, and the old file is gone.
        (await SaveAsync(admin, Brand(), (Jpeg, "photo.jpg", "image/jpeg"))).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var replaced = Regex.Match((await visitor.GetPageAsync("/")).Html, "src=\"(/brand/logo-[0-9a-f]{16}\\.jpg)\"").Groups[1].Value;
        replaced.Should().NotBeEmpty();
        (await visitor.Http.GetAsync(replaced)).Content.Headers.ContentType!.MediaType.Should().Be("image/jpeg");
        (await visitor.Http.GetAsync(logoUrl)).StatusCode.Should().Be(HttpStatusCode.NotFound);

        var audit = (await admin.GetPageAsync("/admin/audit?action=setting.changed")).Html;
        audit.Should().Contain("branding.name").And.Contain("brand site -&gt; North Care Ideas").And.Contain("branding.primaryColour").And.Contain("#123456 -&gt; #00305e")
            .And.Contain("branding.logo");

        // Back to tenant.json: the name returns and the uploaded logo is deleted.
        var (_, page) = await admin.GetPageAsync("/admin/settings/branding");
        var reset = await admin.Http.PostAsync("/admin/settings/branding?handler=Reset", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(Token().Match(page).Groups[1].Value) }));
        reset.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await visitor.GetPageAsync("/")).Html.Should().Contain("brand site").And.NotContain("/brand/logo-");
        (await visitor.Http.GetAsync(replaced)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        admin.Dispose();
    }

    [Fact]
    public async Task Bad_logos_and_colours_are_refused_with_a_clear_message_and_nothing_changes()
    {
        var (admin, _) = await Admin("refusals");

        var renamed = await SaveAsync(admin, Brand(), (Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>"), "logo.png", "image/png"));
        renamed.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await renamed.Content.ReadAsStringAsync()).Should().Contain("href=\"#logo\"").And.Contain("must be a PNG, JPEG or WebP image; &#x27;logo.png&#x27; is not one");

        var svg = await SaveAsync(admin, Brand(), (Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"), "logo.svg", "image/svg+xml"));
        (await svg.Content.ReadAsStringAsync()).Should().Contain("SVG is not accepted");

        var big = Png.Concat(new byte[600 * 1024]).ToArray();
        var oversized = await SaveAsync(admin, Brand(), (big, "big.png", "image/png"));
        oversized.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await oversized.Content.ReadAsStringAsync()).Should().Contain("The logo must be smaller than 512 KB (this file is 601 KB).");

        var pale = await SaveAsync(admin, Brand(primary: "#ffeb3b"));
        pale.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await pale.Content.ReadAsStringAsync()).Should().Contain("href=\"#primaryColour\"").And.Contain("White text on #ffeb3b has a contrast ratio of 1.2:1; it needs at least 4.5:1");
        (await (await SaveAsync(admin, Brand(accent: "yellow"))).Content.ReadAsStringAsync()).Should().Contain("href=\"#accentColour\"").And.Contain("must be a hex colour");
        (await (await SaveAsync(admin, Brand(name: "  "))).Content.ReadAsStringAsync()).Should().Contain("href=\"#name\"").And.Contain("Name is required");

        (await SaveAsync(admin, Brand(), (Png, "logo.png", "image/png"), withToken: false)).StatusCode.Should().Be(HttpStatusCode.BadRequest, "the upload goes through anti-forgery");
        await admin.UseAntiforgeryHeaderAsync();

        using var visitor = app.Visit("refusals.test");
        (await visitor.GetPageAsync("/")).Html.Should().Contain("refusals site").And.NotContain("/brand/logo-");
        (await admin.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/audit?action=setting.changed")).GetArrayLength().Should().Be(0);
        admin.Dispose();
    }

    [Fact]
    public async Task The_branding_api_sets_colours_and_takes_a_logo_as_multipart()
    {
        var (admin, _) = await Admin("brand-api");
        var bad = await admin.Http.PutAsJsonAsync("api/v1/admin/settings/branding", new { name = "API Brand", primaryColour = "#fff000", accentColour = "#ffb81c" });
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Visitor.ProblemAsync(bad)).GetProperty("errors").GetProperty("primaryColour")[0].GetString().Should().Contain("contrast");

        var ok = await admin.Http.PutAsJsonAsync("api/v1/admin/settings/branding", new { name = "API Brand", tagline = "", primaryColour = "#005EB8", accentColour = "#ffb81c" });
        ok.StatusCode.Should().Be(HttpStatusCode.OK, await ok.Content.ReadAsStringAsync());
        (await ok.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("primaryColour").GetString().Should().Be("#005eb8");

        var renamed = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes("GIF89a not really")), "logo", "logo.webp" } };
        var refused = await admin.Http.PutAsync("api/v1/admin/settings/branding/logo", renamed);
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Visitor.ProblemAsync(refused)).GetProperty("errors").GetProperty("logo")[0].GetString().Should().Contain("PNG, JPEG or WebP");

        var webp = Encoding.ASCII.GetBytes("RIFF\x10\x00\x00\x00WEBPVP8 ").Concat(new byte[8]).ToArray();
        var upload = await admin.Http.PutAsync("api/v1/admin/settings/branding/logo", new MultipartFormDataContent { { new ByteArrayContent(webp), "logo", "logo.bin" } });
        upload.StatusCode.Should().Be(HttpStatusCode.OK, await upload.Content.ReadAsStringAsync());
        var logoUrl = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("logoUrl").GetString()!;
        logoUrl.Should().MatchRegex("^/brand/logo-[0-9a-f]{16}\\.webp$");
        using var visitor = app.Visit("brand-api.test");
        (await visitor.Http.GetAsync(logoUrl)).Content.Headers.ContentType!.MediaType.Should().Be("image/webp");
        (await visitor.GetPageAsync("/")).Html.Should().Contain("API Brand").And.Contain(logoUrl);

        (await admin.Http.DeleteAsync("api/v1/admin/settings/branding")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await visitor.GetPageAsync("/")).Html.Should().Contain("brand-api site");
        admin.Dispose();
    }

    [GeneratedRegex("<input(?=[^>]*name=\"__RequestVerificationToken\")[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
