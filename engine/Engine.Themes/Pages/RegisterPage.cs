namespace Engine.Themes.Pages;

/// <summary>register: the form to create an account.</summary>
public sealed record RegisterPage(PageFrame Frame, RegisterForm Form, FieldErrors Errors) : IPage;

/// <param name="ReturnUrl">Where to go after signing in.</param>
public sealed record RegisterForm(string? Email, string? DisplayName, string? ReturnUrl);
