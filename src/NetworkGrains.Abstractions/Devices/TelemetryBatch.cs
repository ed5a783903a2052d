namespace NetworkGrains.Abstractions.Devices;

/// <summary>Everything one packet or one poll produced for one device: one grain call, many readings.</summary>
[GenerateSerializer, Immutable, Alias("ng.telemetry-batch.v1")]
public sealed record TelemetryBatch([property: Id(0)] Reading[] Readings);
