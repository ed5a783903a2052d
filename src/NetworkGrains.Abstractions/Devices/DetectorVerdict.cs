namespace NetworkGrains.Abstractions.Devices;

/// <summary>
/// A point a detector found anomalous: the series (metric and instance; a multivariate model's verdict has the
/// metric "model:&lt;name&gt;", or "threat:&lt;name&gt;" for a security threat model), when, its value, the detector's
/// score and the threshold it crossed, and the value the detector expected (null for a model's verdict).
/// </summary>
[GenerateSerializer, Immutable, Alias("ng.detector-verdict.v1")]
public sealed record DetectorVerdict(
    [property: Id(0)] string Metric,
    [property: Id(1)] string? Instance,
    [property: Id(2)] DateTimeOffset Timestamp,
    [property: Id(3)] double Value,
    [property: Id(4)] double Score,
    [property: Id(5)] double Threshold,
    [property: Id(6)] string Detector,
    [property: Id(7)] double? Expected = null);
