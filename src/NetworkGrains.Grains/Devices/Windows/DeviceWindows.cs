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

    /// <summary>Takes a batch in; <paramref name="observer"/> sees each point that was stored (rates, not raw counters).</summary>
    public IngestResult Ingest(ReadOnlySpan<Reading> readings, WindowOptions options, DateTimeOffset now, ISeriesObserver? observer = null)
    {
        int accepted = 0, outOfOrder = 0, invalid = 0, discontinuities = 0;
        if (SysUpTimeWentBack(readings))
        {
            foreach (var series in _series.Values) series.ForgetCounterBaseline();
        }

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
        return new IngestResult(accepted, outOfOrder, invalid, discontinuities);
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
