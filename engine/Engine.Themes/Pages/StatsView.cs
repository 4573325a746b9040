namespace Engine.Themes.Pages;

/// <summary>Headline numbers (defined on the "About the numbers" page).</summary>
/// <param name="Interactions">Ideas, comments and votes together.</param>
/// <param name="Offline">Ideas and comments imported from offline sessions (also counted in the others).</param>
/// <param name="Label">A heading for them ("Waiting well in numbers"), or null.</param>
public sealed record StatsView(int People, int Ideas, int Comments, int Votes, int Interactions, int Offline, string? Label);
