using NetworkGrains.Abstractions.Devices;

namespace NetworkGrains.Silo.Snmp;

/// <summary>Where every trap is kept beyond the device's newest 1,000: the snmp_trap table in the Postgres profile.</summary>
public interface ITrapStore
{
    /// <summary>Queues the trap for writing; false when the queue is full (the caller counts the drop).</summary>
    bool TryStore(string deviceId, TrapEvent trap);
}

public sealed class NoTrapStore : ITrapStore
{
    public bool TryStore(string deviceId, TrapEvent trap) => true;
}
