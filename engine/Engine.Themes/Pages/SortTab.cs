namespace Engine.Themes.Pages;

/// <summary>One way to sort a challenge's ideas ("Top", "Newest" ...); <paramref name="Current"/> is the one shown.</summary>
public sealed record SortTab(string Label, string Url, bool Current);
