using Microsoft.AspNetCore.Mvc;
using NetworkGrains.Abstractions.Models;
using NetworkGrains.Silo.Application;

namespace NetworkGrains.Silo.Api;

/// <summary>
/// The one place the errors use cases and grains throw for bad requests become problems (REST answers them, the
/// console shows them); anything else stays a 500.
/// </summary>
public static class GrainErrors
{
    public static async Task<IResult> Handle(Func<Task<IResult>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (ToProblem(ex) is { } problem)
        {
            return problem is HttpValidationProblemDetails validation
                ? Results.ValidationProblem(validation.Errors, title: validation.Title)
                : Results.Problem(problem);
        }
    }

    /// <summary>The problem an expected error stands for; null for any other exception.</summary>
    public static ProblemDetails? ToProblem(Exception ex) => ex switch
    {
        InvalidInputException invalid => new HttpValidationProblemDetails(invalid.Errors.ToDictionary()) { Status = StatusCodes.Status400BadRequest, Title = "The request is not valid" },
        KeyNotFoundException => Problem(StatusCodes.Status404NotFound, "Not found", ex.Message),
        UnauthorizedAccessException => Problem(StatusCodes.Status403Forbidden, "Not allowed", ex.Message),
        ModelArtifactException => Problem(StatusCodes.Status422UnprocessableEntity, "Unusable model artifact", ex.Message),
        InvalidOperationException => Problem(StatusCodes.Status409Conflict, "Not in a state for that", ex.Message),
        ArgumentException => Problem(StatusCodes.Status400BadRequest, "The request is not valid", ex.Message),
        _ => null,
    };

    private static ProblemDetails Problem(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };
}
