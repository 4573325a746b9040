using Engine.Core.Common;
using Engine.Core.Moderation;
using Engine.Core.Tenancy;

namespace Engine.Core.Coding;

/// <summary>An analyst codes one contribution: only codes of this site's frame, only its own published contributions.</summary>
public sealed class CodeContribution(ICodingStore store, CodeFrames frames, TimeProvider clock)
{
    public async Task<Outcome<IReadOnlySet<string>>> HandleAsync(TenantDefinition tenant, long analystId, ContributionRef item,
        IReadOnlyCollection<string> codes, CancellationToken ct = default)
    {
        var frame = await frames.ForAsync(tenant, ct);
        if (codes.FirstOrDefault(c => frame.Find(c) is null) is { } unknown)
            return Error.Invalid("codes", $"'{unknown}' is not a code of this site's code frame.").Keyed("admin.coding.unknown-code", unknown);
        if (await store.ItemAsync(tenant.Id, item, ct) is null) return Error.NotFound(item.Kind == Stats.ContributionKind.Idea ? "Idea" : "Comment");
        var chosen = codes.ToHashSet(StringComparer.Ordinal);
        await store.SaveCodingAsync(tenant.Id, item, analystId, chosen, clock.GetUtcNow(), ct);
        return Outcome<IReadOnlySet<string>>.From(chosen);
    }
}

/// <summary>An admin replaces the site's code frame (or goes back to tenant.json's); audited with the codes before and after.</summary>
public sealed class ChangeCodeFrame(ICodingStore store, CodeFrames frames, IModerationStore audit, TimeProvider clock)
{
    public const string Action = "coding.frame-changed";

    public async Task<Outcome<TenantCoding>> HandleAsync(TenantDefinition tenant, long actorId, TenantCoding? frame, CancellationToken ct = default)
    {
        if (frame?.Check() is { } problem)
            return Error.Invalid(problem.Path, $"{problem.Path}: {problem.Message}").Keyed(problem.Key, [problem.Path, .. problem.Values]);
        var before = await frames.ForAsync(tenant, ct);
        var now = clock.GetUtcNow();
        await store.SaveFrameAsync(tenant.Id, frame, actorId, now, ct);
        var after = frame ?? tenant.Coding;
        await audit.AuditAsync(tenant.Id, actorId, Action, "code frame", $"{Describe(before)} -> {Describe(after)}", now, ct);
        return after;
    }

    private static string Describe(TenantCoding frame) =>
        $"{(frame.Public ? "public" : "not public")}: " + (frame.Codes.Count == 0 ? "no codes" : string.Join(", ", frame.Ordered.Select(c => c.Key is { } k ? $"{k} {c.Name}" : c.Name)));
}
