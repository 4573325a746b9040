namespace Engine.Themes.Pages;

/// <summary>numbers: "About the numbers": what each number means, the site's numbers and each challenge's.</summary>
/// <param name="Breakdowns">Each challenge's ideas by category and by the answers to its idea form, no group smaller than 5 people.</param>
public sealed record NumbersPage(PageFrame Frame, StatsView Stats, IReadOnlyList<ChallengeNumbers> ChallengeNumbers,
    IReadOnlyList<DefinitionView> Definitions, IReadOnlyList<BreakdownView> Breakdowns) : IPage;

/// <summary>One challenge's ideas counted by the answers to one question ("I am a").</summary>
/// <param name="Rows">Each answer at least 5 people gave, then "other" for the smaller ones together when they make 5 people.</param>
/// <param name="Withheld">Some answers were given by too few people to show, even together.</param>
public sealed record BreakdownView(string Challenge, string Label, IReadOnlyList<BreakdownRow> Rows, bool Withheld);

public sealed record BreakdownRow(string Answer, int Ideas, int People);

public sealed record ChallengeNumbers(string Title, string Url, StatsView Stats);

public sealed record DefinitionView(string Term, string Meaning);
