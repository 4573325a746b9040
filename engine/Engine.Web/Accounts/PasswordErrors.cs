using Engine.Core.Common;
using Microsoft.AspNetCore.Identity;

namespace Engine.Web.Accounts;

/// <summary>
/// Identity's refusals of a password or address as one error on <c>field</c>: worded from the engine's catalogues,
/// keyed by Identity's code (<c>error.identity.PasswordTooShort</c>) so a page words it in its own language.
/// </summary>
public static class PasswordErrors
{
    public static Error Of(string field, IEnumerable<IdentityError> errors, PasswordOptions options)
    {
        var all = errors.ToList();
        // Several refusals at once read in English; with the options set here (a length only) there is one. A code the
        // catalogues lack (Identity may add more) keeps Identity's English description.
        if (all is [var only] && Languages.EngineWords.Catalogues.Translate(English.Name, Key(only), [], _ => "") is not null)
        {
            var value = Value(only.Code, options);
            return Error.Invalid(field, Languages.EngineWords.Text(English, Key(only), "", value)).Keyed(Key(only), value);
        }
        return Error.Invalid(field, string.Join(" ", all.Select(e => e.Description)));
    }

    private static string Key(IdentityError error) => "error.identity." + error.Code;

    private static readonly System.Globalization.CultureInfo English = System.Globalization.CultureInfo.GetCultureInfo("en");

    private static object Value(string code, PasswordOptions options) => code switch
    {
        nameof(IdentityErrorDescriber.PasswordTooShort) => options.RequiredLength,
        nameof(IdentityErrorDescriber.PasswordRequiresUniqueChars) => options.RequiredUniqueChars,
        _ => "",
    };
}
