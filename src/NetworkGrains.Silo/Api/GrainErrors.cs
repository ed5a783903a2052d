using NetworkGrains.Abstractions.Models;

namespace NetworkGrains.Silo.Api;

/// <summary>Turns the errors grains throw for bad requests into problem responses; anything else stays a 500.</summary>
public static class GrainErrors
{
    public static async Task<IResult> Handle(Func<Task<IResult>> call)
    {
        try
        {
            return await call();
        }
        catch (KeyNotFoundException ex)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: ex.Message);
        }
        catch (UnauthorizedAccessException ex)
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed", detail: ex.Message);
        }
        catch (ModelArtifactException ex)
        {
            return Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Unusable model artifact", detail: ex.Message);
        }
        catch (InvalidOperationException ex)
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not in a state for that", detail: ex.Message);
        }
        catch (ArgumentException ex)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The request is not valid", detail: ex.Message);
        }
    }
}
