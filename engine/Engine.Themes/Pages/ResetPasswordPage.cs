namespace Engine.Themes.Pages;

/// <summary>reset-password: choose a new password, from the link in the email.</summary>
public sealed record ResetPasswordPage(PageFrame Frame, EmailLinkForm Form, FieldErrors Errors) : IPage;
