using Microsoft.AspNetCore.Http.HttpResults;

namespace NetworkGrains.Silo.Api;

/// <summary>A small JSON request body (an empty body reads as {}), parsed strictly, and the problem to answer when it is not valid.</summary>
public static class JsonBody
{
    public const int MaxBytes = 16 * 1024;

    /// <summary>
    /// Reads the body and hands it to <paramref name="handle"/>: its typed result, or 413 for a body too large; a body
    /// that is not valid JSON of <typeparamref name="T"/> is an InvalidInputProblem (400).
    /// </summary>
    public static async Task<Results<TResult, ProblemHttpResult>> Handle<T, TResult>(HttpRequest request, CancellationToken cancellationToken, Func<T, Task<TResult>> handle,
        int maxBytes = MaxBytes) where T : class where TResult : IResult
    {
        var body = await RequestBody.ReadAsync(request, maxBytes, cancellationToken);
        if (body is null) return RequestBody.TooLarge(maxBytes);
        var errors = new ValidationErrors();
        if (!ApiJson.TryDeserialize<T>(body.Length == 0 ? "{}"u8 : body, errors, "the body must be a JSON object", out var value)) throw errors.ToProblem();
        return await handle(value);
    }
}
