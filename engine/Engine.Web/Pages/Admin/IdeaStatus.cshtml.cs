using Engine.Core.Administration;
using Engine.Core.Ideas;
using Microsoft.AspNetCore.Mvc;

namespace Engine.Web.Pages.Admin;

/// <summary>Moves one idea along the programme's roadmap, with a note that is shown publicly on the idea.</summary>
public sealed class IdeaStatusModel(IIdeaStore ideas, Responsiveness responsiveness) : AdminPageModel
{
    public Idea? Idea { get; private set; }

    /// <summary>What was chosen and typed, kept when the form is shown again with an error.</summary>
    public string? Status { get; private set; }
    public string? Note { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Idea = await ideas.FindAsync(Tenant.Id, id, ct);
        if (Idea is null) return NotFound();
        Status = Idea.Status.Key();
        Note = Idea.StatusNote;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, string? status, string? note, CancellationToken ct)
    {
        Idea = await ideas.FindAsync(Tenant.Id, id, ct);
        if (Idea is null) return NotFound();
        var outcome = await responsiveness.ChangeStatusAsync(Tenant, ActorId, id, status, note, ct);
        if (outcome.Succeeded)
            return Done(Words(string.IsNullOrWhiteSpace(note) ? "admin.idea-status.done" : "admin.idea-status.done-with-note", HttpContext.Words(outcome.Value)), new { id });
        Status = status;
        Note = note;
        return Invalid(outcome.Error!.Field == "note" ? "note" : $"status-{IdeaStatuses.Keys[0]}", outcome.Error!);
    }
}
