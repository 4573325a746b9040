using System.Text.Json;
using Engine.Core.Moderation;
using Engine.Data.Events;
using Engine.Data.Stores;
using Engine.Web.Plugins;
using Microsoft.AspNetCore.Mvc;

namespace Engine.Web.Pages.Admin;

/// <summary>
/// The addresses the shipped webhooks plugin posts this site's events to, its delivery log, and the events it gave up on
/// (the dead letters). Kept in the plugin's own state on the site (the keys its <c>Endpoints</c> class reads); a secret is
/// written once and never shown again. For admins; every change is audited (never with the secret).
/// </summary>
public sealed class WebhooksModel(PluginStateStore states, EventOutboxStore outbox, PluginEvents events, IModerationStore audit, TimeProvider clock,
    Engine.Plugins.Loading.PluginCatalog plugins) : AdminPageModel
{
    public const string PluginId = "webhooks";
    private const string Prefix = "endpoint/";
    public const int SecretMin = 16;

    public sealed record SavedAddress(string Key, string Url);
    /// <param name="Why">Why it failed, as a key in the plugin's catalogues (with <paramref name="Values"/>); null in a log written before keys were, which shows <paramref name="Error"/>'s English.</param>
    public sealed record Delivery(DateTimeOffset At, string EventId, string Kind, string Url, int? Status, string? Error, string? Why = null, JsonElement[]? Values = null);

    /// <summary>Why a delivery failed, in the admin's language from the plugin's catalogues (else English), or as it was logged before keys were.</summary>
    public string Failure(Delivery delivery)
    {
        var values = (delivery.Values ?? []).Select(v => v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? (object?)n : v.ToString()).ToList();
        return delivery.Why is { } key && plugins.WordsOf(PluginId)?.Find(HttpContext.Culture(), key, values) is { } worded ? worded : delivery.Error ?? "";
    }

    /// <summary>Whether the site's rules choose the webhooks handler (the addresses are kept either way).</summary>
    public bool Chosen { get; private set; }
    public IReadOnlyList<SavedAddress> Addresses { get; private set; } = [];
    public IReadOnlyList<Delivery> Log { get; private set; } = [];
    public IReadOnlyList<OutboxEntry> DeadLetters { get; private set; } = [];

    [BindProperty] public string? Address { get; set; }
    [BindProperty] public string? Secret { get; set; }

    private Engine.Sdk.IPluginState State => states.For(Tenant.Id, PluginId);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        var url = Address?.Trim() ?? "";
        var errors = new List<FieldError>();
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            errors.Add(new FieldError("address", Words("admin.webhooks.address-error")));
        if ((Secret ?? "").Length < SecretMin)
            errors.Add(new FieldError("secret", Words("admin.webhooks.secret-error", SecretMin)));
        if (errors.Count > 0)
        {
            await LoadAsync(ct);
            return Invalid(errors);
        }
        State.Set(Prefix + Guid.NewGuid().ToString("N"), JsonSerializer.SerializeToElement(new { url, secret = Secret }));
        await audit.AuditAsync(Tenant.Id, ActorId, "webhook.added", url, "a webhook address was added with its secret", clock.GetUtcNow(), ct);
        return Done(Words("admin.webhooks.done-added", url));
    }

    public async Task<IActionResult> OnPostRemoveAsync(string key, CancellationToken ct)
    {
        if (!key.StartsWith(Prefix, StringComparison.Ordinal) || UrlOf(key) is not { } url) return NotFound();
        State.Remove(key);
        await audit.AuditAsync(Tenant.Id, ActorId, "webhook.removed", url, "a webhook address was removed", clock.GetUtcNow(), ct);
        return Done(Words("admin.webhooks.done-removed", url));
    }

    private string? UrlOf(string key) => State.Get(key) is { ValueKind: JsonValueKind.Object } value ? value.GetProperty("url").GetString() : null;

    private async Task LoadAsync(CancellationToken ct)
    {
        var state = State;
        Chosen = events.For(Tenant.Id).Any(h => h.Handler.PluginId == PluginId);
        Addresses = state.Keys(Prefix).Select(key => UrlOf(key) is { } url ? new SavedAddress(key, url) : null).OfType<SavedAddress>().ToList();
        Log = state.Get("log") is { ValueKind: JsonValueKind.Array } log ? log.Deserialize<List<Delivery>>(JsonSerializerOptions.Web)! : [];
        DeadLetters = await outbox.ListAsync(Tenant.Id, gaveUpOnly: true, 50, ct);
    }
}
