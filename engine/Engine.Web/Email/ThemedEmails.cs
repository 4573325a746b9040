using System.Globalization;
using System.Text.RegularExpressions;
using Engine.Core.Email;
using Engine.Core.Tenancy;
using Engine.Themes;

namespace Engine.Web.Email;

/// <summary>
/// Words emails in the site's theme (docs/emails.md): the subject, plain text and HTML templates of the email, each
/// inside its layout, with the footer's values beside the email's own. An email whose templates fail is logged with
/// the theme, file, line and column, and worded by the base theme instead: nothing a member wrote is dropped.
/// </summary>
public sealed partial class ThemedEmails(ThemeEngine themes, Plugins.TenantThemes tenantThemes, IEmailLinks links, ILogger<ThemedEmails> logger) : IEmailComposer
{
    public ComposedEmail Compose(TenantDefinition tenant, EmailKind kind, EmailContent content, string? unsubscribeUrl, string? language = null)
    {
        var culture = Culture(tenant, language);
        var theme = tenantThemes.For(tenant).Theme;
        var fallback = themes.Get(ThemeEngine.FallbackTheme, null).Theme;
        try
        {
            return Render(theme, tenant, kind, content, unsubscribeUrl, culture);
        }
        catch (ThemeRenderException e) when (theme != fallback)
        {
            logger.LogError(e, "Email {Template} of {TenantId} failed in theme {Theme} at {File} line {Line}, column {Column}: {Reason}. It is worded by the {Fallback} theme instead",
                content.Template, tenant.Id, e.Theme, e.File, e.Line, e.Column, e.Reason, ThemeEngine.FallbackTheme);
        }
        catch (ThemeException e) when (theme != fallback)
        {
            logger.LogError(e, "Email {Template} of {TenantId} failed in theme {Theme}: {Reason}. It is worded by the {Fallback} theme instead",
                content.Template, tenant.Id, theme.Name, e.Message, ThemeEngine.FallbackTheme);
        }
        return Render(fallback, tenant, kind, content, unsubscribeUrl, culture);
    }

    /// <summary>The member's language where the site offers it, else the site's own.</summary>
    private static CultureInfo Culture(TenantDefinition tenant, string? language)
    {
        var offered = Languages.LanguageChoice.Offered(tenant);
        return offered.FirstOrDefault(c => string.Equals(c.Name, language, StringComparison.OrdinalIgnoreCase))
            ?? offered.FirstOrDefault(c => language is not null && string.Equals(c.TwoLetterISOLanguageName, language.Split('-')[0], StringComparison.OrdinalIgnoreCase))
            ?? offered[0];
    }

    private ComposedEmail Render(CompiledTheme theme, TenantDefinition tenant, EmailKind kind, EmailContent content, string? unsubscribeUrl, CultureInfo culture)
    {
        var site = links.Site(tenant);
        object Model(string? subject) => EmailModel(tenant, site, kind, content, subject, unsubscribeUrl, culture);
        var subject = Whitespace().Replace(theme.RenderEmail(content.Template, Model(null), EmailPart.Subject), " ").Trim();
        if (subject.Length == 0)
            throw new ThemeException(Path.Combine("emails", content.Template + EmailPart.Subject.Extension()), "the subject is empty.");
        var model = Model(subject);
        return new ComposedEmail(subject, PlainText(theme.RenderEmail(content.Template, model, EmailPart.Text)), theme.RenderEmail(content.Template, model, EmailPart.Html));
    }

    /// <summary>What an email's templates read: the layouts' values first, then the email's own (the frame).</summary>
    /// <param name="subject">Null while the subject itself is being rendered.</param>
    /// <param name="culture">The language the email is in (<c>t</c> reads <c>language</c>); the site's when null.</param>
    internal static object EmailModel(TenantDefinition tenant, string site, EmailKind kind, EmailContent content, string? subject, string? unsubscribeUrl,
        CultureInfo? culture = null) => new
    {
        SiteName = tenant.Name,
        SiteUrl = site,
        Locale = culture?.Name ?? tenant.Locale,
        Language = (culture ?? CultureInfo.GetCultureInfo(tenant.Locale)).TwoLetterISOLanguageName,
        KindKey = kind.Key(),
        BrandColour = Colour().IsMatch(tenant.ThemeSettings.PrimaryColour) ? tenant.ThemeSettings.PrimaryColour : "#005eb8",
        Subject = subject,
        IsAccount = kind.IsAccount(),
        KindDescription = kind.Describe(),
        PreferencesUrl = $"{site}/account/email",
        UnsubscribeUrl = unsubscribeUrl,
        Frame = content.Values,
    };

    /// <summary>Templates need not count blank lines: one blank line at most between paragraphs, and one newline at the end.</summary>
    private static string PlainText(string text) => BlankLines().Replace(text.ReplaceLineEndings("\n"), "\n\n").TrimEnd() + "\n";

    [GeneratedRegex(@"\s+")] private static partial Regex Whitespace();
    [GeneratedRegex(@"\n{3,}")] private static partial Regex BlankLines();
    // The colour goes into a style attribute: only a plain hex colour may (tenant.json and the branding page check it too).
    [GeneratedRegex("^#[0-9a-fA-F]{6}$")] private static partial Regex Colour();
}
