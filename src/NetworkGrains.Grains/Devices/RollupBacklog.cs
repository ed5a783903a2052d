using NetworkGrains.Grains.Devices.Windows;

namespace NetworkGrains.Grains.Devices;

/// <summary>
/// The rollups of minutes that left a device's window before a flush wrote them (a backfill older than the window,
/// or PostgreSQL failing for longer than the window), waiting for the next flush. Bounded: once it holds
/// <paramref name="capacity"/> rows, a leaving minute is refused and its readings are counted as not kept.
/// </summary>
public sealed class RollupBacklog(string deviceId, int capacity) : ILeavingMinutes
{
    private readonly List<RollupRow> _rows = [];

    /// <summary>Oldest first, as they were queued.</summary>
    public IReadOnlyList<RollupRow> Rows => _rows;

    /// <summary>Past half its capacity, the device writes the backlog before it takes another batch.</summary>
    public bool IsHalfFull => _rows.Count > 0 && _rows.Count >= capacity / 2;

    public int Leaving(SeriesKey key, Series series, long throughMinute)
    {
        var refused = 0;
        foreach (var (_, rollup) in MinuteRollups.Compute(series, series.RollupsWrittenThrough + 1, throughMinute + 1))
        {
            if (_rows.Count < capacity) _rows.Add(RollupRow.From(deviceId, key, rollup));
            else refused += rollup.Count;
        }
        series.RollupsWrittenThrough = throughMinute;
        return refused;
    }

    /// <summary>Drops the <paramref name="count"/> oldest rows, once they are stored.</summary>
    public void Written(int count) => _rows.RemoveRange(0, count);

    /// <summary>The queued rollups of one series whose minute starts in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public IEnumerable<RollupRow> Of(SeriesKey key, DateTimeOffset from, DateTimeOffset to) =>
        _rows.Where(r => r.Metric == key.Metric && r.Instance == key.Instance && r.Minute >= from && r.Minute < to);
}
