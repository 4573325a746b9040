using Engine.Core.Ideas;

namespace Engine.Core.Roadmap;

/// <summary>
/// The public roadmap's stages, in order, as idea statuses: themed, big idea (shortlisted), prototyping, testing,
/// scale and spread. Submitted and under review come before the roadmap; not taken forward is off it.
/// Big ideas move through the same stages from "big idea" on.
/// </summary>
public static class RoadmapStages
{
    public static IReadOnlyList<IdeaStatus> All { get; } =
        [IdeaStatus.Themed, IdeaStatus.Shortlisted, IdeaStatus.Prototyping, IdeaStatus.Testing, IdeaStatus.ScaleAndSpread];

    /// <summary>Where a big idea can be: from "big idea" on, or not taken forward.</summary>
    public static IReadOnlyList<IdeaStatus> ForBigIdeas { get; } =
        [IdeaStatus.Shortlisted, IdeaStatus.Prototyping, IdeaStatus.Testing, IdeaStatus.ScaleAndSpread, IdeaStatus.NotTakenForward];

    /// <summary>The statuses an idea moves on from when its big idea reaches <paramref name="stage"/>: everything earlier, nothing when the big idea is not taken forward.</summary>
    public static IReadOnlyList<IdeaStatus> Before(IdeaStatus stage)
    {
        if (stage == IdeaStatus.NotTakenForward) return [];
        var order = new[] { IdeaStatus.Submitted, IdeaStatus.UnderReview, IdeaStatus.Themed, IdeaStatus.Shortlisted, IdeaStatus.Prototyping, IdeaStatus.Testing, IdeaStatus.ScaleAndSpread };
        var at = Array.IndexOf(order, stage);
        return at < 0 ? [] : order[..at];
    }

    /// <summary>What the roadmap calls a stage (the idea status label, except "Big idea" for shortlisted).</summary>
    public static string Name(IdeaStatus stage) => stage switch
    {
        IdeaStatus.Themed => "Themed",
        IdeaStatus.Shortlisted => "Big idea",
        IdeaStatus.Prototyping => "Prototyping",
        IdeaStatus.Testing => "Testing",
        IdeaStatus.ScaleAndSpread => "Scale and spread",
        IdeaStatus.NotTakenForward => "Not taken forward",
        _ => stage.ToString(),
    };

    /// <summary>What each stage means, for the roadmap page.</summary>
    public static string Meaning(IdeaStatus stage) => stage switch
    {
        IdeaStatus.Themed => "Grouped with ideas that say the same kind of thing, after the challenge closed.",
        IdeaStatus.Shortlisted => "Themes brought together into a big idea the programme will take forward.",
        IdeaStatus.Prototyping => "Being tried out in a first, small version.",
        IdeaStatus.Testing => "Being tested in a real service to see what difference it makes.",
        IdeaStatus.ScaleAndSpread => "Shown to work, and being spread to more places.",
        _ => "",
    };
}
