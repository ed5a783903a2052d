using System.Collections.Concurrent;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Grains.Devices.Polling;

namespace NetworkGrains.Grains.Tests;

/// <summary>
/// An agent stand-in: every poll answers an octet counter growing by 6,000 and the poll's count as CPU; every SET
/// is remembered and succeeds, and a GET answers what was last set (noSuchObject otherwise). An address can be held
/// silent: its polls wait, as for an agent that does not answer, until the test lets them.
/// </summary>
public sealed class CannedPoller : IDeviceSnmp
{
    private readonly ConcurrentDictionary<string, SilentAgent> _silent = new();
    private long _polls;

    /// <summary>A poll of the address has begun to wait (<see cref="Waiting"/>) and goes on when <see cref="Answer"/> is called.</summary>
    public sealed class SilentAgent
    {
        private readonly TaskCompletionSource _waiting = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Waiting => _waiting.Task;

        public void Answer() => _answer.TrySetResult();

        internal async Task WaitAsync(CancellationToken cancellationToken)
        {
            _waiting.TrySetResult();
            await _answer.Task.WaitAsync(cancellationToken);
        }
    }

    public SilentAgent Silence(string managementAddress) => _silent[managementAddress] = new SilentAgent();

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

    public async Task<Reading[]> PollAsync(string managementAddress, PollingProfile profile, CancellationToken cancellationToken)
    {
        if (_silent.TryGetValue(managementAddress, out var agent)) await agent.WaitAsync(cancellationToken);
        var poll = Interlocked.Increment(ref _polls);
        var now = DateTimeOffset.UtcNow;
        return
        [
            new Reading("ifHCInOctets", "1", now, poll * 6_000d, MetricKind.Counter64),
            new Reading("hrProcessorLoad", "1", now, poll, MetricKind.Gauge),
        ];
    }
}
