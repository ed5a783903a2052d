namespace NetworkGrains.Abstractions.Devices;

/// <summary>
/// How a device is polled: SNMP version, the name of a configured credential (a community for v1/v2c, a USM user
/// for v3; never the secret itself), the agent's UDP port, the interval and the OID sets
/// (<see cref="PollingSets"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("ng.polling-profile.v1")]
public sealed record PollingProfile(
    [property: Id(0)] string Version,
    [property: Id(1)] string Credential,
    [property: Id(2)] int Port,
    [property: Id(3)] TimeSpan Interval,
    [property: Id(4)] string[] OidSets);

public static class PollingSets
{
    public const string System = "system";
    public const string Interfaces = "interfaces";
    public const string HostResources = "host-resources";

    public static readonly string[] All = [System, Interfaces, HostResources];
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(60);
}
