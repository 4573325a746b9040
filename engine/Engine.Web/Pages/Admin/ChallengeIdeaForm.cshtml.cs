using System.Text.RegularExpressions;
using Engine.Core.Administration;
using Engine.Core.Challenges;
using Engine.Core.IdeaForms;
using Engine.Core.Tenancy;
using Engine.Web.Tenancy;
using Microsoft.AspNetCore.Mvc;

namespace Engine.Web.Pages.Admin;

/// <summary>
/// A challenge's idea form (issue 21): the categories authors pick from and the extra fields its ideas ask, kept as the
/// challenge's own setting (which wins over tenant.json's "ideaForm", as the API's does). The whole form is checked as the
/// API checks it before anything is saved, and saving is audited with the other settings.
/// </summary>
public sealed partial class ChallengeIdeaFormModel(IChallengeStore challenges, ChangeRules change, SiteSettingsLayer layer) : AdminPageModel
{
    /// <summary>One field as the form shows and posts it; a row left blank adds nothing, and choices are one per line.</summary>
    public sealed class FieldRow
    {
        public string? Key { get; set; }
        public string? Label { get; set; }
        public string Kind { get; set; } = "choice";
        public bool Required { get; set; }
        public string? Choices { get; set; }
        /// <summary>Where the field comes on the form: rows are saved in this order.</summary>
        public string? Order { get; set; }
        public bool Remove { get; set; }

        public bool IsBlank => string.IsNullOrWhiteSpace(Key) && string.IsNullOrWhiteSpace(Label) && string.IsNullOrWhiteSpace(Choices);
    }

    public static readonly IReadOnlyList<string> Kinds = ["choice", "organisation", "text"];

    public Challenge Target { get; private set; } = null!;
    [BindProperty] public List<FieldRow> Rows { get; set; } = [];
    /// <summary>One category a line.</summary>
    [BindProperty] public string? Categories { get; set; }

    /// <summary>The challenge has a form of its own saved here or through the API (else tenant.json's applies).</summary>
    public bool Own => Tenant.ChallengeOverrides.GetValueOrDefault(Target.Slug)?.IdeaForm is not null;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        if (!await LoadAsync(slug, ct)) return NotFound();
        var form = IdeaForm.For(Tenant, slug);
        Categories = string.Join("\n", form.Categories);
        Rows = [.. form.Fields.Select((f, i) => new FieldRow
        {
            Key = f.Key, Label = f.Label, Kind = f.Kind.ToString().ToLowerInvariant(), Required = f.Required,
            Choices = string.Join("\n", f.Choices), Order = $"{i + 1}",
        })];
        Rows.Add(new FieldRow { Order = $"{Rows.Count + 1}" });
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken ct)
    {
        if (!await LoadAsync(slug, ct)) return NotFound();
        var kept = new List<(int Row, int Order, IdeaField Field)>();
        for (var i = 0; i < Rows.Count; i++)
        {
            var row = Rows[i];
            if (row.Remove || row.IsBlank) continue;
            if (!int.TryParse(row.Order, out var order)) return Invalid([new FieldError($"Rows[{i}].Order", Words("admin.idea-form.error-order", i + 1))]);
            if (!Enum.TryParse<IdeaFieldKind>(row.Kind, ignoreCase: true, out var kind) || !Kinds.Contains(row.Kind))
                return Invalid([new FieldError($"Rows[{i}].Kind", Words("admin.idea-form.error-kind", i + 1))]);
            kept.Add((i, order, new IdeaField { Key = row.Key?.Trim() ?? "", Label = row.Label?.Trim() ?? "", Kind = kind, Required = row.Required, Choices = Lines(row.Choices) }));
        }
        // Stable: rows given the same position keep the order they were in.
        kept = [.. kept.OrderBy(k => k.Order).ThenBy(k => k.Row)];
        var form = new IdeaForm { Fields = [.. kept.Select(k => k.Field)], Categories = Lines(Categories) };
        if (form.Check() is { } problem) return Invalid([ErrorAt(problem.Path, Words(problem.Key, problem.Values), [.. kept.Select(k => k.Row)])]);

        var own = Tenant.ChallengeOverrides.GetValueOrDefault(slug);
        var saved = await change.SaveChallengeAsync(Tenant, ActorId, slug, new ChallengeOverride { Features = own?.Features, Rules = own?.Rules, IdeaForm = form }, ct);
        if (!saved.Succeeded) return Invalid("Categories", saved.Error!);
        await layer.ReloadAsync(ct);
        return Done(Words("admin.idea-form.saved", Target.Title), new { slug });
    }

    /// <summary>Back to tenant.json's form for the challenge (or none); its switches and rules stay as they are.</summary>
    public async Task<IActionResult> OnPostResetAsync(string slug, CancellationToken ct)
    {
        if (!await LoadAsync(slug, ct)) return NotFound();
        var own = Tenant.ChallengeOverrides.GetValueOrDefault(slug);
        await change.SaveChallengeAsync(Tenant, ActorId, slug, new ChallengeOverride { Features = own?.Features, Rules = own?.Rules }, ct);
        await layer.ReloadAsync(ct);
        return Done(Words("admin.idea-form.reset-done", Target.Title), new { slug });
    }

    private async Task<bool> LoadAsync(string slug, CancellationToken ct)
    {
        if (await challenges.FindBySlugAsync(Tenant.Id, slug, ct) is not { } challenge) return false;
        Target = challenge;
        return true;
    }

    /// <summary>The check's path ("fields[1].choices", of the fields as saved) as the input it came from, worded as the page names it.</summary>
    private FieldError ErrorAt(string path, string message, IReadOnlyList<int> rows)
    {
        if (path == "categories") return new("Categories", Words("admin.idea-form.error-categories", message));
        var at = FieldPath().Match(path);
        // "fields" alone (too many): the last field given is the one to take away.
        var row = at.Success ? rows[int.Parse(at.Groups[1].Value)] : rows[^1];
        var part = at.Success ? at.Groups[2].Value : "key";
        return new($"Rows[{row}].{char.ToUpperInvariant(part[0])}{part[1..]}", Words("admin.idea-form.error-field", row + 1, Words($"admin.idea-form.{part}"), message));
    }

    private static List<string> Lines(string? text) =>
        [.. (text ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];

    [GeneratedRegex(@"^fields\[(\d+)\]\.(key|label|choices)$")] private static partial Regex FieldPath();
}
