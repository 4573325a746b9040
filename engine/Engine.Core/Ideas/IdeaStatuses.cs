using Humanizer;

namespace Engine.Core.Ideas;

/// <summary>How statuses are spelt outside the code: "under-review", in the API, the audit log and theme class names.</summary>
public static class IdeaStatuses
{
    // Spelt once: Kebaberize is a regex, and every idea on every page asks.
    private static readonly Dictionary<IdeaStatus, string> Spelt = Enum.GetValues<IdeaStatus>().ToDictionary(s => s, s => s.ToString().Kebaberize());

    public static string Key(this IdeaStatus status) => Spelt.TryGetValue(status, out var key) ? key : status.ToString().Kebaberize();

    /// <summary>The status as people read it, on pages and in emails.</summary>
    public static string LabelOf(IdeaStatus status) => status switch
    {
        IdeaStatus.Submitted => "Submitted",
        IdeaStatus.UnderReview => "Under review",
        IdeaStatus.Themed => "Themed",
        IdeaStatus.Shortlisted => "Shortlisted as a big idea",
        IdeaStatus.Prototyping => "Prototyping",
        IdeaStatus.Testing => "Testing",
        IdeaStatus.ScaleAndSpread => "Scale and spread",
        IdeaStatus.NotTakenForward => "Not taken forward",
        _ => status.ToString(),
    };

    public static IReadOnlyList<string> Keys { get; } = Enum.GetValues<IdeaStatus>().Select(Key).ToList();

    /// <summary>Accepts "under-review" and "underreview", in any case.</summary>
    public static bool TryParse(string? text, out IdeaStatus status)
    {
        var wanted = (text ?? "").Trim().Replace("-", "");
        return Enum.TryParse(wanted, ignoreCase: true, out status) && Enum.IsDefined(status) && !int.TryParse(wanted, out _);
    }
}
