namespace NetworkGrains.Abstractions.Devices;

[GenerateSerializer, Immutable, Alias("ng.device-page.v1")]
public sealed record DevicePage(
    [property: Id(0)] DeviceRecord[] Items,
    [property: Id(1)] int Page,
    [property: Id(2)] int Limit,
    [property: Id(3)] int Total);
