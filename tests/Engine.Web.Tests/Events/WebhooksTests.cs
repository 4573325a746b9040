using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Engine.Web.Tests.Events;

/// <summary>
/// The shipped webhooks plugin against an HTTP listener on this machine: an admin adds an address and secret at
/// /admin/webhooks (the secret is never shown again), and each event reaches the listener signed with it; an address that
/// fails gets the same event again, and the admin page shows the delivery log.
/// </summary>
public sealed class WebhooksTests : IAsyncLifetime
{
    private const string Secret = "a secret of the receiver's, 32 chars";
    private readonly EngineApp _app = new PatientApp();

    /// <summary>
    /// The retry is what is tested, not the listener's speed: on a loaded machine the listener's 204 may take longer than the
    /// plugin's default 800 ms wait, which the plugin rightly logs as no answer (and sends again), so the wait and the
    /// engine's rule budget are made roomy.
    /// </summary>
    private sealed class PatientApp : EngineApp
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Engine:RuleBudget", "00:00:10");
        }
    }
    private WebApplication _listener = null!;
    private string _address = null!;
    private readonly ConcurrentQueue<(string Id, string Kind, string Signature, string Body)> _received = new();
    private int _failuresLeft;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _listener = builder.Build();
        _listener.MapPost("/hooks/ideas", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            _received.Enqueue((request.Headers["X-Engine-Event-Id"].ToString(), request.Headers["X-Engine-Event"].ToString(),
                request.Headers["X-Engine-Signature"].ToString(), body));
            return Interlocked.Decrement(ref _failuresLeft) >= 0 ? Results.StatusCode(503) : Results.NoContent();
        });
        await _listener.StartAsync();
        var port = new Uri(_listener.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        _address = $"http://127.0.0.1:{port}/hooks/ideas";

        var tenant = EngineApp.Tenant("hooked", "Hooked site", ["hooked.test"], anonymous: true, downVotes: false);
        tenant["rules"] = new { events = new[] { new { rule = "webhooks", settings = new { timeoutMs = 5000 } } } };
        tenant["languages"] = new[] { "cy-GB" };
        tenant["challenges"] = ((object[])tenant["challenges"]!).Append(new
        {
            slug = "members-plans", title = "Members' plans", description = "Signed-in members only.",
            opensAt = EngineApp.Now.AddDays(-7), closesAt = EngineApp.Now.AddDays(21), audience = "members",
        }).ToArray();
        _app.WriteTenant("hooked", tenant);
    }

    public async Task DisposeAsync()
    {
        await _listener.DisposeAsync();
        await _app.DisposeAsync();
    }

    private async Task<Visitor> AdminWithAddressAsync()
    {
        var (admin, _) = await _app.MemberAsync("hooked.test", Core.Members.Roles.Admin, "Ada Admin");
        var added = await admin.SubmitAsync("/admin/webhooks", "/admin/webhooks?handler=Add", new() { ["Address"] = _address, ["Secret"] = Secret });
        added.StatusCode.Should().Be(HttpStatusCode.Redirect, await added.Content.ReadAsStringAsync());
        return admin;
    }

    private async Task<List<(string Id, string Kind, string Signature, string Body)>> ReceivedWhenAsync(Func<List<(string Id, string Kind, string Signature, string Body)>, bool> done)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(30); !done(_received.ToList()) && DateTime.UtcNow < deadline;) await Task.Delay(50);
        return _received.ToList();
    }

    /// <summary>The admin page once it shows <paramref name="text"/> (the log is written just after the post is answered), or as it is then.</summary>
    private static async Task<string> PageWhenAsync(Visitor admin, string text)
    {
        var (_, html) = await admin.GetPageAsync("/admin/webhooks");
        for (var deadline = DateTime.UtcNow.AddSeconds(30); !html.Contains(text) && DateTime.UtcNow < deadline; (_, html) = await admin.GetPageAsync("/admin/webhooks"))
            await Task.Delay(100);
        return html;
    }

    private static string Sign(string body) => "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(body)));

    [Fact]
    public async Task An_address_an_admin_adds_gets_each_event_signed_with_its_secret_which_the_page_never_shows()
    {
        using var admin = await AdminWithAddressAsync();
        var (page, html) = await admin.GetPageAsync("/admin/webhooks");
        page.Should().Be(HttpStatusCode.OK);
        html.Should().Contain(_address).And.Contain("Set (not shown)").And.NotContain(Secret);

        using var author = (await _app.MemberAsync("hooked.test", Core.Members.Roles.Member, "Grace Hopper")).Visitor;
        var idea = await author.PostIdeaAsync(anonymous: true);

        var received = await ReceivedWhenAsync(r => r.Count >= 1);
        var post = received.Should().ContainSingle().Subject;
        post.Kind.Should().Be(Engine.Sdk.EventKinds.IdeaPosted);
        post.Signature.Should().Be(Sign(post.Body), "the body is signed with the address's secret");
        var body = JsonDocument.Parse(post.Body).RootElement;
        body.GetProperty("ideaId").GetInt64().Should().Be(idea);
        body.GetProperty("id").GetString().Should().Be(post.Id);
        post.Body.Should().NotContain("Grace", "an anonymous idea's event does not name its author");

        var after = await PageWhenAsync(admin, "Taken (204)");
        after.Should().Contain("Taken (204)").And.NotContain(Secret);
    }

    [Fact]
    public async Task No_address_is_sent_anything_about_a_challenge_not_everyone_may_see()
    {
        using var admin = await AdminWithAddressAsync();
        using var author = (await _app.MemberAsync("hooked.test", Core.Members.Roles.Member)).Visitor;
        var secret = await author.PostIdeaAsync(title: "For members only", challenge: "members-plans");
        var outbox = _app.Services.GetRequiredService<Engine.Data.Events.EventOutboxStore>();
        string? outcome = null;
        for (var deadline = DateTime.UtcNow.AddSeconds(30); outcome is null && DateTime.UtcNow < deadline; await Task.Delay(50))
            outcome = (await outbox.ListAsync("hooked", gaveUpOnly: false, max: 100)).SingleOrDefault(e => e.Stream == $"idea/{secret}")?.Outcome;
        outcome.Should().Be("withheld");

        var open = await author.PostIdeaAsync();
        var received = await ReceivedWhenAsync(r => r.Count >= 1);
        received.Should().ContainSingle().Which.Body.Should().Contain($"\"ideaId\":{open}").And.NotContain("For members only");
    }

    [Fact]
    public async Task An_address_that_fails_gets_the_same_event_again_and_the_log_shows_both_tries()
    {
        _failuresLeft = 1;
        using var admin = await AdminWithAddressAsync();
        using var author = (await _app.MemberAsync("hooked.test", Core.Members.Roles.Member)).Visitor;
        await author.PostIdeaAsync();

        var received = await ReceivedWhenAsync(r => r.Count >= 2);

        received.Should().HaveCount(2);
        received.Select(r => r.Id).Distinct().Should().ContainSingle("the event failed once, then was sent again as the same event");
        received.Should().OnlyContain(r => r.Signature == Sign(r.Body));
        var page = await PageWhenAsync(admin, "Taken (204)");
        page.Should().Contain("Failed: answered 503").And.Contain("Taken (204)");

        // The log's lines are keyed in the plugin's catalogues: a Welsh admin reads why it failed in Welsh.
        var (_, welsh) = await admin.GetPageAsync("/admin/webhooks?lang=cy");
        welsh.Should().Contain("<html lang=\"cy\"").And.Contain("Methodd: yr ateb oedd 503").And.NotContain("answered 503");
    }

    [Fact]
    public async Task An_address_must_be_a_url_and_the_secret_long_enough()
    {
        var (admin, _) = await _app.MemberAsync("hooked.test", Core.Members.Roles.Admin, "Ada Admin");
        using (admin)
        {
            var refused = await admin.SubmitAsync("/admin/webhooks", "/admin/webhooks?handler=Add", new() { ["Address"] = "not a url", ["Secret"] = "short" });

            refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            var html = await refused.Content.ReadAsStringAsync();
            html.Should().Contain("Enter the address as a full http or https URL").And.Contain("Enter a secret of at least 16 characters");
        }
    }
}
