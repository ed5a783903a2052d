using Microsoft.AspNetCore.Mvc;
using NetworkGrains.Abstractions.Problems;

namespace NetworkGrains.Silo.Api;

/// <summary>
/// The one place a <see cref="DomainProblem"/> becomes an RFC 9457 problem: one type URI, title and status per kind
/// (docs/api.md lists them). REST answers it (the API group's <see cref="Filter"/>), the console shows it. Any other
/// exception is not a problem of the request: the exception handler answers 500 and logs it.
/// </summary>
public static partial class ApiProblems
{
    public const string TypePrefix = "urn:networkgrains:problem:";

    private sealed record Kind(int Status, string Name, string Title);

    private static Kind Of(DomainProblem problem) => problem switch
    {
        InvalidInputProblem => new(StatusCodes.Status400BadRequest, "invalid-input", "The request is not valid"),
        ForbiddenProblem => new(StatusCodes.Status403Forbidden, "forbidden", "Forbidden"),
        NotFoundProblem => new(StatusCodes.Status404NotFound, "not-found", "Not found"),
        ConflictProblem => new(StatusCodes.Status409Conflict, "conflict", "Not in a state for that"),
        UnusableArtifactProblem => new(StatusCodes.Status422UnprocessableEntity, "unusable-artifact", "Unusable model artifact"),
        CorruptDefinitionProblem => new(StatusCodes.Status500InternalServerError, "corrupt-definition", "A stored definition is corrupt"),
        _ => throw new ArgumentOutOfRangeException(nameof(problem), problem.GetType().Name, "a problem kind without a status"),
    };

    public static ProblemDetails ToProblemDetails(DomainProblem problem)
    {
        var kind = Of(problem);
        var details = problem is InvalidInputProblem invalid ? new HttpValidationProblemDetails(invalid.Errors) : new ProblemDetails();
        (details.Status, details.Type, details.Title, details.Detail) = (kind.Status, TypePrefix + kind.Name, kind.Title, problem.Message);
        return details;
    }

    public static IResult ToResult(DomainProblem problem) => ToProblemDetails(problem) switch
    {
        HttpValidationProblemDetails validation => TypedResults.ValidationProblem(validation.Errors, validation.Detail, title: validation.Title, type: validation.Type),
        var details => TypedResults.Problem(details),
    };

    /// <summary>On the API's route group: a domain problem a handler, use case or grain raised is answered as its problem; a server-side one is logged too.</summary>
    public static async ValueTask<object?> Filter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (DomainProblem problem)
        {
            if (Of(problem).Status >= StatusCodes.Status500InternalServerError)
            {
                var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ApiProblems));
                LogServerSide(logger, problem, context.HttpContext.Request.Path.Value ?? "");
            }
            return ToResult(problem);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Path} failed on the server's own state")]
    private static partial void LogServerSide(ILogger logger, Exception exception, string path);
}
