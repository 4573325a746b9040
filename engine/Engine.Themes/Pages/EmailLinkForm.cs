namespace Engine.Themes.Pages;

/// <summary>What a link in an email carried (the member and a one-time token), posted back by a button.</summary>
public sealed record EmailLinkForm(long? Member, string? Token);
