using System.Text.Json;
using Engine.Sdk;

namespace Engine.Plugins.Webhooks;

/// <summary>An address events are posted to, and the secret that signs them (never shown again once saved).</summary>
public sealed record Endpoint(string Key, string Url, string Secret);

/// <summary>
/// One line of the delivery log: an event posted (or not) to an address. <see cref="Error"/> is why it failed in English
/// (the log's and the exception's); <see cref="Why"/> the same as a key in this plugin's catalogues with its values, which
/// the admin page words in the admin's language.
/// </summary>
public sealed record Delivery(DateTimeOffset At, string EventId, string Kind, string Url, int? Status, string? Error)
{
    public string? Why { get; init; }
    public object[]? Values { get; init; }

    public static Delivery Failed(DateTimeOffset at, SiteEvent e, string url, int? status, string english, PluginText why) =>
        new(at, e.Id, e.Kind, url, status, english) { Why = why.Key, Values = why.Values };
}

/// <summary>
/// The site's webhook addresses and delivery log, in the plugin's state on the site: addresses under <c>endpoint/…</c>
/// (URL and secret), the log under <c>log</c> (the latest <see cref="LogLength"/> deliveries, newest first). The admin
/// page reads and writes the same keys.
/// </summary>
public sealed class Endpoints(IPluginState state)
{
    public const string Prefix = "endpoint/";
    public const string LogKey = "log";
    public const int LogLength = 50;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public IReadOnlyList<Endpoint> All() => state.Keys(Prefix)
        .Select(key => (key, value: state.Get(key)))
        .Where(e => e.value is { ValueKind: JsonValueKind.Object })
        .Select(e => new Endpoint(e.key, e.value!.Value.GetProperty("url").GetString()!, e.value.Value.GetProperty("secret").GetString()!))
        .ToList();

    public void Log(IEnumerable<Delivery> deliveries)
    {
        var log = deliveries.Reverse().Concat(Deliveries()).Take(LogLength).ToList();
        state.Set(LogKey, JsonSerializer.SerializeToElement(log, Json));
    }

    public IReadOnlyList<Delivery> Deliveries() =>
        state.Get(LogKey) is { ValueKind: JsonValueKind.Array } log ? log.Deserialize<List<Delivery>>(Json)! : [];
}
