namespace Engine.Tests.Shared;

/// <summary>Email addresses for members the tests register.</summary>
public static class TestEmail
{
    /// <summary>
    /// An address no test has used before: tests share an engine and its database, and an address registers
    /// once per tenant. The name (a word or a display name; its letters and digits) leads, so a failing
    /// test's data says whose it is.
    /// </summary>
    public static string Unique(string name = "member")
    {
        var local = new string(name.Where(c => char.IsAsciiLetterOrDigit(c) || c == '-').Take(30).ToArray()).ToLowerInvariant();
        return $"{(local.Length > 0 ? local : "member")}-{Guid.NewGuid():N}@example.nhs.uk";
    }
}
