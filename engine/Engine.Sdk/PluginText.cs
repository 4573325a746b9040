namespace Engine.Sdk;

/// <summary>
/// A text a plugin shows people, worded by the engine in the reader's language (SDK 1.4). <see cref="Key"/> is looked up
/// as <c>plugin.&lt;plugin id&gt;.&lt;Key&gt;</c> in the plugin's catalogues (<c>locales/&lt;culture&gt;.json</c> beside its
/// plugin.json), in the reader's language, else English; <c>{0}</c>, <c>{1}</c>... in the text are <see cref="Values"/>,
/// and a text with plural forms is chosen by the first value. A key no catalogue has is shown as it is written.
/// </summary>
/// <example><c>VoteDecision.Refused(new PluginText("votes-used", votes))</c> with <c>"plugin.budget.votes-used": "You have used all {0} of your votes."</c></example>
public record PluginText(string Key, params object[] Values)
{
    public override string ToString() => Key;
}
