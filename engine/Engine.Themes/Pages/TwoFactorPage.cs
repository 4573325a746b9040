namespace Engine.Themes.Pages;

/// <summary>
/// two-factor: the member's authenticator app. Off: a button to start enrolling; enrolling (<see cref="Enrolment"/>): the QR code,
/// the key as text and a box for the first code; on: how many recovery codes are left, and a form to switch it off with a code.
/// </summary>
/// <param name="RecoveryCodes">Codes just made, shown this once (only their hashes are kept); else empty.</param>
/// <param name="Required">The site asks its staff to use two factors and this member is staff: they came here because a staff page sent them.</param>
public sealed record TwoFactorPage(PageFrame Frame, bool Enabled, TwoFactorEnrolment? Enrolment, IReadOnlyList<RecoveryCodeView> RecoveryCodes,
    int RecoveryCodesLeft, bool Required, FieldErrors Errors) : IPage
{
    /// <summary>The member's passkeys, oldest first; the page also offers a button that adds one (it needs script, as passkeys do).</summary>
    public IReadOnlyList<PasskeyView> Passkeys { get; init; } = new List<PasskeyView>(); // a list: Scriban reads no .size of an array
}

/// <param name="Id">The passkey's credential id (base64url), which the remove button sends.</param>
/// <param name="Name">What the member called it ("Work laptop").</param>
/// <param name="CreatedAt">When it was added, in the site's time zone and the page's language.</param>
public sealed record PasskeyView(string Id, string Name, string CreatedAt);

/// <param name="QrCode">Where the QR code of <paramref name="Uri"/> is, as an SVG image drawn by the site.</param>
/// <param name="Key">The shared key in groups of four letters, for typing into an app by hand.</param>
/// <param name="Uri">The otpauth:// address the QR code holds.</param>
public sealed record TwoFactorEnrolment(string QrCode, string Key, string Uri);

/// <summary>One recovery code, as typed at sign-in ("7KQ2X-MX4PB").</summary>
public sealed record RecoveryCodeView(string Code);

/// <summary>signin-code: the second step of signing in, for a member who uses two factors: a code from their app, or a recovery code.</summary>
public sealed record SignInCodePage(PageFrame Frame, string? ReturnUrl, FieldErrors Errors) : IPage;
