using Engine.Core.Challenges;
using Engine.Core.Email;
using Microsoft.AspNetCore.Mvc;

namespace Engine.Web.Pages.Admin;

/// <summary>Admins write an update to every member, or to the people who took part in one challenge. Queued, then sent in the background; audited.</summary>
public sealed class UpdatesModel(IChallengeStore challenges, AdminUpdates updates, IEmailStore emails) : AdminPageModel
{
    public IReadOnlyList<Challenge> Challenges { get; private set; } = [];
    /// <summary>Emails queued on this site and not yet sent, given up on or withdrawn.</summary>
    public int Pending { get; private set; }

    [BindProperty] public string? Audience { get; set; } = "everyone";
    [BindProperty] public string? ChallengeSlug { get; set; }
    [BindProperty] public string? Subject { get; set; }
    [BindProperty] public string? Body { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Audience == "challenge" && string.IsNullOrWhiteSpace(ChallengeSlug))
            return Invalid("challenge", Core.Common.Error.Invalid("challenge", Words("admin.updates.choose-error")));
        var outcome = await updates.SendAsync(Tenant, ActorId, Subject, Body, Audience == "challenge" ? ChallengeSlug : null, ct);
        if (!outcome.Succeeded) return Invalid(outcome.Error!.Field ?? "subject", outcome.Error!);
        var sent = outcome.Value!;
        var left = sent.Audience - sent.Recipients;
        return Done(Words("admin.updates.done", sent.Recipients, Subject!.Trim()) + (left > 0 ? "; " + Words("admin.updates.left", left) : "") + ".");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Challenges = await challenges.ListAsync(Tenant.Id, ct);
        Pending = await emails.PendingCountAsync(Tenant.Id, ct);
    }
}
