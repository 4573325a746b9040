using Engine.Core.Common;
using Engine.Core.Moderation;

namespace Engine.Core.News;

/// <summary>Admins write, edit, publish and take down news updates; every change is audited.</summary>
public sealed class ManageNews(INewsStore news, IModerationStore audit, TimeProvider clock)
{
    public const int TitleMax = 150, SummaryMax = 300, BodyMax = 20_000;

    public async Task<Outcome<long>> SaveAsync(string tenantId, long actorId, long? id, NewsInput input, CancellationToken ct = default)
    {
        if (TextRules.Check("title", input.Title, 3, TitleMax, out var title) is { } titleError) return titleError;
        var summary = (input.Summary ?? "").Trim();
        if (summary.Length > SummaryMax) return Error.Invalid("summary", $"Summary must be {SummaryMax} characters or fewer (it has {summary.Length}).")
            .Keyed("admin.news.summary-too-long", SummaryMax, summary.Length);
        if (TextRules.Check("body", input.Body, 1, BodyMax, out var body) is { } bodyError) return bodyError;
        var now = clock.GetUtcNow();
        long saved;
        if (id is { } existing)
        {
            if (!await news.UpdateAsync(tenantId, existing, title, summary, body, actorId, now, ct)) return Error.NotFound("News post");
            saved = existing;
        }
        else saved = await news.AddAsync(tenantId, title, summary, body, actorId, now, ct);
        await audit.AuditAsync(tenantId, actorId, id is null ? "news.created" : "news.updated", $"news {saved}", title, now, ct);
        return saved;
    }

    public async Task<Outcome<bool>> PublishAsync(string tenantId, long actorId, long id, bool published, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var post = await news.FindAsync(tenantId, id, ct);
        if (post is null || !await news.SetPublishedAsync(tenantId, id, published, actorId, now, ct)) return Error.NotFound("News post");
        await audit.AuditAsync(tenantId, actorId, published ? "news.published" : "news.unpublished", $"news {id}", post.Title, now, ct);
        return published;
    }
}
