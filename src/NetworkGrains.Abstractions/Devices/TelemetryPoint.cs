namespace NetworkGrains.Abstractions.Devices;

[GenerateSerializer, Immutable, Alias("ng.telemetry-point.v1")]
public readonly record struct TelemetryPoint(
    [property: Id(0)] DateTimeOffset Timestamp,
    [property: Id(1)] double Value);
