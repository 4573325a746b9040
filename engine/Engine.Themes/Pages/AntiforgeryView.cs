namespace Engine.Themes.Pages;

/// <summary>The anti-forgery token every form posts (as a hidden field) and every script request sends (as a header).</summary>
public sealed record AntiforgeryView(string FieldName, string? HeaderName, string? Token);
