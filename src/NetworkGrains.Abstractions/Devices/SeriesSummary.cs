namespace NetworkGrains.Abstractions.Devices;

/// <summary>
/// Running statistics of one series over its sliding window; null while the window is empty (a counter that
/// only has its baseline). Counter series hold per-second rates.
/// </summary>
[GenerateSerializer, Immutable, Alias("ng.series-summary.v1")]
public sealed record SeriesSummary(
    [property: Id(0)] string Metric,
    [property: Id(1)] string? Instance,
    [property: Id(2)] MetricKind Kind,
    [property: Id(3)] int Count,
    [property: Id(4)] double? Mean,
    [property: Id(5)] double? StdDev,
    [property: Id(6)] double? Min,
    [property: Id(7)] double? Max,
    [property: Id(8)] double? Last,
    [property: Id(9)] DateTimeOffset? LastTimestamp);
