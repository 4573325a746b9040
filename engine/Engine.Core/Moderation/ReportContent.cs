using Engine.Core.Comments;
using Engine.Core.Common;
using Engine.Core.Ideas;
using Engine.Core.Rules;
using Engine.Core.Tenancy;
using Engine.Sdk;

namespace Engine.Core.Moderation;

/// <summary>Whether a report took the content off the site.</summary>
public sealed record ReportOutcome(int DistinctReporters, bool Hidden);

/// <summary>
/// A member reports an idea or comment. Each member counts once; the site's moderation rules then
/// decide (e.g. report-threshold) whether it is hidden and queued for a moderator.
/// </summary>
public sealed class ReportContent(OpenIdea openIdea, ICommentStore comments, IModerationStore store, IRuleResolver rules, TimeProvider clock,
    IRuleWords? words = null)
{
    public const int ReasonMax = 500;

    public async Task<Outcome<ReportOutcome>> HandleAsync(TenantDefinition tenant, ContributionKind kind, long id, long memberId,
        string? reason, CancellationToken ct = default)
    {
        var text = (reason ?? "").Trim();
        if (text.Length > ReasonMax) return Error.Invalid("reason", $"Reason must be {ReasonMax} characters or fewer.").Keyed("error.report-reason-too-long", ReasonMax);
        var ideaId = id;
        if (kind == ContributionKind.Comment)
        {
            var comment = await comments.FindAsync(tenant.Id, id, ct);
            if (comment is null) return Error.NotFound("Comment");
            ideaId = comment.IdeaId;
        }
        var found = await openIdea.FindAsync(tenant.Id, ideaId, ct);
        if (!found.Succeeded) return Error.NotFound(kind == ContributionKind.Idea ? "Idea" : "Comment");

        var reporters = await store.ReportAsync(tenant.Id, kind, id, memberId, text, clock.GetUtcNow(), ct);
        foreach (var rule in rules.For(tenant, found.Value.Challenge.Slug).Moderation)
        {
            var decision = rule.CheckReports(new ReportTally(kind, reporters));
            if (decision is ModerationDecision.Hold or ModerationDecision.Reject)
            {
                var (why, keyed) = Why(decision, reporters);
                await store.HoldAsync(tenant.Id, kind, id, why, ct, keyed);
                return new ReportOutcome(reporters, Hidden: true);
            }
        }
        return new ReportOutcome(reporters, Hidden: false);
    }

    /// <summary>
    /// The reason the rule that decided gave, when it gave a key its catalogues word (as a new contribution's hold is kept):
    /// its words, not the engine's, name why. A rule that gave a sentence, or none, is said as the engine's "Reported by N
    /// members", which every language words.
    /// </summary>
    private (string Reason, HoldText Text) Why(ModerationDecision decision, int reporters)
    {
        var given = decision switch { ModerationDecision.Hold hold => hold.Text, ModerationDecision.Reject reject => reject.Text, _ => null };
        if (given is not null && words?.Kept(given) is { } kept) return (words.In(given, English), kept);
        return ($"Reported by {reporters} members", HoldText.Engine("admin.moderation.reported-by", reporters));
    }

    private static readonly System.Globalization.CultureInfo English = System.Globalization.CultureInfo.GetCultureInfo("en");
}
