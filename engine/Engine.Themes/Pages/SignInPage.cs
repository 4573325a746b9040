namespace Engine.Themes.Pages;

/// <summary>signin: the sign-in form.</summary>
public sealed record SignInPage(PageFrame Frame, SignInForm Form, FieldErrors Errors) : IPage;

/// <param name="ReturnUrl">Where to go after signing in.</param>
/// <param name="Notice">Just registered: what to do next ("check your email"), or null.</param>
public sealed record SignInForm(string? Email, string? ReturnUrl, string? Notice)
{
    /// <summary>False on a site that signs people in through its providers only: no password form.</summary>
    public bool Passwords { get; init; } = true;
    /// <summary>A button for each of the site's OpenID Connect providers ("Sign in with NHSmail").</summary>
    public IReadOnlyList<SignInProvider> Providers { get; init; } = new List<SignInProvider>(); // a list: Scriban reads no .size of an array
}

/// <param name="Url">Where the button goes: the engine's address that sends the person to the provider.</param>
public sealed record SignInProvider(string Label, string Url);
