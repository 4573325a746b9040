using Engine.Core.Common;

namespace Engine.Web.Api;

/// <summary>
/// A use case's refusal, answered as an RFC 7807 problem: a validation problem names the field at fault. Its status
/// depends on the error, known only when the request runs, so an endpoint declares the ones it can answer with
/// <see cref="ApiResults.Refuses"/>.
/// </summary>
public sealed class Refusal(Error error) : IResult, IStatusCodeHttpResult
{
    public Error Error => error;

    public int? StatusCode => StatusOf(error.Kind);

    public static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => StatusCodes.Status400BadRequest,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Unauthorized => StatusCodes.Status401Unauthorized,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status403Forbidden,
    };

    /// <summary>
    /// Worded in the page's language for a member on the site's pages, else in the language the program asked for (English
    /// unless it asked: <see cref="Languages.LanguageChoice.OfAnswer"/>), with the error's key as <c>code</c> so a program can tell refusals apart without reading their words.
    /// </summary>
    public Task ExecuteAsync(HttpContext context)
    {
        var culture = Languages.LanguageChoice.OfAnswer(context);
        return Answer(error, Languages.ErrorWords.Text(culture, error), Languages.EngineWords.Text(culture, TitleKey(error.Kind)), CodeOf(error)).ExecuteAsync(context);
    }

    /// <summary>
    /// The refusal's stable name: the engine's key (<c>error.too-short</c>), a plugin's (<c>plugin.budget.over-budget</c>),
    /// else its kind's title key (<c>problem.forbidden</c>) for a refusal no catalogue words yet.
    /// </summary>
    public static string CodeOf(Error error) => error.Key ?? error.Text switch
    {
        Engine.Plugins.Loading.WordedText worded => $"plugin.{worded.Words.PluginId}.{worded.Key}",
        { } text => text.Key,
        null => TitleKey(error.Kind),
    };

    private static string TitleKey(ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => "problem.validation",
        ErrorKind.NotFound => "problem.not-found",
        ErrorKind.Unauthorized => "problem.unauthorized",
        ErrorKind.Conflict => "problem.conflict",
        _ => "problem.forbidden",
    };

    private static IResult Answer(Error error, string detail, string title, string code)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        if (error.Kind == ErrorKind.Validation)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [error.Field ?? "body"] = [detail] }, detail: detail, title: title, extensions: extensions);
        if (error.Kind == ErrorKind.Forbidden && error.Field is not null) extensions["field"] = error.Field;
        return TypedResults.Problem(detail, statusCode: StatusOf(error.Kind), title: title, extensions: extensions);
    }
}
