using System.Diagnostics;

namespace NetworkGrains.Grains;

/// <summary>
/// The product's own spans (the silo exports them over OTLP when Tracing:OtlpEndpoint is set). With tracing off
/// nothing listens to the source: every span is null and costs nothing.
/// </summary>
public static class NetworkGrainsTracing
{
    public const string SourceName = "NetworkGrains";
    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>The W3C traceparent of a span, to carry where the Activity does not flow (a stream's event, a stored action).</summary>
    public static string? TraceParentOf(Activity? span) => span?.IdFormat == ActivityIdFormat.W3C ? span.Id : null;

    /// <summary>
    /// Puts the span's own traceparent on a request. HttpClient would send that of a child it makes itself, which is
    /// not exported (its span would tag the URL, and a webhook's URL may hold a token): the receiver could not find it.
    /// </summary>
    public static void Inject(Activity? span, HttpRequestMessage request)
    {
        if (span is null) return;
        DistributedContextPropagator.Current.Inject(span, request.Headers,
            static (carrier, name, value) => ((System.Net.Http.Headers.HttpRequestHeaders)carrier!).TryAddWithoutValidation(name, value));
    }

    /// <summary>
    /// A span under the trace that <paramref name="traceParent"/> names, unless the current span already belongs
    /// to it (a grain call carried it). A missing or malformed traceparent (an older event, a damaged row) is no
    /// error: the span goes under the current one, or starts a new trace.
    /// </summary>
    public static Activity? StartFrom(string name, ActivityKind kind, string? traceParent)
    {
        if (!Source.HasListeners()) return null;
        if (traceParent is not null && ActivityContext.TryParse(traceParent, null, isRemote: true, out var parent)
            && Activity.Current?.TraceId != parent.TraceId)
            return Source.StartActivity(name, kind, parent);
        return Source.StartActivity(name, kind);
    }
}
