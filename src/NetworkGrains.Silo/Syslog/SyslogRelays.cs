using System.Net;

namespace NetworkGrains.Silo.Syslog;

/// <summary>
/// The sources whose messages may name the device they are from by hostname (Syslog:Relays, and the silo's own
/// host unless Syslog:LoopbackIsRelay is false). Any other sender could claim any hostname, so its messages go to
/// the device its source address is.
/// </summary>
public sealed class SyslogRelays
{
    private readonly IPNetwork[] _networks;

    public SyslogRelays(SyslogOptions options)
    {
        var configured = options.Relays.Select(relay => TryParse(relay, out var network) ? network
            : throw new InvalidOperationException($"Syslog:Relays: '{relay}' is not an address or a network"));
        _networks = [.. configured, .. options.LoopbackIsRelay ? new[] { new IPNetwork(IPAddress.Loopback, 32), new IPNetwork(IPAddress.IPv6Loopback, 128) } : []];
    }

    public bool Trusts(IPAddress source)
    {
        var address = source.IsIPv4MappedToIPv6 ? source.MapToIPv4() : source;
        foreach (var network in _networks)
            if (network.Contains(address)) return true;
        return false;
    }

    /// <summary>An address (a network of one) or a network in CIDR notation.</summary>
    public static bool TryParse(string relay, out IPNetwork network)
    {
        if (IPAddress.TryParse(relay, out var address))
        {
            network = new IPNetwork(address, address.GetAddressBytes().Length * 8);
            return true;
        }
        return IPNetwork.TryParse(relay, out network);
    }
}
