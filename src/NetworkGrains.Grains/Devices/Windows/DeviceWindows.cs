using NetworkGrains.Abstractions.Devices;

namespace NetworkGrains.Grains.Devices.Windows;

/// <summary>
/// All series of one device and the rules for taking a batch into them: counters become rates, a sysUpTime that
/// goes back resets every counter's baseline, out-of-order and invalid readings are counted, not stored.
/// </summary>
[GenerateSerializer, Alias("ng.device-windows.v1")]
public sealed class DeviceWindows
{
    public const string SysUpTimeMetric = "sysUpTime";

    [Id(0)] private readonly Dictionary<SeriesKey, Series> _series = [];
    [Id(1)] private double _lastSysUpTime = double.NaN;

    public int SeriesCount => _series.Count;
    public IEnumerable<KeyValuePair<SeriesKey, Series>> All => _series;

    public Series? Find(string metric, string? instance) =>
        _series.GetValueOrDefault(new SeriesKey(metric, instance ?? ""));

    /// <summary>
    /// Takes a batch in, in time order (a batch that is not is sorted first, readings of one second kept in their
    /// order): <paramref name="observer"/> sees each point stored (rates, not raw counters). Minutes that the batch
    /// pushes out of a window before they were written behind go to <paramref name="leaving"/>; with none (no rollup
    /// store), the batch's own points that leave the window within it are counted as not kept.
    /// </summary>
    public IngestResult Ingest(
        ReadOnlySpan<Reading> readings, WindowOptions options, DateTimeOffset now, ISeriesObserver? observer = null, ILeavingMinutes? leaving = null)
    {
        int accepted = 0, outOfOrder = 0, invalid = 0, discontinuities = 0, notKept = 0;
        if (!InTimeOrder(readings)) readings = readings.ToArray().OrderBy(r => r.Timestamp).ToArray();
        if (SysUpTimeWentBack(readings))
        {
            foreach (var series in _series.Values) series.ForgetCounterBaseline();
        }
        var batchStarts = leaving is null && MayPushOutItsOwnPoints(readings, options) ? new Dictionary<SeriesKey, long>() : null;

        var latestAllowed = now + options.MaxFutureSkew;
        foreach (ref readonly var reading in readings)
        {
            if (!IsValid(reading, latestAllowed)) { invalid++; continue; }
            var series = GetOrCreate(reading, options, out var key);
            if (series is null) { invalid++; continue; }

            var value = reading.Value;
            if (reading.Kind != MetricKind.Gauge)
            {
                var step = series.AdvanceCounter(value, reading.Timestamp.UtcTicks, options.Window);
                if (step.Kind == CounterStepKind.OutOfOrder) { outOfOrder++; continue; }
                if (step.Kind == CounterStepKind.Discontinuity) { discontinuities++; continue; }
                value = step.Rate;
                if (!ReadingRules.IsStorable(value)) { invalid++; continue; }
            }

            var second = reading.Timestamp.ToUnixTimeSeconds();
            if (leaving is not null) notKept += Leave(key, series, second, options, leaving);
            else if (batchStarts is not null) notKept += PushedOut(key, series, second, options, batchStarts);
            if (series.Append(second, value, options.WindowSeconds, options.MaxPointsPerSeries))
            {
                accepted++;
                observer?.Accepted(key, second, value);
            }
            else
            {
                outOfOrder++;
            }
        }
        NotKeptReason? reason = notKept == 0 ? null : leaving is null ? NotKeptReason.OlderThanWindow : NotKeptReason.RollupBacklogFull;
        return new IngestResult(accepted, outOfOrder, invalid, discontinuities, NotKept: notKept, NotKeptReason: reason);
    }

    private static bool InTimeOrder(ReadOnlySpan<Reading> readings)
    {
        for (var i = 1; i < readings.Length; i++)
        {
            if (readings[i].Timestamp < readings[i - 1].Timestamp) return false;
        }
        return true;
    }

    /// <summary>A batch pushes out points of its own only if it spans the window or holds more points than a series keeps.</summary>
    private static bool MayPushOutItsOwnPoints(ReadOnlySpan<Reading> readings, WindowOptions options) =>
        readings.Length > options.MaxPointsPerSeries
        || (readings.Length > 0 && readings[^1].Timestamp.ToUnixTimeSeconds() - readings[0].Timestamp.ToUnixTimeSeconds() >= options.WindowSeconds);

    /// <summary>Hands the minutes a point at <paramref name="second"/> pushes out, if not yet written, to <paramref name="leaving"/>.</summary>
    private static int Leave(SeriesKey key, Series series, long second, WindowOptions options, ILeavingMinutes leaving)
    {
        var evicted = series.EvictedThrough(second, options.WindowSeconds, options.MaxPointsPerSeries);
        if (evicted == long.MinValue) return 0;
        var minute = MinuteRollups.FloorMinute(evicted);
        return minute > series.RollupsWrittenThrough ? leaving.Leaving(key, series, minute) : 0;
    }

    /// <summary>How many of this batch's points (those after the series' newest before it) a point at <paramref name="second"/> pushes out.</summary>
    private static int PushedOut(SeriesKey key, Series series, long second, WindowOptions options, Dictionary<SeriesKey, long> batchStarts)
    {
        if (!batchStarts.TryGetValue(key, out var batchStart)) batchStarts[key] = batchStart = series.LastSecond;
        var evicted = series.EvictedThrough(second, options.WindowSeconds, options.MaxPointsPerSeries);
        return evicted == long.MinValue ? 0 : series.CountBetween(batchStart, evicted);
    }

    private bool SysUpTimeWentBack(ReadOnlySpan<Reading> readings)
    {
        foreach (ref readonly var reading in readings)
        {
            if (reading.Metric != SysUpTimeMetric || !double.IsFinite(reading.Value)) continue;
            var wentBack = reading.Value < _lastSysUpTime;
            _lastSysUpTime = reading.Value;
            return wentBack;
        }
        return false;
    }

    private static bool IsValid(in Reading reading, DateTimeOffset latestAllowed) =>
        double.IsFinite(reading.Value)
        && (reading.Kind != MetricKind.Gauge || ReadingRules.IsStorable(reading.Value))
        && reading.Timestamp <= latestAllowed
        && reading.Timestamp >= ReadingRules.Earliest
        && ReadingRules.IsValidCounterValue(reading.Kind, reading.Value);

    /// <summary>Names are checked only when a series is created: a key already in the map was valid then.</summary>
    private Series? GetOrCreate(in Reading reading, WindowOptions options, out SeriesKey key)
    {
        key = new SeriesKey(reading.Metric, reading.Instance ?? "");
        if (_series.TryGetValue(key, out var series))
            return series.Kind == reading.Kind ? series : null;
        if (_series.Count >= options.MaxSeriesPerDevice) return null;
        if (!ReadingRules.IsValidName(key.Metric) || !ReadingRules.IsValidInstance(key.Instance)) return null;

        series = new Series(reading.Kind);
        key = new SeriesKey(SharedNames.Intern(key.Metric), SharedNames.Intern(key.Instance));
        _series.Add(key, series);
        return series;
    }
}
