namespace Engine.Themes.Pages;

/// <summary>The signed-in member.</summary>
/// <param name="IsTeam">The site's team (a moderator or an admin): may post official responses.</param>
public sealed record UserView(string? DisplayName, string? Role, bool IsTeam);
