namespace Engine.Themes.Pages;

/// <summary>forgot-password: asks for the address to send a reset link to.</summary>
public sealed record ForgotPasswordPage(PageFrame Frame, ForgotPasswordForm Form, FieldErrors Errors) : IPage;

public sealed record ForgotPasswordForm(string? Email);
