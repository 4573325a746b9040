using System.Text.Json;
using Engine.Core.Editing;
using Engine.Core.Tenancy;

namespace Engine.Web.Pages.Admin;

/// <summary>
/// The settings pages' words for what Engine.Core describes in English for the audit log (a switch, the edit window,
/// the rules in force): the same facts, in the page's language. Rule and setting names are the plugins' own and stay as written.
/// </summary>
public static class SettingsWords
{
    public static string OnOff(this HttpContext context, bool on) => context.Words(on ? "admin.settings.on" : "admin.settings.off");

    /// <summary>"until the first vote or comment", "30 minutes after posting", "off".</summary>
    public static string EditWindow(this HttpContext context, TenantEditing editing) => editing.Window switch
    {
        Core.Editing.EditWindow.Minutes => context.Words("admin.settings.window-minutes", editing.Minutes),
        Core.Editing.EditWindow.Off => context.Words("admin.settings.off"),
        _ => context.Words("admin.settings.window-first-reaction"),
    };

    /// <summary>"budget (votes: 5)": a yes-or-no setting in the page's language.</summary>
    public static string Describe(this HttpContext context, RuleChoice choice) =>
        choice.Settings is not { Count: > 0 } settings ? choice.Rule
        : $"{choice.Rule} ({string.Join(", ", settings.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}: {context.Value(s.Value)}"))})";

    public static string Voting(this HttpContext context, RuleChoice? choice) => choice is null ? context.Words("admin.settings.built-in") : context.Describe(choice);

    public static string Anonymity(this HttpContext context, RuleChoice? choice) => choice is null ? context.Words("admin.settings.built-in") : context.Describe(choice);

    public static string Moderation(this HttpContext context, IReadOnlyList<RuleChoice>? choices) =>
        choices is not { Count: > 0 } ? context.Words("admin.settings.no-rules")
        : string.Join(context.Words("admin.settings.then"), choices.Select(context.Describe));

    private static string Value(this HttpContext context, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => context.Words("admin.settings.yes"),
        JsonValueKind.False => context.Words("admin.settings.no"),
        JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(context.Value)),
        _ => Core.Rules.RuleText.Value(value),
    };
}
