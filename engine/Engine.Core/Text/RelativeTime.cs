using System.Globalization;
using Humanizer;

namespace Engine.Core.Text;

public static class RelativeTime
{
    /// <summary>"3 days ago", in the tenant's language.</summary>
    public static string Describe(DateTimeOffset when, DateTimeOffset now, CultureInfo culture) =>
        when.Humanize(now, culture);
}
