using NetworkGrains.Grains;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace NetworkGrains.Silo.Hosting;

/// <summary>
/// Tracing:OtlpEndpoint: empty (the default) is off, and nothing listens to any span; a URL exports the product's
/// spans and Orleans' grain calls (their Activity carried from silo to silo) with OTLP http/protobuf to its
/// /v1/traces (appended unless the URL already ends with it).
/// </summary>
public static class TracingSetup
{
    public const string EndpointKey = "Tracing:OtlpEndpoint";
    private const string OrleansGrainCalls = "Microsoft.Orleans.Application";
    private const string TracesPath = "/v1/traces";

    public static Uri? OtlpEndpoint(IConfiguration configuration)
    {
        var value = configuration[EndpointKey];
        if (string.IsNullOrWhiteSpace(value)) return null;
        // The value is not repeated: a collector's URL may hold a credential.
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new InvalidOperationException($"{EndpointKey} is not an absolute http or https URL.");
        return uri.AbsolutePath.EndsWith(TracesPath, StringComparison.Ordinal) ? uri
            : new UriBuilder(uri) { Path = uri.AbsolutePath.TrimEnd('/') + TracesPath }.Uri;
    }

    public static void Add(IServiceCollection services, Uri endpoint, SiloSettings settings) =>
        services.AddOpenTelemetry().WithTracing(tracing => tracing
            .ConfigureResource(resource => resource.AddService("networkgrains", serviceInstanceId: $"{settings.Advertised?.ToString() ?? Environment.MachineName}:{settings.SiloPort}"))
            .AddSource(NetworkGrainsTracing.SourceName, OrleansGrainCalls)
            .AddOtlpExporter(otlp => (otlp.Endpoint, otlp.Protocol) = (endpoint, OtlpExportProtocol.HttpProtobuf)));
}
