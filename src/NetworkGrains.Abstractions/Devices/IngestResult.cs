namespace NetworkGrains.Abstractions.Devices;

/// <summary>
/// What a device did with a batch; readings not accepted are counted, never silently lost. <see cref="Discontinuities"/>
/// counts counter readings that only set a new baseline (first reading, a reset, a gap longer than the window).
/// <see cref="NotKept"/> counts readings that left the device's window without their minutes being stored, and
/// <see cref="NotKeptReason"/> says why (null when all were kept).
/// </summary>
[GenerateSerializer, Immutable, Alias("ng.ingest-result.v1")]
public readonly record struct IngestResult(
    [property: Id(0)] int Accepted,
    [property: Id(1)] int OutOfOrder,
    [property: Id(2)] int Invalid,
    [property: Id(3)] int Discontinuities,
    [property: Id(4)] bool UnknownDevice = false,
    [property: Id(5)] int NotKept = 0,
    [property: Id(6)] NotKeptReason? NotKeptReason = null);
