using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Grains.Devices.Polling;

namespace NetworkGrains.Grains.Tests;

/// <summary>
/// An agent stand-in: every poll answers an octet counter growing by 6,000 and the poll's count as CPU; every SET
/// is remembered and succeeds, and a GET answers what was last set (noSuchObject otherwise).
/// </summary>
public sealed class CannedPoller : IDeviceSnmp
{
    private long _polls;

    public List<(string Address, SnmpSetValue[] Values)> Sets { get; } = [];

    public Task<SnmpSetResult> SetAsync(string managementAddress, PollingProfile profile, SnmpSetValue[] values, CancellationToken cancellationToken)
    {
        lock (Sets) Sets.Add((managementAddress, values));
        return Task.FromResult(new SnmpSetResult(0, 0));
    }

    public Task<string[]> GetAsync(string managementAddress, PollingProfile profile, string[] oids, CancellationToken cancellationToken)
    {
        lock (Sets)
            return Task.FromResult(oids.Select(oid => Sets.Where(s => s.Address == managementAddress).SelectMany(s => s.Values)
                .LastOrDefault(v => v.Oid == oid)?.Value ?? "noSuchObject").ToArray());
    }

    public Task<Reading[]> PollAsync(string managementAddress, PollingProfile profile, CancellationToken cancellationToken)
    {
        var poll = Interlocked.Increment(ref _polls);
        var now = DateTimeOffset.UtcNow;
        return Task.FromResult<Reading[]>(
        [
            new Reading("ifHCInOctets", "1", now, poll * 6_000d, MetricKind.Counter64),
            new Reading("hrProcessorLoad", "1", now, poll, MetricKind.Gauge),
        ]);
    }
}
