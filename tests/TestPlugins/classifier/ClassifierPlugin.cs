using System.Net.Http.Json;
using Engine.Sdk;

namespace Engine.TestPlugins.Classifier;

public sealed class ClassifierPlugin : IPlugin
{
    public void Register(IRuleRegistrar rules) =>
        rules.AddModerationRule("classifier", settings => new ClassifierRule(settings.String("url"), settings.CreateHttpClient));
}

/// <summary>Asks an outside classifier whether a contribution is toxic, as a real one would: over HTTP, honouring the engine's token.</summary>
public sealed class ClassifierRule(string url, Func<HttpClient> clients) : IAsyncModerationRule
{
    private sealed record Verdict(bool Toxic);

    public async Task<ModerationDecision> CheckAsync(Contribution contribution, CancellationToken cancellation)
    {
        using var response = await clients().PostAsJsonAsync(url, new { text = $"{contribution.Title}\n{contribution.Body}" }, cancellation);
        response.EnsureSuccessStatusCode();
        var verdict = await response.Content.ReadFromJsonAsync<Verdict>(cancellation);
        return verdict!.Toxic ? ModerationDecision.Held("The classifier thinks this may be toxic") : ModerationDecision.Published;
    }
}
