namespace NetworkGrains.Silo.Api;

/// <summary>A small JSON request body (an empty body reads as {}), parsed strictly, and the problem to answer when it is not valid.</summary>
public static class JsonBody
{
    public const int MaxBytes = 16 * 1024;

    public sealed record Input<T>(T? Value, IResult? Problem);

    public static async Task<Input<T>> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken, int maxBytes = MaxBytes) where T : class
    {
        var body = await RequestBody.ReadAsync(request, maxBytes, cancellationToken);
        if (body is null) return new(null, RequestBody.TooLarge(maxBytes));
        var errors = new ValidationErrors();
        return ApiJson.TryDeserialize<T>(body.Length == 0 ? "{}"u8 : body, errors, "the body must be a JSON object", out var value)
            ? new(value, null)
            : new(null, errors.ToResult());
    }

    /// <summary>Reads the body and hands it to <paramref name="handle"/>, with grain errors turned into problems.</summary>
    public static Task<IResult> Handle<T>(HttpRequest request, CancellationToken cancellationToken, Func<T, Task<IResult>> handle, int maxBytes = MaxBytes) where T : class =>
        GrainErrors.Handle(async () =>
        {
            var input = await ReadAsync<T>(request, cancellationToken, maxBytes);
            return input.Value is { } body ? await handle(body) : input.Problem!;
        });
}
