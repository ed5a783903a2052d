namespace NetworkGrains.Integration.Tests.Contract;

/// <summary>A response that the served OpenAPI document does not describe.</summary>
public sealed class ContractViolationException(string message) : Exception(message);

/// <summary>
/// Checks each response against the silo's OpenAPI document (once the document is known) before the test sees it.
/// With NG_API_COVERAGE set to a file, each checked answer is also noted there as "METHOD template status" (scripts/test.sh
/// reports which operations the tests never saw succeed).
/// </summary>
public sealed class ContractCheckingHandler(Func<OpenApiContract?> contract, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private static readonly string? CoverageFile = Environment.GetEnvironmentVariable("NG_API_COVERAGE");
    private static readonly Lock CoverageLock = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (contract() is not { } document || request.RequestUri is null) return response;
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        NoteCoverage(document, request.Method, request.RequestUri.AbsolutePath, (int)response.StatusCode);
        var violation = document.Violation(request.Method, request.RequestUri.AbsolutePath, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
        return violation is null ? response : throw new ContractViolationException(violation);
    }

    private static void NoteCoverage(OpenApiContract document, HttpMethod method, string path, int status)
    {
        if (CoverageFile is null || document.Match(path) is not { } template) return;
        lock (CoverageLock) File.AppendAllText(CoverageFile, $"{method} {template} {status}\n");
    }
}
