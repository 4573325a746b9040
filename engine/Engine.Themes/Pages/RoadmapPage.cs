namespace Engine.Themes.Pages;

/// <summary>roadmap: each stage, from themed to scale and spread, with its big ideas and ideas.</summary>
public sealed record RoadmapPage(PageFrame Frame, IReadOnlyList<RoadmapStageView> Stages) : IPage;

/// <param name="Key">The stage as a CSS-friendly key.</param>
/// <param name="CountLabel">"1 big idea, 3 ideas".</param>
/// <param name="IsEmpty">Neither big ideas nor ideas at this stage.</param>
public sealed record RoadmapStageView(string Key, string Name, string Meaning, string CountLabel, bool IsEmpty,
    IReadOnlyList<RoadmapBigIdeaView> BigIdeas, IReadOnlyList<IdeaView> Ideas);

/// <param name="ThemeCountLabel">"2 themes".</param>
public sealed record RoadmapBigIdeaView(string Title, string? Summary, string Url, string ChallengeTitle, string ThemeCountLabel);
