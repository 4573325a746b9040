namespace Engine.Core.Common;

/// <summary>Length rules shared by every piece of text people submit.</summary>
public static class TextRules
{
    /// <summary>Trims, then checks the length; returns the error naming <paramref name="field"/>, or null.</summary>
    public static Error? Check(string field, string? value, int min, int max, out string trimmed)
    {
        trimmed = (value ?? "").Trim();
        if (trimmed.Length == 0)
            return Error.Invalid(field, $"{Label(field)} is required.").Keyed("error.required");
        if (trimmed.Length < min)
            return Error.Invalid(field, $"{Label(field)} must be at least {min} characters.").Keyed("error.too-short", min);
        if (trimmed.Length > max)
            return Error.Invalid(field, $"{Label(field)} must be {max} characters or fewer (it has {trimmed.Length}).").Keyed("error.too-long", max, trimmed.Length);
        return null;
    }

    private static string Label(string field) => char.ToUpperInvariant(field[0]) + field[1..];
}
