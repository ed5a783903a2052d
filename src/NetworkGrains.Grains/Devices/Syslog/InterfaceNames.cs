using NetworkGrains.Abstractions.Devices;

namespace NetworkGrains.Grains.Devices.Syslog;

/// <summary>
/// A device's interface names by ifIndex, learnt from its linkDown/linkUp traps (ifDescr, ifName), so that a syslog
/// message naming an interface (GigabitEthernet0/1) lands on the same series as the trap and the polls (ifIndex 1).
/// A name the device has not taught stays a name; a number is an ifIndex already.
/// </summary>
public sealed class InterfaceNames
{
    private const int MaxNames = 4_096;
    private static readonly string[] NameOids = ["1.3.6.1.2.1.2.2.1.2.", "1.3.6.1.2.1.31.1.1.1.1."];
    private readonly Dictionary<string, string> _ifIndexByName = new(StringComparer.OrdinalIgnoreCase);

    public void Learn(IEnumerable<TrapEvent> traps)
    {
        foreach (var varBind in traps.SelectMany(t => t.VarBinds))
        {
            if (NameOids.FirstOrDefault(p => varBind.Oid.StartsWith(p, StringComparison.Ordinal)) is not { } prefix || varBind.Value.Length == 0) continue;
            if (_ifIndexByName.Count >= MaxNames && !_ifIndexByName.ContainsKey(varBind.Value)) continue;
            _ifIndexByName[varBind.Value] = varBind.Oid[prefix.Length..];
        }
    }

    /// <summary>The instance an interface event is on: its ifIndex when known, else the name as sent.</summary>
    public string? Resolve(string? name) => name is null ? null : _ifIndexByName.GetValueOrDefault(name, name);
}
