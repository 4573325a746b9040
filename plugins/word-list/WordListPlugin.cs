using Engine.Sdk;

namespace Engine.Plugins.WordList;

public sealed class WordListPlugin : IPlugin
{
    public void Register(IRuleRegistrar rules) =>
        rules.AddModerationRule("word-list", settings => new WordListRule(
            settings.List("words"),
            settings.String("action") == "reject" ? WordListAction.Reject : WordListAction.Hold));
}
