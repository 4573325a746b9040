using Engine.Core.Common;

namespace Engine.Web.Api;

public static class ApiResults
{
    /// <summary>An RFC 7807 problem for a refused use case; a validation problem names the field at fault.</summary>
    public static IResult Problem(Error error) => error.Kind switch
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

    public static IResult From<T>(Outcome<T> outcome, Func<T, IResult> success) =>
        outcome.Succeeded ? success(outcome.Value!) : Problem(outcome.Error!);
}
