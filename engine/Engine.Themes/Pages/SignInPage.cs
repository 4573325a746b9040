namespace Engine.Themes.Pages;

/// <summary>signin: the sign-in form.</summary>
public sealed record SignInPage(PageFrame Frame, SignInForm Form, FieldErrors Errors) : IPage;

/// <param name="ReturnUrl">Where to go after signing in.</param>
/// <param name="Notice">Just registered: what to do next ("check your email"), or null.</param>
public sealed record SignInForm(string? Email, string? ReturnUrl, string? Notice);
