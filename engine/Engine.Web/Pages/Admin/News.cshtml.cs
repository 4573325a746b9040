using Engine.Core.News;
using Microsoft.AspNetCore.Mvc;

namespace Engine.Web.Pages.Admin;

/// <summary>The site's news updates, drafts first: publish, take down, or open one to edit. For admins.</summary>
public sealed class NewsModel(INewsStore news, ManageNews manage) : AdminPageModel
{
    public IReadOnlyList<NewsPost> Posts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Posts = await news.AllAsync(Tenant.Id, ct);

    public async Task<IActionResult> OnPostPublishAsync(long id, bool publish, CancellationToken ct)
    {
        var outcome = await manage.PublishAsync(Tenant.Id, ActorId, id, publish, ct);
        if (!outcome.Succeeded) return NotFound();
        var title = (await news.FindAsync(Tenant.Id, id, ct))?.Title;
        return Done(Words(publish ? "admin.news.done-published" : "admin.news.done-taken-down", title));
    }
}
