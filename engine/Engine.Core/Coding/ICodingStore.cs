using Engine.Core.Stats;

namespace Engine.Core.Coding;

/// <summary>An idea or a comment, as the coding page and its links name it: "idea-12", "comment-7".</summary>
public readonly record struct ContributionRef(ContributionKind Kind, long Id)
{
    public override string ToString() => $"{(Kind == ContributionKind.Idea ? "idea" : "comment")}-{Id}";

    public static ContributionRef? Parse(string? text)
    {
        if (text is null) return null;
        var dash = text.LastIndexOf('-');
        if (dash < 0 || !long.TryParse(text.AsSpan(dash + 1), System.Globalization.NumberStyles.None, null, out var id)) return null;
        return text[..dash] switch
        {
            "idea" => new ContributionRef(ContributionKind.Idea, id),
            "comment" => new ContributionRef(ContributionKind.Comment, id),
            _ => null,
        };
    }
}

/// <summary>What an analyst reads on the coding page: the contribution's own words, never who wrote it.</summary>
/// <param name="IdeaTitle">The idea's title; for a comment, the title of the idea it is on.</param>
public sealed record CodingItem(ContributionRef Ref, long IdeaId, string Challenge, string IdeaTitle, string Body, string? Language, DateTimeOffset PostedAt);

/// <summary>An analyst who has coded something on the site, for choosing the pair whose agreement is figured.</summary>
public sealed record Coder(long MemberId, string DisplayName, int Coded);

/// <summary>One code on one contribution (by any number of analysts), with when the contribution was posted.</summary>
public sealed record CodeUse(string Code, ContributionRef Ref, DateTimeOffset PostedAt);

/// <summary>
/// The codes analysts applied, per analyst, and which contributions each has finished coding (with no code, if none
/// fits): the queue is what an analyst has not finished, and agreement is figured over what two analysts both finished.
/// Only published ideas and comments are coded.
/// </summary>
public interface ICodingStore
{
    /// <summary>The frame an admin saved, or null for tenant.json's.</summary>
    Task<TenantCoding?> SavedFrameAsync(string tenantId, CancellationToken ct = default);
    /// <summary>Saves the admin's frame; null goes back to tenant.json's.</summary>
    Task SaveFrameAsync(string tenantId, TenantCoding? frame, long actorId, DateTimeOffset now, CancellationToken ct = default);

    /// <summary>The contribution, if it is a published one of this tenant.</summary>
    Task<CodingItem?> ItemAsync(string tenantId, ContributionRef item, CancellationToken ct = default);
    /// <summary>
    /// The contribution after (or, <paramref name="backwards"/>, before) <paramref name="from"/> in the order they were
    /// posted (the first or last when null), in one challenge or all; with <paramref name="notCodedBy"/>, only those that
    /// analyst has not finished.
    /// </summary>
    Task<ContributionRef?> NextAsync(string tenantId, long? challengeId, ContributionRef? from, bool backwards, long? notCodedBy, CancellationToken ct = default);
    /// <summary>How many contributions there are to code, and how many of them the analyst has finished.</summary>
    Task<(int Total, int Coded)> ProgressAsync(string tenantId, long? challengeId, long analystId, CancellationToken ct = default);

    /// <summary>The codes the analyst applied to the contribution, and whether they finished it.</summary>
    Task<(IReadOnlySet<string> Codes, bool Finished)> CodingOfAsync(string tenantId, ContributionRef item, long analystId, CancellationToken ct = default);
    /// <summary>Replaces the analyst's codes on the contribution and marks it finished by them.</summary>
    Task SaveCodingAsync(string tenantId, ContributionRef item, long analystId, IReadOnlyCollection<string> codes, DateTimeOffset now, CancellationToken ct = default);

    Task<IReadOnlyList<Coder>> CodersAsync(string tenantId, CancellationToken ct = default);
    /// <summary>Everything the analyst finished, with the codes they applied to each.</summary>
    Task<IReadOnlyDictionary<ContributionRef, IReadOnlySet<string>>> FinishedByAsync(string tenantId, long analystId, CancellationToken ct = default);
    /// <summary>Each code on each published contribution (once, however many analysts applied it), in one challenge or all.</summary>
    Task<IReadOnlyList<CodeUse>> UsesAsync(string tenantId, long? challengeId, CancellationToken ct = default);
    /// <summary>The codes any analyst applied to the idea, for its public page when the site shows them.</summary>
    Task<IReadOnlySet<string>> CodesOnIdeaAsync(string tenantId, long ideaId, CancellationToken ct = default);
}
