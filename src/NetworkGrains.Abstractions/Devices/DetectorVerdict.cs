namespace NetworkGrains.Abstractions.Devices;

/// <summary>
/// A point a detector found anomalous: the series (metric and instance; a multivariate model's verdict has the
/// metric "model:&lt;name&gt;", or "threat:&lt;name&gt;" for a security threat model), when, its value, the score and
/// the threshold it crossed, the detector that fired (the strongest, when more did), the value it expected (null for a
/// model's verdict) and, where that detector has one, the band of values it would not have called anomalous.
/// <see cref="Contributions"/> says which detectors scored the point, how strongly, and which of them fired.
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
    [property: Id(7)] double? Expected = null,
    [property: Id(8)] double? Low = null,
    [property: Id(9)] double? High = null,
    [property: Id(10)] DetectorContribution[]? Contributions = null);

/// <summary>One detector's part in a verdict: its score for the point and whether it reached its threshold.</summary>
[GenerateSerializer, Immutable, Alias("ng.detector-contribution.v1")]
public sealed record DetectorContribution(
    [property: Id(0)] string Detector,
    [property: Id(1)] double Score,
    [property: Id(2)] bool Fired);
