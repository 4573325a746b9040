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
    /// <summary>
    /// Registers the formatter with Humanizer as the engine's assembly loads: Humanizer 3 refuses a formatter once any
    /// humanizing has been done, so waiting for the first pseudo-localised page would fail (with a 500) on a process that
    /// had already shown "3 days ago" in another language. Registering one more culture costs nothing on sites without it.
    /// </summary>
    [System.Runtime.CompilerServices.ModuleInitializer]
    internal static void RegisterAtLoad()
    {
        try { Configurator.Formatters.Register(PseudoLocale.Culture.Name, new PseudoRelativeTime()); }
        catch (InvalidOperationException) { } // a host in a process that humanized before loading the engine: English times on pseudo pages
    }

    public override string DateHumanize(TimeUnit timeUnit, Tense timeUnitTense, int unit) =>
        PseudoLocale.Of(base.DateHumanize(timeUnit, timeUnitTense, unit));
}
