namespace Engine.Themes.Pages;

/// <summary>confirm-email: the button that confirms a member's address (a button, as mail scanners open links).</summary>
public sealed record ConfirmEmailPage(PageFrame Frame, EmailLinkForm Form, FieldErrors Errors) : IPage;
