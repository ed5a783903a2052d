namespace NetworkGrains.Abstractions.Devices;

/// <summary>A page of the inventory, optionally filtered (<see cref="Search"/>: part of the id, name or management address, any case). Pages start at 1.</summary>
[GenerateSerializer, Immutable, Alias("ng.device-query.v1")]
public sealed record DeviceQuery(
    [property: Id(0)] int Page = 1,
    [property: Id(1)] int Limit = 50,
    [property: Id(2)] string? Site = null,
    [property: Id(3)] string? Role = null,
    [property: Id(4)] string? Tag = null,
    [property: Id(5)] string? Search = null);
