using System.Globalization;
using Engine.Themes.Languages;
using Humanizer;

namespace Engine.Web.Languages;

/// <summary>
/// "3 days ago" in the pseudo-locale: Humanizer's English, pseudo-localised, so relative times on a pseudo page show
/// as worded (<see cref="Core.Text.RelativeTime"/> asks Humanizer for any language it does not word itself).
/// </summary>
internal sealed class PseudoRelativeTime() : DefaultFormatter(CultureInfo.GetCultureInfo("en"))
{
    private static readonly Lazy<bool> Registered = new(() =>
    {
        Configurator.Formatters.Register(PseudoLocale.Culture.Name, new PseudoRelativeTime());
        return true;
    });

    /// <summary>Registers the formatter with Humanizer, once per process, before the first pseudo-localised page.</summary>
    public static void Register() => _ = Registered.Value;

    public override string DateHumanize(TimeUnit timeUnit, Tense timeUnitTense, int unit) =>
        PseudoLocale.Of(base.DateHumanize(timeUnit, timeUnitTense, unit));
}
