namespace Engine.Themes.Pages;

/// <summary>
/// An image on an idea: its display copy (<see cref="Url"/>, <see cref="Width"/> by <see cref="Height"/> pixels, so the
/// page keeps its space), a small copy for lists, and its alt text. <see cref="RemoveUrl"/> is set on its author's edit page.
/// </summary>
public sealed record ImageView(string Url, string ThumbnailUrl, string Alt, int Width, int Height, string? RemoveUrl = null);
