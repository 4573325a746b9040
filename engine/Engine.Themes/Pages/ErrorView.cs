namespace Engine.Themes.Pages;

/// <summary>Why a form was refused.</summary>
/// <param name="Field">The name (and element id) of the field at fault, or null when it is the form as a whole.</param>
public sealed record ErrorView(string? Field, string Message);
