namespace NetworkGrains.Abstractions.Devices;

/// <summary>The inventory record of a device. <see cref="SnmpCredential"/> names a credential; it never holds a secret.</summary>
[GenerateSerializer, Immutable, Alias("ng.device-record.v1")]
public sealed record DeviceRecord(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string ManagementAddress,
    [property: Id(3)] string? Site,
    [property: Id(4)] string? Role,
    [property: Id(5)] string? Vendor,
    [property: Id(6)] string? Model,
    [property: Id(7)] string[] Tags,
    [property: Id(8)] string? SnmpCredential);
