using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Grains.Devices.Windows;
using NetworkGrains.ML.Detectors;

namespace NetworkGrains.Grains.Devices.Detection;

/// <summary>
/// The default detector on every series of one device: each stored point is scored from the series' past only;
/// a score at or above the threshold is a verdict. The detectors carry over activations as snapshots in the
/// device's state (<see cref="Snapshot"/>), restored when a series next sees a point; the newest verdicts
/// (<see cref="Verdicts"/>) carry over with them.
/// </summary>
public sealed class SeriesDetectors(double threshold, Dictionary<SeriesKey, byte[]>? saved, DetectorVerdict[]? savedVerdicts = null) : ISeriesObserver
{
    public const int MaxVerdicts = 100;

    private readonly Dictionary<SeriesKey, CompactRarityDetector> _detectors = [];
    private readonly Queue<DetectorVerdict> _verdicts = new((savedVerdicts ?? []).TakeLast(MaxVerdicts));
    private readonly List<DetectorVerdict> _untaken = [];
    private Dictionary<SeriesKey, byte[]>? _saved = saved;

    public bool Changed { get; private set; }

    public void Accepted(SeriesKey key, long unixSecond, double value)
    {
        if (!_detectors.TryGetValue(key, out var detector))
        {
            // The threshold also opens the detector's hold-off: only a score that raised a verdict damps the next ones.
            detector = _saved?.Remove(key, out var bytes) == true ? CompactRarityDetector.Restore(bytes, alarm: threshold) : new CompactRarityDetector(alarm: threshold);
            _detectors[key] = detector;
        }

        var timestamp = DateTimeOffset.FromUnixTimeSeconds(unixSecond);
        var score = detector.Score(timestamp.UtcDateTime, value);
        Changed = true;
        if (score < threshold) return;

        var expected = detector.LastExpected;
        Record(new DetectorVerdict(key.Metric, key.Instance.Length == 0 ? null : key.Instance, timestamp, value, score, threshold,
            CompactRarityDetector.Name, double.IsFinite(expected) ? expected : null));
    }

    /// <summary>Keeps a verdict among the device's newest (the series detectors' and the multivariate model's).</summary>
    public void Record(DetectorVerdict verdict)
    {
        _verdicts.Enqueue(verdict);
        if (_verdicts.Count > MaxVerdicts) _verdicts.Dequeue();
        _untaken.Add(verdict);
        Changed = true;
        NetworkGrainsMetrics.DetectorVerdicts.Add(1);
    }

    /// <summary>The verdicts recorded since the last call, for the device to raise as anomalies.</summary>
    public DetectorVerdict[] TakeNew()
    {
        if (_untaken.Count == 0) return [];
        var taken = _untaken.ToArray();
        _untaken.Clear();
        return taken;
    }

    /// <summary>The newest verdicts, newest first.</summary>
    public DetectorVerdict[] Newest(int count) => _verdicts.Reverse().Take(count).ToArray();

    /// <summary>The verdicts kept (at most <see cref="MaxVerdicts"/>), oldest first, for the state write.</summary>
    public DetectorVerdict[] Verdicts() => _verdicts.ToArray();

    /// <summary>Every detector's state (and the saved ones no point has woken yet), for the state write.</summary>
    public Dictionary<SeriesKey, byte[]> Snapshot()
    {
        var snapshot = _saved is null ? new Dictionary<SeriesKey, byte[]>() : new Dictionary<SeriesKey, byte[]>(_saved);
        foreach (var (key, detector) in _detectors) snapshot[key] = detector.Save();
        Changed = false;
        return snapshot;
    }
}
