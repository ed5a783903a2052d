namespace NetworkGrains.Abstractions.Devices;

/// <summary>One measurement of one series (metric plus optional instance such as an ifIndex).</summary>
[GenerateSerializer, Immutable, Alias("ng.reading.v1")]
public readonly record struct Reading(
    [property: Id(0)] string Metric,
    [property: Id(1)] string? Instance,
    [property: Id(2)] DateTimeOffset Timestamp,
    [property: Id(3)] double Value,
    [property: Id(4)] MetricKind Kind);
