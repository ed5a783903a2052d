namespace NetworkGrains.Protocols.Tests;

/// <summary>The captured datagrams in Vectors/snmp-traps.hex, by name.</summary>
public static class SnmpVectors
{
    public static readonly IReadOnlyDictionary<string, byte[]> All = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Vectors", "snmp-traps.hex"))
        .Where(line => line.Length > 0)
        .Select(line => line.Split(' '))
        .ToDictionary(parts => parts[0], parts => Convert.FromHexString(parts[1]));

    public static byte[] Get(string name) => All[name];

    public static IEnumerable<object[]> Names(Func<string, bool> filter) => All.Keys.Where(filter).Select(name => new object[] { name });
}
