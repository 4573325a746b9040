using Engine.Sdk;

namespace Engine.Plugins.ReportThreshold;

public sealed class ReportThresholdPlugin : IPlugin
{
    public void Register(IRuleRegistrar rules) =>
        rules.AddModerationRule("report-threshold", settings => new ReportThresholdRule(settings.Int("reports"), settings.Log));
}
