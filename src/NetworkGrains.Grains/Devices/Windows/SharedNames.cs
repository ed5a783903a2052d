using System.Collections.Concurrent;

namespace NetworkGrains.Grains.Devices.Windows;

/// <summary>
/// Metric and instance names repeat across every device ("ifHCInOctets", "1"...): each series key shares one
/// string instead of holding a copy per device. Bounded, so arbitrary names cannot grow it without limit.
/// </summary>
public static class SharedNames
{
    private const int Capacity = 100_000;
    private static readonly ConcurrentDictionary<string, string> Names = new(StringComparer.Ordinal);

    public static string Intern(string name)
    {
        if (Names.TryGetValue(name, out var shared)) return shared;
        return Names.Count < Capacity ? Names.GetOrAdd(name, name) : name;
    }
}
