using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Engine.Web.Api;

/// <summary>
/// What every operation in the OpenAPI documents carries besides its answers: an operationId (the endpoint's name
/// where it has one, else its method and route, so it is stable and unique), a description (its summary, where it
/// says no more), and the fixed choices a free-text parameter accepts (<see cref="ApiChoices"/>).
/// </summary>
public sealed class ApiOperations : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var route = context.Description;
        operation.OperationId ??= OperationId(route.HttpMethod ?? "GET", route.RelativePath ?? "");
        operation.Description ??= operation.Summary;
        foreach (var choices in route.ActionDescriptor.EndpointMetadata.OfType<ApiChoices>())
            if (operation.Parameters?.FirstOrDefault(p => p.Name == choices.Parameter)?.Schema is OpenApiSchema schema)
                schema.Enum = choices.Values.Select(v => (JsonNode)JsonValue.Create(v)).ToList();
        return Task.CompletedTask;
    }

    /// <summary>"PUT api/v1/ideas/{id}/vote" to "putIdeasByIdVote".</summary>
    public static string OperationId(string method, string relativePath)
    {
        var words = relativePath.Split('?')[0].Split('/', StringSplitOptions.RemoveEmptyEntries).Skip(2)
            .Select(segment => segment.StartsWith('{')
                ? "By" + string.Join("And", segment.Split('.').Select(p => Pascal(p.Trim('{', '}').Split(':')[0])))
                : string.Concat(segment.Split('-', '.').Select(Pascal)));
        return method.ToLowerInvariant() + string.Concat(words);
    }

    private static string Pascal(string word) => word.Length == 0 ? "" : char.ToUpperInvariant(word[0]) + word[1..];
}

/// <summary>The fixed values a string parameter accepts, listed as the parameter's enum in the OpenAPI documents.</summary>
public sealed record ApiChoices(string Parameter, IReadOnlyList<string> Values);

public static class ApiChoicesExtensions
{
    public static TBuilder Offers<TBuilder>(this TBuilder endpoint, string parameter, IEnumerable<string> values) where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(new ApiChoices(parameter, values.ToList()));
}
