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

    // A plugin's refusal given by key is worded in the request's language (as a page would be); the engine's own stay English.
    public Task ExecuteAsync(HttpContext context) =>
        Answer(error.Text is Engine.Plugins.Loading.WordedText worded ? error with { Message = worded.In(Languages.LanguageChoice.Of(context)) } : error).ExecuteAsync(context);

    private static IResult Answer(Error error) => error.Kind switch
    {
        ErrorKind.Validation => TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { [error.Field ?? "body"] = [error.Message] },
            detail: error.Message, title: "The request has invalid input."),
        ErrorKind.NotFound => TypedResults.Problem(error.Message, statusCode: 404, title: "Not found"),
        ErrorKind.Unauthorized => TypedResults.Problem(error.Message, statusCode: 401, title: "Not signed in"),
        ErrorKind.Conflict => TypedResults.Problem(error.Message, statusCode: 409, title: "Conflict"),
        _ => TypedResults.Problem(error.Message, statusCode: 403, title: "Not allowed",
            extensions: error.Field is null ? null : new Dictionary<string, object?> { ["field"] = error.Field }),
    };
}
