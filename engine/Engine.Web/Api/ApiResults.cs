using Engine.Core.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Engine.Web.Api;

public static class ApiResults
{
    /// <summary>An RFC 7807 problem for a refused use case; a validation problem names the field at fault.</summary>
    public static Refusal Problem(Error error) => new(error);

    /// <summary>The typed success, or the refusal: <c>Results</c> puts the success's status and body type in the OpenAPI document.</summary>
    public static Results<TSuccess, Refusal> From<T, TSuccess>(Outcome<T> outcome, Func<T, TSuccess> success) where TSuccess : IResult =>
        outcome.Succeeded ? success(outcome.Value!) : Problem(outcome.Error!);

    /// <summary>
    /// Lists in the OpenAPI document the problems this endpoint answers when its use case refuses: what the endpoint
    /// can return, as its typed successes are listed by their types. The HTTP tests hold each list to what is returned.
    /// </summary>
    public static RouteHandlerBuilder Refuses(this RouteHandlerBuilder endpoint, params ErrorKind[] kinds)
    {
        foreach (var kind in kinds)
            endpoint = kind == ErrorKind.Validation ? endpoint.ProducesValidationProblem() : endpoint.ProducesProblem(Refusal.StatusOf(kind));
        return endpoint;
    }
}
