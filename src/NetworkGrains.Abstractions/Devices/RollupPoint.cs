namespace NetworkGrains.Abstractions.Devices;

/// <summary>One minute of one series: <see cref="Minute"/> is the start of the minute (UTC).</summary>
[GenerateSerializer, Immutable, Alias("ng.rollup-point.v1")]
public readonly record struct RollupPoint(
    [property: Id(0)] DateTimeOffset Minute,
    [property: Id(1)] double Min,
    [property: Id(2)] double Max,
    [property: Id(3)] double Mean,
    [property: Id(4)] int Count,
    [property: Id(5)] double Last);
