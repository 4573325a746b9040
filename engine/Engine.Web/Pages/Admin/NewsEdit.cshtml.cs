using Engine.Core.News;
using Microsoft.AspNetCore.Mvc;

namespace Engine.Web.Pages.Admin;

/// <summary>Writes a news update or edits one; "Save and publish" puts it on the site at once. For admins; audited.</summary>
public sealed class NewsEditModel(INewsStore news, ManageNews manage) : AdminPageModel
{
    /// <summary>The post being edited; null when writing a new one.</summary>
    public long? Editing => RouteData.Values["id"] is string id && long.TryParse(id, out var n) ? n : null;
    public bool Creating => Editing is null;
    public bool Published { get; private set; }
    public NewsInput Form { get; private set; } = new("", "", "");

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Creating) return Page();
        var post = await news.FindAsync(Tenant.Id, Editing!.Value, ct);
        if (post is null) return NotFound();
        Form = new NewsInput(post.Title, post.Summary, post.Body);
        Published = post.Published;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? title, string? summary, string? body, bool publish, CancellationToken ct)
    {
        Form = new NewsInput(title, summary, body);
        if (!Creating)
        {
            var existing = await news.FindAsync(Tenant.Id, Editing!.Value, ct);
            if (existing is null) return NotFound();
            Published = existing.Published;
        }
        var saved = await manage.SaveAsync(Tenant.Id, ActorId, Editing, Form, ct);
        if (!saved.Succeeded) return Invalid(saved.Error!.Field ?? "title", saved.Error!);
        if (publish && !Published) await manage.PublishAsync(Tenant.Id, ActorId, saved.Value, true, ct);
        TempData[DoneKey] = Words(publish || Published ? "admin.news-edit.done-live" : "admin.news-edit.done-draft", Form.Title!.Trim());
        return RedirectToPage("/Admin/News");
    }
}
