using NetworkGrains.Abstractions.Devices;

namespace NetworkGrains.Grains.Devices.Flows;

/// <summary>
/// One exporter's top talkers over (part of) one minute. A minute may be written in parts (an activation ends
/// mid-minute, an interval arrives late); the parts add up.
/// </summary>
[GenerateSerializer, Immutable, Alias("ng.talker-minute.v1")]
public sealed record TalkerMinute([property: Id(0)] long UnixMinute, [property: Id(1)] TopTalkers[] Dimensions);

/// <summary>
/// Where a device's per-minute top talkers are kept outside its grain: flow_top (Postgres profile) or the last
/// hour in memory (default profile). The grain reads the last hour back before it adds to it.
/// </summary>
public interface ITalkerLog
{
    Task AppendAsync(string deviceId, TalkerMinute minute, CancellationToken cancellationToken);

    /// <summary>The parts written for minutes at or after <paramref name="fromUnixMinute"/>, in no particular order.</summary>
    Task<TalkerMinute[]> ReadAsync(string deviceId, long fromUnixMinute, CancellationToken cancellationToken);
}
