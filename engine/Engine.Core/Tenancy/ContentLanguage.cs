using System.Globalization;
using Engine.Core.Common;

namespace Engine.Core.Tenancy;

/// <summary>
/// The language an idea or comment is written in: one of the site's languages (its <c>locale</c> and <c>languages</c>),
/// recorded as that culture's name (cy-GB), so pages can mark it with <c>lang</c> and search can read it by its own rules.
/// </summary>
public static class ContentLanguage
{
    /// <summary>The site's languages, its default first.</summary>
    public static IReadOnlyList<string> Offered(TenantDefinition tenant) =>
        new[] { tenant.Locale }.Concat(tenant.Languages).DistinctBy(Code).ToList();

    /// <summary>
    /// The site's language <paramref name="asked"/> names ("cy", "cy-GB" or "CY"), or <paramref name="otherwise"/> (the
    /// author's page language) when nothing was asked; a language the site does not offer is refused, naming the field.
    /// </summary>
    public static Outcome<string> Choose(TenantDefinition tenant, string? asked, string otherwise, string field = "language")
    {
        var offered = Offered(tenant);
        if (string.IsNullOrWhiteSpace(asked)) return Find(offered, otherwise) ?? tenant.Locale;
        if (Find(offered, asked.Trim()) is { } found) return found;
        return Error.Invalid(field, $"'{asked.Trim()}' is not one of this site's languages ({string.Join(", ", offered)}).")
            .Keyed("error.language-not-offered", asked.Trim(), string.Join(", ", offered));
    }

    /// <summary>
    /// What a page in <paramref name="pageCulture"/> writes in when its author does not choose: that language if the site
    /// offers it, else null (the site's own). A page can be in a language no member writes in (the pseudo-locale).
    /// </summary>
    public static string? OfPage(TenantDefinition tenant, string pageCulture) => Find(Offered(tenant), pageCulture);

    /// <summary>The one of <paramref name="offered"/> that <paramref name="code"/> names ("cy", "cy-GB" or "CY"); null for none.</summary>
    public static string? Find(IReadOnlyList<string> offered, string code) =>
        code.Length is 0 or > 35 ? null : offered.FirstOrDefault(c => Code(c) == Code(code));

    private static string Code(string culture)
    {
        var dash = culture.IndexOf('-');
        return (dash < 0 ? culture : culture[..dash]).ToLowerInvariant();
    }
}
