namespace Engine.Plugins.Manifest;

/// <summary>
/// The SDK versions a plugin accepts: "*", an exact "1.0.0", a minimum ">=1.2", or a caret "^1.2"
/// (at least 1.2, below 2.0: the SDK keeps its contract within a major version).
/// </summary>
public sealed record VersionRange(Version Minimum, Version? Below)
{
    public bool Includes(Version version) => version >= Minimum && (Below is null || version < Below);

    public static bool TryParse(string text, out VersionRange range)
    {
        range = new VersionRange(new Version(0, 0), null);
        var t = text.Trim();
        if (t == "*") return true;
        if (t.StartsWith('^') && TryVersion(t[1..], out var caret))
        {
            range = new VersionRange(caret, new Version(caret.Major + 1, 0));
            return true;
        }
        if (t.StartsWith(">=") && TryVersion(t[2..], out var min))
        {
            range = new VersionRange(min, null);
            return true;
        }
        if (TryVersion(t, out var exact))
        {
            range = new VersionRange(exact, new Version(exact.Major, exact.Minor, Math.Max(0, exact.Build) + 1));
            return true;
        }
        return false;
    }

    private static bool TryVersion(string text, out Version version)
    {
        var ok = Version.TryParse(text.Trim().Contains('.') ? text.Trim() : text.Trim() + ".0", out var v);
        version = ok ? new Version(v!.Major, v.Minor, Math.Max(0, v.Build)) : new Version(0, 0);
        return ok;
    }
}
