using System.Text.RegularExpressions;
using Engine.Web.Pages.Admin;

namespace Engine.Web.Tests.Admin;

public partial class AuditActionsTests
{
    /// <summary>The audit page filters by a fixed list of actions: an action the engine writes but the list lacks could not be filtered for.</summary>
    [Fact]
    public void Every_action_the_use_cases_write_to_the_audit_log_can_be_filtered_on_the_audit_page()
    {
        var core = Path.Combine(TestRepository.Root, "engine", "Engine.Core");
        var written = Directory.GetFiles(core, "*.cs", SearchOption.AllDirectories)
            .Select(File.ReadAllText)
            .Where(source => source.Contains(".AuditAsync(", StringComparison.Ordinal))
            .SelectMany(source => ActionLiteral().Matches(source).Select(m => m.Groups[1].Value))
            // Names of settings, written as the subject of "setting.changed", not actions.
            .Where(literal => !literal.StartsWith("branding.", StringComparison.Ordinal) && !literal.StartsWith("rules.", StringComparison.Ordinal)
                && !literal.StartsWith("features.", StringComparison.Ordinal))
            .Distinct()
            .ToList();
        written.Should().Contain(["content.approved", "reports.dismissed", "member.unblocked", "challenge.archived"], "the scan should find the actions");
        AuditModel.Actions.Should().Contain(written);
    }

    /// <summary>The audit page names each action in the page's language: an action added to the list without its words would fail the page.</summary>
    [Fact]
    public void Every_action_on_the_audit_page_is_named_in_English_and_in_Welsh()
    {
        foreach (var culture in new[] { "en", "cy" })
            AuditModel.Actions.Where(action => Engine.Web.Languages.EngineWords.Catalogues.Find(culture, AuditModel.NameKey(action), fallBack: false) is null)
                .Should().BeEmpty($"every action is named in Pages/Admin/locales/{culture}.json");
    }

    [GeneratedRegex("\"([a-z-]+\\.[a-z-]+)\"")]
    private static partial Regex ActionLiteral();
}
