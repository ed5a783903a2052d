using NetworkGrains.Grains.Devices.Windows;

namespace NetworkGrains.Grains.Devices;

/// <summary>
/// Chooses which minutes a device writes behind. A minute is closed once a later point of its series arrived or
/// the wall clock passed it by a minute. A final flush (deactivation) also writes the open minute, without
/// marking it written: if more points of that minute come later, it is written again and replaces the row.
/// The mark stops at the series' newest point: a later batch may still bring the minutes after it, which the
/// wall clock closed while they were empty. Minutes the window has partly evicted are behind the mark already:
/// the backlog took them whole before.
/// </summary>
public sealed class PendingRollups
{
    private readonly List<(Series Series, long WrittenThrough)> _marks = [];

    public List<RollupRow> Rows { get; } = [];

    public static PendingRollups Collect(string deviceId, DeviceWindows windows, DateTimeOffset now, bool includeOpenMinutes)
    {
        var pending = new PendingRollups();
        var nowMinute = MinuteRollups.FloorMinute(now.ToUnixTimeSeconds());
        foreach (var (key, series) in windows.All)
        {
            if (series.Count == 0) continue;

            var newestMinute = MinuteRollups.FloorMinute(series.LastSecond);
            var closedBefore = Math.Max(newestMinute, nowMinute - 1);
            var to = includeOpenMinutes ? newestMinute + 1 : closedBefore;

            foreach (var (_, r) in MinuteRollups.Compute(series, series.RollupsWrittenThrough + 1, to))
                pending.Rows.Add(RollupRow.From(deviceId, key, r));
            var writtenThrough = Math.Min(closedBefore - 1, newestMinute);
            if (writtenThrough > series.RollupsWrittenThrough) pending._marks.Add((series, writtenThrough));
        }
        return pending;
    }

    /// <summary>Records the closed minutes as written; call only after the rows are stored. True if any mark moved.</summary>
    public bool MarkWritten()
    {
        foreach (var (series, writtenThrough) in _marks) series.RollupsWrittenThrough = writtenThrough;
        return _marks.Count > 0;
    }
}
