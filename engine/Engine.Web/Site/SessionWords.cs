using System.Globalization;
using Engine.Web.Languages;

namespace Engine.Web.Site;

/// <summary>
/// A sign-in as the member's list shows it, in the page's language: how they signed in, and the browser and system its
/// recorded user agent names ("Firefox on Windows"), never the raw header, which nobody reads and no phone can fit.
/// </summary>
public static class SessionWords
{
    // The first match wins: Edge and Opera say Chrome too, Chrome says Safari, Android says Linux, iOS says Mac OS X.
    private static readonly (string Marker, string Key)[] Browsers =
        [("Edg/", "edge"), ("OPR/", "opera"), ("Firefox/", "firefox"), ("Chrome/", "chrome"), ("Safari/", "safari")];
    private static readonly (string Marker, string Key)[] Systems =
        [("Windows", "windows"), ("iPhone", "ios"), ("iPad", "ios"), ("Android", "android"), ("CrOS", "chromeos"), ("Mac OS X", "macos"), ("Linux", "linux")];

    /// <param name="how">As recorded: "Password", "Password and code", "Passkey", a provider's button label, or that label and " and code".</param>
    public static string How(CultureInfo culture, string how) => how switch
    {
        "Password" => EngineWords.Text(culture, "session.how.password"),
        "Password and code" => EngineWords.Text(culture, "session.how.password-and-code"),
        "Passkey" => EngineWords.Text(culture, "session.how.passkey"),
        _ when how.EndsWith(" and code", StringComparison.Ordinal) => EngineWords.Text(culture, "session.how.with-code", [how[..^" and code".Length]]),
        _ => how, // a provider's button label, in the site's own words
    };

    public static string Device(CultureInfo culture, string userAgent) =>
        EngineWords.Text(culture, "session.device", [
            EngineWords.Text(culture, "session.browser." + Find(Browsers, userAgent)),
            EngineWords.Text(culture, "session.system." + Find(Systems, userAgent))]);

    private static string Find((string Marker, string Key)[] known, string userAgent) =>
        known.FirstOrDefault(k => userAgent.Contains(k.Marker, StringComparison.Ordinal)).Key ?? "unknown";
}
