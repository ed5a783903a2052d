namespace NetworkGrains.Integration.Tests.Contract;

/// <summary>A response that the served OpenAPI document does not describe.</summary>
public sealed class ContractViolationException(string message) : Exception(message);

/// <summary>
/// Checks each response against the silo's OpenAPI document (once the document is known) before the test sees it,
/// and notes the operation and status in <see cref="ApiCoverage"/>.
/// </summary>
public sealed class ContractCheckingHandler(Func<OpenApiContract?> contract, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (contract() is not { } document || request.RequestUri is null) return response;
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        ApiCoverage.Note(document, request.Method, request.RequestUri.AbsolutePath, (int)response.StatusCode);
        var violation = document.Violation(request.Method, request.RequestUri.AbsolutePath, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
        return violation is null ? response : throw new ContractViolationException(violation);
    }
}
