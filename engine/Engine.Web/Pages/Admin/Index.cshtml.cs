using Engine.Core.Administration;
using Engine.Core.Members;
using Engine.Core.Moderation;
using Engine.Web.SystemAdmin;

namespace Engine.Web.Pages.Admin;

/// <summary>The team's starting point: what waits for a moderator (for moderators) and what waits for an answer (for everyone on the team).</summary>
public sealed class IndexModel(IModerationStore moderation, IResponsivenessStore responsiveness, TenantOverview overview) : AdminPageModel
{
    /// <summary>For admins: what is wrong with the site's set-up (a theme that fell back to base, a rule that cannot work, plugin failures).</summary>
    public IReadOnlyList<string> SiteProblems { get; private set; } = [];
    public bool IsModerator => Roles.Moderators.Any(User.IsInRole);
    public bool IsManager => Roles.Managers.Any(User.IsInRole);
    /// <summary>Held by a rule (or by reports) and waiting for a decision.</summary>
    public int Held { get; private set; }
    /// <summary>Still on the site, but reported by at least one member.</summary>
    public int Reported { get; private set; }
    /// <summary>Ideas and comments without an official response yet.</summary>
    public int Unanswered { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (IsModerator)
        {
            var queue = await moderation.QueueAsync(Tenant.Id, ct);
            Held = queue.Count(q => q.State == ModerationState.Held);
            Reported = queue.Count(q => q.State == ModerationState.Published && q.Reports > 0);
        }
        Unanswered = (await responsiveness.UnansweredAsync(Tenant.Id, ct)).Count;
        if (IsAdmin) SiteProblems = overview.For(Tenant).Problems;
    }
}
