using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Protocols.Syslog;

namespace NetworkGrains.Grains.Devices.Syslog;

/// <summary>
/// A device's syslog message rates, as window series for the detectors (log storms): messages are counted per kind
/// (vendor facility and mnemonic, LINEPROTO-UPDOWN; else the severity, severity-err) in
/// <see cref="Interval"/>s; each interval that closes is one reading per kind seen in the last hour, in messages a
/// second (0 when none came, so a series is its rate over time, not only its bursts). At most
/// <see cref="MaxKinds"/> kinds a device (the rest count as "other"); a silence longer than
/// <see cref="MaxGap"/> intervals is filled with zeros for that long only.
/// </summary>
public sealed class SyslogRates
{
    public const string Metric = "syslogMessages";
    public const int MaxKinds = 64;
    public const int MaxGap = 30;
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private static readonly long KeepIntervals = (long)(TimeSpan.FromHours(1) / Interval);

    private readonly Dictionary<string, Kind> _kinds = new(StringComparer.Ordinal);
    private readonly Dictionary<(string?, string?, int), Kind> _byKey = []; // found without building the name per message
    private long _current = -1;

    public static string KindOf(SyslogEntry entry) => entry.Mnemonic is { } mnemonic
        ? entry.VendorFacility is { } facility ? $"{facility}-{mnemonic}" : mnemonic
        : $"severity-{SyslogPri.SeverityName(entry.Severity)}";

    /// <summary>Counts the messages; the readings of the intervals they closed are added to <paramref name="closed"/>.</summary>
    public void Count(IEnumerable<SyslogEntry> entries, List<Reading> closed)
    {
        foreach (var entry in entries)
        {
            var interval = IntervalOf(entry.ReceivedAt);
            if (interval > _current) CloseThrough(interval, closed);
            var key = (entry.VendorFacility, entry.Mnemonic, entry.Mnemonic is null ? entry.Severity : 0);
            if (!_byKey.TryGetValue(key, out var kind))
            {
                var name = _kinds.Count >= MaxKinds ? "other" : KindOf(entry);
                if (!_kinds.TryGetValue(name, out kind)) _kinds[name] = kind = new Kind();
                if (_byKey.Count < 4 * MaxKinds) _byKey[key] = kind;
            }
            kind.Count++;
            kind.LastSeen = _current;
        }
    }

    /// <summary>The readings of every interval that ended by <paramref name="now"/> (the device's flush asks, so quiet spells are zeros too).</summary>
    public List<Reading> Close(DateTimeOffset now)
    {
        var closed = new List<Reading>();
        if (_current >= 0) CloseThrough(IntervalOf(now), closed);
        return closed;
    }

    private void CloseThrough(long next, List<Reading> closed)
    {
        if (_current < 0 || next - _current > MaxGap) _current = Math.Max(_current, next - MaxGap);
        for (; _current < next; _current++)
        {
            var end = DateTimeOffset.FromUnixTimeMilliseconds((_current + 1) * (long)Interval.TotalMilliseconds);
            foreach (var (name, kind) in _kinds)
            {
                closed.Add(new Reading(Metric, name, end, kind.Count / Interval.TotalSeconds, MetricKind.Gauge));
                kind.Count = 0;
            }
            foreach (var stale in _kinds.Where(k => _current - k.Value.LastSeen > KeepIntervals).Select(k => k.Key).ToList())
            {
                _kinds.Remove(stale);
                _byKey.Clear();
            }
        }
    }

    private static long IntervalOf(DateTimeOffset time) => time.ToUnixTimeMilliseconds() / (long)Interval.TotalMilliseconds;

    private sealed class Kind
    {
        public int Count;
        public long LastSeen;
    }
}
