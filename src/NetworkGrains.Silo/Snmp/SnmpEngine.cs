using System.Text;

namespace NetworkGrains.Silo.Snmp;

/// <summary>
/// This silo as an authoritative SNMP engine (for informs). Boots must grow at every restart: it is the number
/// of minutes since 2020, so it grows without being stored (two restarts within one minute share a value).
/// </summary>
public sealed class SnmpEngine(byte[] engineId, TimeProvider clock)
{
    private static readonly DateTimeOffset Epoch = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly DateTimeOffset _started = clock.GetUtcNow();

    public byte[] EngineId { get; } = engineId;
    public int Boots { get; } = (int)(clock.GetUtcNow() - Epoch).TotalMinutes;
    public int Time => (int)(clock.GetUtcNow() - _started).TotalSeconds;

    /// <summary>80 00 1F 88 04 + text (RFC 3411 format 4), from configuration or from the host name.</summary>
    public static byte[] EngineIdFrom(string? configured) => configured is { Length: > 0 }
        ? Convert.FromHexString(configured.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? configured[2..] : configured)
        : [0x80, 0x00, 0x1F, 0x88, 0x04, .. Encoding.ASCII.GetBytes($"ng-{Environment.MachineName}")[..Math.Min(27, Environment.MachineName.Length + 3)]];
}
