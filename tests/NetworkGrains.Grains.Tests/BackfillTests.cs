using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Grains.Devices;
using NetworkGrains.Grains.Devices.Windows;

namespace NetworkGrains.Grains.Tests;

/// <summary>Batches older than the window: every minute reaches the rollups, or the result says how many readings did not.</summary>
public sealed class BackfillTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = T0.AddDays(2);
    private static readonly WindowOptions Options = new();

    /// <summary>A cpu gauge every <paramref name="everySeconds"/> from <paramref name="start"/>, its value the point's index.</summary>
    private static Reading[] Cpu(int count, int everySeconds = 60, DateTimeOffset? start = null) =>
        Enumerable.Range(0, count).Select(i => new Reading("cpu", null, (start ?? T0).AddSeconds(i * everySeconds), i, MetricKind.Gauge)).ToArray();

    /// <summary>What the backlog took, then what the next flush collects: the rows a durable sink receives, in order.</summary>
    private static List<RollupRow> Written(DeviceWindows windows, RollupBacklog backlog) =>
        [.. backlog.Rows, .. PendingRollups.Collect("r1", windows, Now, includeOpenMinutes: false).Rows];

    [Fact]
    public void A_backfill_of_1510_minutes_reaches_the_rollups_whole_through_the_backlog_and_the_next_flush()
    {
        var windows = new DeviceWindows();
        var backlog = new RollupBacklog("r1", capacity: 20_000);

        var result = windows.Ingest(Cpu(1_510), Options, Now, leaving: backlog);

        Assert.Equal(new IngestResult(1_510, 0, 0, 0), result);
        Assert.Equal(1_450, backlog.Rows.Count); // the window keeps the newest hour
        var rows = Written(windows, backlog);
        Assert.Equal(Enumerable.Range(0, 1_510).Select(i => T0.AddMinutes(i)), rows.Select(r => r.Minute));
        Assert.All(rows, r => Assert.Equal((1, (r.Minute - T0).TotalMinutes), (r.Count, r.Mean)));
    }

    [Fact]
    public void Minutes_the_window_splits_are_taken_whole_before_their_first_point_leaves()
    {
        var windows = new DeviceWindows();
        var backlog = new RollupBacklog("r1", capacity: 20_000);

        // Three points a minute, at :10, :30 and :50, for three hours: each eviction splits a minute.
        windows.Ingest(Cpu(540, everySeconds: 20, start: T0.AddSeconds(10)), Options, Now, leaving: backlog);

        var rows = Written(windows, backlog);
        Assert.Equal(180, rows.Count);
        Assert.Equal(180, rows.Select(r => r.Minute).Distinct().Count());
        Assert.All(rows, r => Assert.Equal((3, (r.Minute - T0).TotalMinutes * 3 + 1), (r.Count, r.Mean)));
    }

    [Fact]
    public void Minutes_after_a_series_newest_point_are_still_written_when_a_later_batch_brings_them()
    {
        var windows = new DeviceWindows();
        windows.Ingest(Cpu(30), Options, Now);
        PendingRollups.Collect("r1", windows, Now, includeOpenMinutes: false).MarkWritten();

        windows.Ingest(Cpu(30, start: T0.AddMinutes(30)), Options, Now);

        var second = PendingRollups.Collect("r1", windows, Now, includeOpenMinutes: false);
        Assert.Equal(Enumerable.Range(30, 30).Select(i => T0.AddMinutes(i)), second.Rows.Select(r => r.Minute));
    }

    [Fact]
    public void A_full_backlog_refuses_the_minutes_that_leave_and_counts_their_readings()
    {
        var windows = new DeviceWindows();
        var backlog = new RollupBacklog("r1", capacity: 1_000);

        var result = windows.Ingest(Cpu(1_510), Options, Now, leaving: backlog);

        Assert.Equal((1_510, 450, NotKeptReason.RollupBacklogFull), (result.Accepted, result.NotKept, result.NotKeptReason));
        Assert.Equal(T0.AddMinutes(999), backlog.Rows[^1].Minute); // minutes 1,000-1,449 were refused
        var collected = PendingRollups.Collect("r1", windows, Now, includeOpenMinutes: false).Rows;
        Assert.Equal(T0.AddMinutes(1_450), collected[0].Minute);
        Assert.Equal(1_510, backlog.Rows.Count + result.NotKept + collected.Count);
        Assert.True(backlog.IsHalfFull);

        backlog.Written(1_000);
        Assert.False(backlog.IsHalfFull);
    }

    [Fact]
    public void Live_readings_leave_no_backlog_once_their_minutes_were_written()
    {
        var windows = new DeviceWindows();
        var backlog = new RollupBacklog("r1", capacity: 20_000);
        for (var minute = 0; minute < 120; minute++)
        {
            var at = T0.AddMinutes(minute);
            windows.Ingest([new Reading("cpu", null, at, minute, MetricKind.Gauge)], Options, at, leaving: backlog);
            PendingRollups.Collect("r1", windows, at.AddSeconds(1), includeOpenMinutes: false).MarkWritten();
        }

        Assert.Empty(backlog.Rows);
        Assert.Equal(60, windows.Find("cpu", null)!.Count);
    }

    [Fact]
    public void Without_a_rollup_store_the_readings_a_backfill_pushes_out_of_the_window_are_not_kept_and_said_so()
    {
        var windows = new DeviceWindows();

        var backfill = windows.Ingest(Cpu(1_510), Options, Now);
        Assert.Equal(new IngestResult(1_510, 0, 0, 0, NotKept: 1_450, NotKeptReason: NotKeptReason.OlderThanWindow), backfill);
        Assert.Equal(60, windows.Find("cpu", null)!.Count);

        // The next minute evicts a point of the last batch: the window sliding, not a reading of this batch lost.
        var next = windows.Ingest(Cpu(1, start: T0.AddMinutes(1_510)), Options, Now);
        Assert.Equal(new IngestResult(1, 0, 0, 0), next);

        // Two hours more push out the 60 minutes held before them (not counted) and the first hour of their own.
        var twoHours = windows.Ingest(Cpu(120, start: T0.AddMinutes(1_511)), Options, Now);
        Assert.Equal((120, 60), (twoHours.Accepted, twoHours.NotKept));
    }

    [Fact]
    public void A_batch_is_taken_in_time_order_and_an_older_reading_in_a_later_batch_is_still_out_of_order()
    {
        var windows = new DeviceWindows();
        var observer = new Recorder();
        var shuffled = Cpu(50).OrderBy(r => r.Value % 7).ThenByDescending(r => r.Timestamp).ToArray();

        var result = windows.Ingest(shuffled, Options, Now, observer);

        Assert.Equal(new IngestResult(50, 0, 0, 0), result);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => T0.AddMinutes(i).ToUnixTimeSeconds()), observer.Seconds);
        var late = windows.Ingest(Cpu(1, start: T0.AddMinutes(20)), Options, Now, observer);
        Assert.Equal(new IngestResult(0, 1, 0, 0), late);
    }

    [Fact]
    public void EvictedThrough_names_the_newest_point_an_append_removes_by_time_or_by_size()
    {
        var random = new Random(11);
        var window = new SeriesWindow();
        long second = 1_000_000;
        for (var i = 0; i < 3_000; i++)
        {
            second += random.Next(4) == 0 ? 0 : random.Next(1, 150);
            var before = Enumerable.Range(0, window.Count).Select(j => window[j].Second).ToArray();
            var (after, through) = (second - random.Next(1_000), second - random.Next(1_000));
            Assert.Equal(before.Count(s => s > after && s <= through), window.CountBetween(after, through));
            var predicted = window.EvictedThrough(second, windowSeconds: 600, maxPoints: 8);

            window.Append(second, i, windowSeconds: 600, maxPoints: 8);

            var removed = before.Where(s => s < window.FirstSecond).ToArray();
            Assert.Equal(removed.Length == 0 ? long.MinValue : removed[^1], predicted);
        }
    }

    private sealed class Recorder : ISeriesObserver
    {
        public List<long> Seconds { get; } = [];
        public void Accepted(SeriesKey key, long unixSecond, double value) => Seconds.Add(unixSecond);
    }
}
