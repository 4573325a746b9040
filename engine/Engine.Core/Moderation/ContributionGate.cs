using Engine.Core.Anonymity;
using Engine.Core.Common;
using Engine.Core.Rules;
using Engine.Sdk;

namespace Engine.Core.Moderation;

/// <summary>Only Published content is public. Held waits for a moderator; Rejected and Hidden were taken off by one; Withdrawn by its author (ideas only).</summary>
public enum ModerationState { Published, Held, Rejected, Hidden, Withdrawn }

/// <summary>How the author is stored: a member id (named or anonymous to the public), or only a keyed hash (fully anonymous).</summary>
public sealed record Authorship(long? MemberId, string? AuthorKey, bool Anonymous);

/// <summary>What to store for an admitted contribution: held with its reason in English, and keyed (<see cref="HoldText"/>) when the rule gave a key.</summary>
public sealed record Admission(Authorship Author, ModerationState State, string? Reason)
{
    public HoldText? Text { get; init; }
}

/// <summary>What the moderation rules decided: published, or held with the reason in English and, when keyed, its <see cref="HoldText"/>.</summary>
public readonly record struct Judgement(ModerationState State, string? Reason, HoldText? Text = null)
{
    public static readonly Judgement Published = new(ModerationState.Published, null);
}

public interface IContributionHistory
{
    /// <summary>What the member has contributed on this tenant, under their id or their anonymous key.</summary>
    Task<AuthorHistory> ForAsync(string tenantId, long memberId, string authorKey, CancellationToken ct = default);
}

/// <summary>
/// Every idea and comment passes here before it is stored: the anonymity policy decides how the
/// author is kept, then the moderation rules run in order; the first to hold or reject decides.
/// </summary>
public sealed class ContributionGate(IContributionHistory history, IAuthorKeys keys, IRuleWords? words = null)
{
    public async Task<Outcome<Admission>> AdmitAsync(RuleSet rules, string tenantId, long memberId, ContributionKind kind,
        string? title, string body, bool askedForAnonymity, CancellationToken ct = default)
    {
        var key = keys.KeyFor(tenantId, memberId);
        Authorship author;
        switch (rules.Anonymity.Decide(new AnonymityRequest(kind, askedForAnonymity, rules.Features.AnonymousPosting)))
        {
            case AnonymityDecision.Refuse refuse:
                return Error.Forbidden(refuse.Reason, "anonymous") with { Text = refuse.Text };
            case AnonymityDecision.Store { As: AuthorStorage.FullyAnonymous }:
                author = new Authorship(null, key, true);
                break;
            case AnonymityDecision.Store { As: AuthorStorage.AnonymousToPublic }:
                author = new Authorship(memberId, null, true);
                break;
            default:
                author = new Authorship(memberId, null, false);
                break;
        }

        var judged = await ModerateAsync(rules, tenantId, memberId, kind, title, body, ct);
        if (!judged.Succeeded) return judged.Error!;
        return new Admission(author, judged.Value.State, judged.Value.Reason) { Text = judged.Value.Text };
    }

    /// <summary>
    /// The moderation rules alone, in order: for a new contribution, and for a member's edit of their own, which is judged
    /// as if it were posted now (its authorship was decided when it was first posted and does not change).
    /// </summary>
    public async Task<Outcome<Judgement>> ModerateAsync(RuleSet rules, string tenantId, long memberId, ContributionKind kind,
        string? title, string body, CancellationToken ct = default)
    {
        var contribution = new Contribution(kind, title, body, await history.ForAsync(tenantId, memberId, keys.KeyFor(tenantId, memberId), ct));
        foreach (var rule in rules.Moderation)
        {
            // A rule that asks an outside service is awaited (within its budget) rather than waited for on this thread.
            var decision = rule is IAsyncModerationRule outside ? await outside.CheckAsync(contribution, ct) : rule.Check(contribution);
            switch (decision)
            {
                case ModerationDecision.Reject reject:
                    return Error.Invalid("body", reject.Reason) with { Text = reject.Text };
                case ModerationDecision.Hold hold:
                    return new Judgement(ModerationState.Held, hold.Reason, hold.Text is { } text ? words?.Kept(text) : null);
            }
        }
        return Judgement.Published;
    }
}
