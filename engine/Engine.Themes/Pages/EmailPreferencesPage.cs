namespace Engine.Themes.Pages;

/// <summary>email-preferences: which emails the member gets.</summary>
/// <param name="Confirmed">The address is confirmed (else the page offers a new confirmation link).</param>
/// <param name="Saved">The preferences were just saved.</param>
public sealed record EmailPreferencesPage(PageFrame Frame, string Email, bool Confirmed, bool Saved, IReadOnlyList<EmailChoice> Choices,
    IReadOnlyList<DigestChoice> Digests, FieldErrors Errors) : IPage;

/// <param name="Field">The checkbox's name.</param>
/// <param name="On">The member gets these emails.</param>
public sealed record EmailChoice(string Field, string Label, string Hint, bool On);

/// <param name="Value">none, daily or weekly.</param>
public sealed record DigestChoice(string Value, string Label, bool On);
