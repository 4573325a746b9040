using Engine.Core.Coding;
using Microsoft.AspNetCore.Mvc;

namespace Engine.Web.Pages.Admin;

/// <summary>
/// The site's code frame, for admins: each code's number key, name, description and group, a few empty rows for new
/// codes, and whether codes are shown on idea pages. Saving replaces tenant.json's frame; "use tenant.json's" goes back.
/// </summary>
public sealed class CodeFrameModel(CodeFrames frames, ChangeCodeFrame change) : AdminPageModel
{
    public const int EmptyRows = 3;

    /// <summary>One row of the form; <see cref="Id"/> is empty for a new code.</summary>
    public sealed class Row
    {
        public string? Id { get; set; }
        public string? Name { get; set; }
        public string? Key { get; set; }
        public string? Description { get; set; }
        public string? Group { get; set; }
        public bool Remove { get; set; }
    }

    [BindProperty] public List<Row> Rows { get; set; } = [];
    [BindProperty] public bool Public { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var frame = await frames.ForAsync(Tenant, ct);
        Public = frame.Public;
        Rows = [.. frame.Ordered.Select(c => new Row { Id = c.Id, Name = c.Name, Key = c.Key?.ToString(), Description = c.Description, Group = c.Group })];
        AddEmptyRows();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var frame = new TenantCoding { Public = Public };
        var codes = new List<Code>();
        for (var i = 0; i < Rows.Count; i++)
        {
            var row = Rows[i];
            if (row.Remove || string.IsNullOrWhiteSpace(row.Name) && string.IsNullOrEmpty(row.Id)) continue;
            int? key = null;
            if (!string.IsNullOrWhiteSpace(row.Key))
            {
                if (!int.TryParse(row.Key.Trim(), out var k)) return Invalid($"Rows[{i}].Key", Core.Common.Error.Invalid("key", Words("admin.code-frame.key-error", i + 1)));
                key = k;
            }
            var name = (row.Name ?? "").Trim();
            var id = string.IsNullOrEmpty(row.Id) ? (frame with { Codes = codes }).NewId(name) : row.Id;
            codes.Add(new Code(id, name, key, Blank(row.Description), Blank(row.Group)));
        }
        var done = await change.HandleAsync(Tenant, ActorId, frame with { Codes = codes }, ct);
        if (!done.Succeeded) return Invalid(FieldOf(done.Error!.Field, codes), done.Error);
        return Done(HttpContext.Words("admin.code-frame.done", codes.Count) + (Public ? ", " + Words("admin.code-frame.done-public") : "") + ".");
    }

    public async Task<IActionResult> OnPostResetAsync(CancellationToken ct)
    {
        await change.HandleAsync(Tenant, ActorId, null, ct);
        return Done(Words("admin.code-frame.done-reset"));
    }

    /// <summary>The form field for a problem the frame's check names ("codes[2].key"), in the rows as they were posted.</summary>
    private string FieldOf(string? path, List<Code> codes)
    {
        var match = System.Text.RegularExpressions.Regex.Match(path ?? "", @"^codes\[(\d+)\]\.(\w+)$");
        if (!match.Success) return "Rows[0].Name";
        var code = codes[int.Parse(match.Groups[1].Value)];
        var row = Rows.FindIndex(r => r.Id == code.Id || string.IsNullOrEmpty(r.Id) && (r.Name ?? "").Trim() == code.Name);
        var field = match.Groups[2].Value;
        return $"Rows[{Math.Max(row, 0)}].{char.ToUpperInvariant(field[0])}{field[1..]}";
    }

    private void AddEmptyRows()
    {
        for (var n = 0; n < EmptyRows; n++) Rows.Add(new Row());
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
