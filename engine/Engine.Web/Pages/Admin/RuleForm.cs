using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Engine.Core.Common;
using Engine.Core.Rules;
using Engine.Core.Tenancy;
using Engine.Plugins.Loading;
using Engine.Plugins.Manifest;
using Humanizer;
using Microsoft.AspNetCore.Http;

namespace Engine.Web.Pages.Admin;

/// <summary>
/// A text a plugin gives, and its language when that is not the page's: a plugin whose catalogue lacks the page's language
/// (or has no catalogue) shows its manifest's English, which the page marks <c>lang="en"</c> (WCAG 3.1.2, language of
/// parts) so that a screen reader reads it as English.
/// </summary>
public sealed record PluginString(string Text, string? Language)
{
    public static PluginString Of(string? worded, string english) => worded is not null ? new(worded, null) : new(english, "en");
}

/// <summary>One choice of an enum setting: its value as stored, and its words as the plugin's catalogue gives them.</summary>
public sealed record SettingChoice(string Value, PluginString Text);

/// <summary>
/// One input of a generated rule settings form: its schema decides the NHS.UK component, label, hint and parsing. The hint
/// is the plugin's description of the setting, then what the engine says of the value (its range and default).
/// </summary>
public sealed record SettingField(string Id, string Name, PluginString Label, PluginString Description, string Allowed, SettingSchema Schema, string Value, string? Error,
    IReadOnlyList<SettingChoice> Choices)
{
    public bool Checked => Value == "true";
}

/// <summary>A rule a plugin offers, with the inputs for its settings.</summary>
public sealed record RuleOption(string Name, PluginString PluginName, PluginString Description, IReadOnlyList<SettingField> Settings);

/// <summary>
/// The rule choice form, generated from the loaded plugins' settings schemas: voting and anonymity as
/// radios (a rule's settings beneath it), moderation as checkboxes with a position each. Used for the
/// site (every part chosen) and for one challenge (each part may follow the site). It turns the posted
/// form back into <see cref="RuleChoices"/>, which the use case checks as tenant.json's are.
/// </summary>
public sealed partial class RuleForm
{
    public const string Inherit = "inherit";
    public const string BuiltIn = "built-in";

    private readonly PluginCatalog _catalog;
    private readonly IFormCollection? _posted;
    private readonly Dictionary<string, string> _errors = [];
    private readonly CultureInfo _culture;

    /// <param name="culture">The page's language, in which the plugins' catalogues word their rules and settings (else English, else plugin.json).</param>
    public RuleForm(PluginCatalog catalog, RuleChoices current, bool forChallenge, IFormCollection? posted = null, CultureInfo? culture = null)
    {
        _catalog = catalog;
        _culture = culture ?? Engine.Plugins.Loading.PluginWords.English;
        _posted = posted;
        Current = current;
        ForChallenge = forChallenge;
    }

    /// <summary>The choices shown when nothing was posted. For a challenge, a null part means "as the site".</summary>
    public RuleChoices Current { get; }
    public bool ForChallenge { get; }

    public IReadOnlyList<RuleOption> Options(RulePart part)
    {
        var kind = Plugins.PluginRuleChecker.Kind(part);
        return _catalog.Plugins
            .SelectMany(p => p.Manifest.Rules.Where(r => r.Kind == kind).Select(r => (Plugin: p, Rule: r)))
            .OrderBy(x => x.Rule.Name, StringComparer.Ordinal)
            .Select(x => new RuleOption(x.Rule.Name, PluginString.Of(x.Plugin.Words.Find(_culture, "name", []), x.Plugin.Manifest.Name),
                PluginString.Of(x.Plugin.Words.Find(_culture, $"rule.{x.Rule.Name}", []), x.Rule.Description),
                x.Rule.Settings.Select(s => Field(part, x.Rule.Name, s.Key, s.Value, x.Plugin.Words)).ToList()))
            .ToList();
    }

    /// <summary>The radio value chosen for voting or anonymity: a rule name, <see cref="BuiltIn"/> or <see cref="Inherit"/>.</summary>
    public string Chosen(RulePart part)
    {
        if (_posted is not null) return _posted[Key(part)].ToString() is { Length: > 0 } posted ? posted : "";
        var choice = part == RulePart.Voting ? Current.Voting : Current.Anonymity;
        return choice?.Rule ?? (ForChallenge ? Inherit : BuiltIn);
    }

    /// <summary>For a challenge: whether it keeps the site's moderation rules.</summary>
    public bool ModerationInherited => _posted is not null ? _posted["moderation-mode"] == Inherit : Current.Moderation is null;

    /// <summary>The moderation rules ticked, and the position each has.</summary>
    public bool ModerationChosen(string rule) => _posted is not null
        ? _posted["moderation"].Contains(rule)
        : Current.Moderation?.Any(m => m.Rule == rule) == true;

    public string ModerationPosition(string rule)
    {
        if (_posted is not null) return _posted[$"moderation.{rule}.position"].ToString();
        var index = Current.Moderation?.ToList().FindIndex(m => m.Rule == rule) ?? -1;
        return index >= 0 ? (index + 1).ToString(CultureInfo.InvariantCulture) : "";
    }

    public string? ErrorFor(string id) => _errors.GetValueOrDefault(id);
    public IEnumerable<FieldError> Errors => _errors.Select(e => new FieldError(e.Key, e.Value));

    /// <summary>Reads the posted form. An error here (a position that is not a number) names its input.</summary>
    public Outcome<RuleChoices> Read()
    {
        var form = _posted ?? throw new InvalidOperationException("Nothing was posted.");
        var voting = ReadSingle(RulePart.Voting, out var votingError);
        if (votingError is not null) return votingError;
        var anonymity = ReadSingle(RulePart.Anonymity, out var anonymityError);
        if (anonymityError is not null) return anonymityError;

        IReadOnlyList<RuleChoice>? moderation = null;
        if (!(ForChallenge && ModerationInherited))
        {
            var ticked = new List<(int Position, string Rule)>();
            foreach (var rule in form["moderation"].Where(r => !string.IsNullOrEmpty(r)).Select(r => r!))
            {
                var text = form[$"moderation.{rule}.position"].ToString().Trim();
                var position = int.MaxValue;
                if (text.Length > 0 && !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out position))
                    return Error.Invalid(Id(RulePart.Moderation, rule, "position"), $"The position of '{rule}' must be a whole number, such as 1 for first.")
                        .Keyed("admin.rule-fields.position-number", rule);
                ticked.Add((position, rule));
            }
            // Stable: rules without a position keep the page's order, after those with one.
            moderation = ticked.OrderBy(t => t.Position).Select(t => Choice(RulePart.Moderation, t.Rule)).ToList();
        }
        return new RuleChoices { Voting = voting, Moderation = moderation, Anonymity = anonymity };
    }

    /// <summary>Shows a use case's error beside the input it names ("moderation[1].settings.count" -> that rule's count input).</summary>
    public void Show(Error error, RuleChoices submitted)
    {
        var field = error.Field ?? "";
        var match = Path().Match(field);
        string id;
        if (!match.Success) id = field.Replace('.', '-');
        else
        {
            var part = match.Groups["part"].Value switch { "voting" => RulePart.Voting, "anonymity" => RulePart.Anonymity, _ => RulePart.Moderation };
            var rule = part switch
            {
                RulePart.Voting => submitted.Voting?.Rule,
                RulePart.Anonymity => submitted.Anonymity?.Rule,
                _ => submitted.Moderation?.ElementAtOrDefault(int.Parse(match.Groups["index"].Value, CultureInfo.InvariantCulture))?.Rule,
            } ?? "";
            id = match.Groups["setting"].Success ? Id(part, rule, match.Groups["setting"].Value) : $"{Key(part)}-{rule}";
        }
        _errors[id] = Languages.ErrorWords.Text(_culture, error);
    }

    private RuleChoice? ReadSingle(RulePart part, out Error? error)
    {
        error = null;
        var chosen = _posted![Key(part)].ToString();
        if (chosen == BuiltIn) return null;
        if (chosen == Inherit && ForChallenge) return null;
        if (chosen.Length == 0)
        {
            error = part == RulePart.Voting
                ? Error.Invalid($"{Key(part)}-{FirstOption(part)}", "Choose a voting rule.").Keyed("admin.rule-fields.choose-voting")
                : Error.Invalid($"{Key(part)}-{FirstOption(part)}", "Choose an anonymity policy.").Keyed("admin.rule-fields.choose-anonymity");
            return null;
        }
        return Choice(part, chosen);
    }

    private string FirstOption(RulePart part) => ForChallenge ? Inherit : BuiltIn;

    /// <summary>The rule with its settings as posted, converted to the JSON tenant.json would hold, so the same checks apply.</summary>
    private RuleChoice Choice(RulePart part, string rule)
    {
        var manifest = _catalog.Find(Plugins.PluginRuleChecker.Kind(part), rule)?.Rule;
        var settings = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (name, schema) in manifest?.Settings ?? new Dictionary<string, SettingSchema>())
        {
            // A field not posted at all (a form from before the plugin gained the setting) leaves it at its default; an
            // unticked box is never posted, so a bool is always read.
            var key = $"{Key(part)}.{rule}.{name}";
            if (schema.Type != SettingType.Bool && !_posted!.ContainsKey(key)) continue;
            settings[name] = ToJson(schema, _posted![key]);
        }
        return new RuleChoice { Rule = rule, Settings = settings };
    }

    private static JsonElement ToJson(SettingSchema schema, Microsoft.Extensions.Primitives.StringValues posted)
    {
        var text = posted.ToString().Trim();
        return schema.Type switch
        {
            SettingType.Bool => JsonSerializer.SerializeToElement(posted.Contains("true")),
            SettingType.Int => int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i)
                ? JsonSerializer.SerializeToElement(i) : JsonSerializer.SerializeToElement(text),
            SettingType.List => JsonSerializer.SerializeToElement(text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList()),
            _ => JsonSerializer.SerializeToElement(text),
        };
    }

    // A plugin words its settings in its catalogues as plugin.<id>.setting.<rule>.<name> (the label), ....hint (the description)
    // and ....choice.<value> (each choice of an enum; the value posted and stored stays the manifest's).
    private SettingField Field(RulePart part, string rule, string name, SettingSchema schema, Engine.Plugins.Loading.PluginWords words)
    {
        var id = Id(part, rule, name);
        string value;
        if (_posted is not null) value = schema.Type == SettingType.Bool ? (_posted[$"{Key(part)}.{rule}.{name}"].Contains("true") ? "true" : "false") : _posted[$"{Key(part)}.{rule}.{name}"].ToString();
        else
        {
            var current = part switch
            {
                RulePart.Voting => Current.Voting is { } v && v.Rule == rule ? v : null,
                RulePart.Anonymity => Current.Anonymity is { } a && a.Rule == rule ? a : null,
                _ => Current.Moderation?.FirstOrDefault(m => m.Rule == rule),
            };
            JsonElement? json = current?.Settings is { } s && s.TryGetValue(name, out var given) ? given : schema.Default;
            value = json is null ? "" : Text(schema, json.Value);
        }
        var description = PluginString.Of(words.Find(_culture, $"setting.{rule}.{name}.hint", []), schema.Description);
        return new SettingField(id, $"{Key(part)}.{rule}.{name}", PluginString.Of(words.Find(_culture, $"setting.{rule}.{name}", []), schema.Label ?? name.Humanize()),
            description with { Text = description.Text.Length == 0 ? "" : description.Text.TrimEnd('.') + "." }, Allowed(schema, description.Text), schema, value, _errors.GetValueOrDefault(id),
            (schema.Choices ?? []).Select(c => new SettingChoice(c, PluginString.Of(words.Find(_culture, $"setting.{rule}.{name}.choice.{c}", []), c))).ToList());
    }

    private static string Text(SettingSchema schema, JsonElement json) => schema.Type switch
    {
        SettingType.Bool => json.ValueKind == JsonValueKind.True ? "true" : "false",
        SettingType.List when json.ValueKind == JsonValueKind.Array => string.Join('\n', json.EnumerateArray().Select(e => e.ToString())),
        _ => json.ValueKind == JsonValueKind.String ? json.GetString()! : json.GetRawText(),
    };

    /// <summary>What is allowed and the default, after the plugin's description of the setting, so nobody has to guess.</summary>
    private string Allowed(SettingSchema schema, string description)
    {
        var parts = new List<string>();
        if (schema.Type == SettingType.Int)
            parts.Add((schema.Min, schema.Max) switch
            {
                ({ } min, { } max) => Words("admin.rule-fields.number-between", min, max),
                ({ } min, null) => Words("admin.rule-fields.number-at-least", min),
                (null, { } max) => Words("admin.rule-fields.number-at-most", max),
                _ => Words("admin.rule-fields.number"),
            });
        if (schema.Type == SettingType.List && !description.Contains("per line", StringComparison.OrdinalIgnoreCase)) parts.Add(Words("admin.rule-fields.one-per-line"));
        if (schema.Default is { } d && schema.Type is SettingType.Int or SettingType.Enum or SettingType.String && Text(schema, d).Length > 0)
            parts.Add(Words("admin.rule-fields.default", Text(schema, d)));
        if (schema.Default is { } b && schema.Type == SettingType.Bool)
            parts.Add(Words("admin.rule-fields.default", Words(b.ValueKind == JsonValueKind.True ? "admin.settings.on" : "admin.settings.off")));
        return string.Join(" ", parts);
    }

    private string Words(string key, params object?[] values) => Languages.EngineWords.Text(_culture, key, values);

    public static string Key(RulePart part) => part.ToString().ToLowerInvariant();
    public static string Id(RulePart part, string rule, string setting) => $"{Key(part)}-{rule}-{setting}";

    [GeneratedRegex(@"^(?<part>voting|anonymity|moderation)(\[(?<index>\d+)\])?(\.settings\.(?<setting>[^.]+)|\.rule)$")] private static partial Regex Path();
}
