using NetworkGrains.Abstractions.Devices;

namespace NetworkGrains.Grains.Devices.Traps;

/// <summary>
/// Where the traps a device received are kept outside its grain: every one in snmp_trap (Postgres profile), the
/// newest per device in memory (default profile). A device grain keeps its newest traps in memory only and reads
/// the older ones back from here when first asked, so its state writes never carry a trap log.
/// </summary>
public interface ITrapLog
{
    /// <summary>Whether what is appended outlives the process (snmp_trap), so that <c>written</c> means durable.</summary>
    bool Durable { get; }

    /// <summary>
    /// Queues a device's traps (oldest first) for keeping; false when the queue is full (the caller counts the drop).
    /// <paramref name="written"/> is set once they are kept (committed to snmp_trap; at once in memory), never when false.
    /// </summary>
    bool TryAppend(string deviceId, IReadOnlyList<TrapEvent> traps, TaskCompletionSource? written = null);

    /// <summary>The newest <paramref name="count"/> traps received before <paramref name="before"/>, oldest first.</summary>
    Task<TrapEvent[]> ReadRecentAsync(string deviceId, int count, DateTimeOffset before, CancellationToken cancellationToken);
}
