using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Engine.Sdk;

namespace Engine.Plugins.Webhooks;

/// <summary>
/// Posts each event as JSON to every address, with headers <c>X-Engine-Event</c> (the kind), <c>X-Engine-Event-Id</c>
/// (the same on every retry: receivers skip one they have had) and <c>X-Engine-Signature</c>, <c>sha256=</c> and the
/// hex HMAC-SHA256 of the body under the address's secret. If any address fails (no answer in time, or not 2xx), the
/// handler throws, so the engine tries the event again later, backing off; addresses that took it get it again then.
/// </summary>
public sealed class WebhookSender(Endpoints endpoints, TimeSpan timeout, IRuleLog log) : IEventHandler
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public void Handle(SiteEvent e)
    {
        var body = JsonSerializer.Serialize(new
        {
            id = e.Id, kind = e.Kind, tenantId = e.TenantId, stream = e.Stream, sequence = e.Sequence, at = e.At,
            challengeId = e.ChallengeId, ideaId = e.IdeaId, commentId = e.CommentId, title = e.Title, author = e.Author,
            value = e.Value, up = e.Up, down = e.Down, status = e.Status, note = e.Note,
        }, Json);
        var deliveries = endpoints.All().Select(endpoint => Post(endpoint, e, body)).ToList();
        if (deliveries.Count == 0) return;
        endpoints.Log(deliveries);
        var failed = deliveries.Where(d => d.Error is not null).ToList();
        if (failed.Count > 0)
        {
            log.Warning("Event {EventId} was not taken by {Failed} of {Addresses} webhook addresses; it will be sent again", e.Id, failed.Count, deliveries.Count);
            throw new WebhookFailedException($"{failed.Count} of {deliveries.Count} addresses did not take event {e.Id}: {failed[0].Url}: {failed[0].Error}");
        }
    }

    private Delivery Post(Endpoint endpoint, SiteEvent e, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Engine-Event", e.Kind);
        request.Headers.Add("X-Engine-Event-Id", e.Id);
        request.Headers.Add("X-Engine-Signature", "sha256=" + Signature(endpoint.Secret, body));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("engine-webhooks", "1.0"));
        try
        {
            using var cancel = new CancellationTokenSource(timeout);
            using var response = Http.Send(request, cancel.Token);
            var status = (int)response.StatusCode;
            return response.IsSuccessStatusCode
                ? new Delivery(DateTimeOffset.UtcNow, e.Id, e.Kind, endpoint.Url, status, null)
                : Delivery.Failed(DateTimeOffset.UtcNow, e, endpoint.Url, status, $"answered {status}", new PluginText("delivery-answered", status));
        }
        catch (OperationCanceledException)
        {
            var ms = (long)timeout.TotalMilliseconds;
            return Delivery.Failed(DateTimeOffset.UtcNow, e, endpoint.Url, null, $"no answer within {ms} ms", new PluginText("delivery-no-answer", ms));
        }
        catch (HttpRequestException error)
        {
            // .NET's own words for what went wrong (a refused connection, a name not found) are English: they are a value here.
            return Delivery.Failed(DateTimeOffset.UtcNow, e, endpoint.Url, null, error.Message, new PluginText("delivery-unreachable", error.Message));
        }
    }

    /// <summary>What a receiver computes to check a POST came from this site: hex HMAC-SHA256 of the body's bytes under the secret.</summary>
    public static string Signature(string secret, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));
}

public sealed class WebhookFailedException(string message) : Exception(message);
