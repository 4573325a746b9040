using Engine.Core.Moderation;

namespace Engine.Web.Pages.Admin;

public sealed class IndexModel(IModerationStore moderation) : AdminPageModel
{
    /// <summary>Held by a rule (or by reports) and waiting for a decision.</summary>
    public int Held { get; private set; }
    /// <summary>Still on the site, but reported by at least one member.</summary>
    public int Reported { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var queue = await moderation.QueueAsync(Tenant.Id, ct);
        Held = queue.Count(q => q.State == ModerationState.Held);
        Reported = queue.Count(q => q.State == ModerationState.Published && q.Reports > 0);
    }
}
