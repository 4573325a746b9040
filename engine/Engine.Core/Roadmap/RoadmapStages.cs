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

    /// <summary>What the admin pages call a stage (the idea status label, except "Big idea" for shortlisted); the public roadmap words
    /// its stages and what each means from the engine's catalogues (roadmap.&lt;status&gt; and roadmap.&lt;status&gt;.meaning).</summary>
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
}
