using NetworkGrains.Abstractions.Devices;

namespace NetworkGrains.Grains.Devices.Polling;

/// <summary>SNMP towards a device (the silo's manager), with the credential its polling profile names.</summary>
public interface IDeviceSnmp
{
    /// <summary>One poll: all the readings it produced.</summary>
    Task<Reading[]> PollAsync(string managementAddress, PollingProfile profile, CancellationToken cancellationToken);

    /// <summary>An SNMP GET: each OID's value as text (numbers in decimal, strings as text, or noSuchObject/noSuchInstance).</summary>
    Task<string[]> GetAsync(string managementAddress, PollingProfile profile, string[] oids, CancellationToken cancellationToken);

    Task<SnmpSetResult> SetAsync(string managementAddress, PollingProfile profile, SnmpSetValue[] values, CancellationToken cancellationToken);
}
