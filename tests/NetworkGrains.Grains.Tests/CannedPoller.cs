using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Grains.Devices.Polling;

namespace NetworkGrains.Grains.Tests;

/// <summary>A poller that answers every poll with an octet counter growing by 6,000 and the poll's count as CPU.</summary>
public sealed class CannedPoller : IDevicePoller
{
    private long _polls;

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
