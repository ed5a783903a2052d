namespace NetworkGrains.Abstractions.Anomalies;

/// <summary>A page of the anomaly list (newest last seen first) and how many match in all.</summary>
[GenerateSerializer, Immutable, Alias("ng.anomaly-page.v1")]
public sealed record AnomalyPage([property: Id(0)] Anomaly[] Items, [property: Id(1)] int Total);

/// <summary>The anomaly list for Orleans clients (the REST list's query side): filters as GET /api/v1/anomalies has them.</summary>
[Alias("ng.anomaly-query")]
public interface IAnomalyQueryGrain : IGrainWithIntegerKey
{
    [Alias("list")]
    Task<AnomalyPage> List(AnomalySeverity? severity, AnomalyStatus? status, DateTimeOffset? since, string? deviceId, int page, int limit);
}
