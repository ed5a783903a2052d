using NetworkGrains.Abstractions.Devices;

namespace NetworkGrains.Grains.Devices.Polling;

/// <summary>Polls one device (the silo's SNMP poller): one call, all the readings of that poll.</summary>
public interface IDevicePoller
{
    Task<Reading[]> PollAsync(string managementAddress, PollingProfile profile, CancellationToken cancellationToken);
}
