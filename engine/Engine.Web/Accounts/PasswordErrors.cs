using Engine.Core.Common;
using Microsoft.AspNetCore.Identity;

namespace Engine.Web.Accounts;

/// <summary>
/// Identity's refusals of a password or address as one error on <c>field</c>: its English descriptions for the API,
/// keyed by Identity's code (<c>error.identity.PasswordTooShort</c>) so a page words it in its own language.
/// </summary>
public static class PasswordErrors
{
    public static Error Of(string field, IEnumerable<IdentityError> errors, PasswordOptions options)
    {
        var all = errors.ToList();
        var error = Error.Invalid(field, string.Join(" ", all.Select(e => e.Description)));
        // Several refusals at once read in English; with the options set here (a length only) there is one.
        return all is [var only] ? error.Keyed("error.identity." + only.Code, Value(only.Code, options)) : error;
    }

    private static object Value(string code, PasswordOptions options) => code switch
    {
        nameof(IdentityErrorDescriber.PasswordTooShort) => options.RequiredLength,
        nameof(IdentityErrorDescriber.PasswordRequiresUniqueChars) => options.RequiredUniqueChars,
        _ => "",
    };
}
