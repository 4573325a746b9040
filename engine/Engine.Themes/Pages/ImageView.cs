namespace Engine.Themes.Pages;

/// <summary>
/// An image on an idea: its display copy (<see cref="Url"/>, <see cref="Width"/> by <see cref="Height"/> pixels, so the
/// page keeps its space), a small copy for lists, and its alt text.
/// </summary>
public sealed record ImageView(string Url, string ThumbnailUrl, string Alt, int Width, int Height);

/// <summary>An image on its author's edit page, with the address its Remove button posts to.</summary>
public sealed record RemovableImageView(ImageView Image, string RemoveUrl);
