namespace Engine.Themes.Pages;

/// <summary>numbers: "About the numbers": what each number means, the site's numbers and each challenge's.</summary>
public sealed record NumbersPage(PageFrame Frame, StatsView Stats, IReadOnlyList<ChallengeNumbers> ChallengeNumbers,
    IReadOnlyList<DefinitionView> Definitions) : IPage;

public sealed record ChallengeNumbers(string Title, string Url, StatsView Stats);

public sealed record DefinitionView(string Term, string Meaning);
