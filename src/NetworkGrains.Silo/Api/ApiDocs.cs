using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using NetworkGrains.Silo.Security;

namespace NetworkGrains.Silo.Api;

/// <summary>
/// What the OpenAPI document (/openapi/v1.json) cannot learn from the handlers. Handlers return TypedResults, so
/// their success answers come from their signatures; here are the bodies they read themselves (<see cref="Takes"/>),
/// the problems a route may answer beside the common ones, and who may call it (x-permission). The integration
/// tests check every response they get against the document, which keeps the two honest.
/// </summary>
public static class ApiDocs
{
    private const string ProblemJson = "application/problem+json";

    /// <summary>The document covers the API (/api/...), not the dashboard's own routes; problems say they may carry extensions.</summary>
    public static void Configure(OpenApiOptions options)
    {
        options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
        // The seed's schema names: the API's views (ModelView) are its resources (Model).
        options.CreateSchemaReferenceId = type => OpenApiOptions.CreateDefaultSchemaReferenceId(type)?.Replace("View", "", StringComparison.Ordinal);
        options.AddSchemaTransformer((schema, context, _) =>
        {
            // RFC 9457 §3.2: a problem may have extension members (ASP.NET Core adds traceId); clients ignore those they do not know.
            if (typeof(ProblemDetails).IsAssignableFrom(context.JsonTypeInfo.Type)) schema.AdditionalPropertiesAllowed = true;
            // Read by its own converter, it is a JSON number on the wire.
            if (context.JsonTypeInfo.Type == typeof(ReadingValue?)) (schema.Type, schema.Format) = (JsonSchemaType.Number, "double");
            return Task.CompletedTask;
        });
        // Who may call an operation is on its endpoint; the document says it too, so clients and tests read it from one place.
        options.AddOperationTransformer((operation, context, _) =>
        {
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<RequiredPermission>().LastOrDefault() is { } required)
                (operation.Extensions ??= new Dictionary<string, IOpenApiExtension>())[PermissionExtension] = new JsonNodeExtension(JsonValue.Create(required.Permission));
            return Task.CompletedTask;
        });
    }

    /// <summary>The OpenAPI extension on each operation that names the permission it needs.</summary>
    public const string PermissionExtension = "x-permission";

    /// <summary>
    /// The answers every API route can give: 400 (a validation problem), 401, 403, 429 and 503 (the cluster is not
    /// available); a domain problem raised on any of them is answered as its problem (<see cref="ApiProblems"/>).
    /// </summary>
    public static RouteGroupBuilder WithApiProblems(this RouteGroupBuilder group) => group
        .AddEndpointFilter(ApiProblems.Filter)
        .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status400BadRequest, typeof(HttpValidationProblemDetails), [ProblemJson]))
        .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(ProblemDetails), [ProblemJson]))
        .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status403Forbidden, typeof(ProblemDetails), [ProblemJson]))
        .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status429TooManyRequests, typeof(ProblemDetails), [ProblemJson]))
        .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status503ServiceUnavailable, typeof(ProblemDetails), [ProblemJson]));

    /// <summary>A JSON answer of <typeparamref name="T"/> with each of <paramref name="statuses"/> (200 when none is named), for a handler that returns an untyped IResult.</summary>
    public static RouteHandlerBuilder Returns<T>(this RouteHandlerBuilder endpoint, params int[] statuses)
    {
        foreach (var status in statuses.Length == 0 ? [StatusCodes.Status200OK] : statuses) endpoint.Produces<T>(status);
        return endpoint;
    }

    /// <summary>A body of <typeparamref name="T"/> (JSON unless other types are named), which may be refused as too large (413).</summary>
    public static RouteHandlerBuilder Takes<T>(this RouteHandlerBuilder endpoint, params string[] contentTypes) where T : notnull =>
        endpoint.Accepts<T>(contentTypes.Length == 0 ? "application/json" : contentTypes[0], contentTypes.Skip(1).ToArray()).Problems(StatusCodes.Status413PayloadTooLarge);

    /// <summary>Problem answers (RFC 9457) beside the common ones, e.g. 404 or 409.</summary>
    public static RouteHandlerBuilder Problems(this RouteHandlerBuilder endpoint, params int[] statuses)
    {
        foreach (var status in statuses) endpoint.ProducesProblem(status);
        return endpoint;
    }
}
