using Microsoft.AspNetCore.Http.HttpResults;

namespace NetworkGrains.Silo.Api;

/// <summary>Reads a request body up to a limit; a larger body is refused before it is parsed.</summary>
public static class RequestBody
{
    /// <summary>The largest body any endpoint takes (a model artifact upload).</summary>
    public const int LargestLimit = 64 * 1024 * 1024;

    public static async Task<byte[]?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    public static ProblemHttpResult TooLarge(int maxBytes) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large",
        detail: $"The body must not exceed {maxBytes} bytes.");
}
