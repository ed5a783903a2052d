using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Grains.Devices.Windows;
using NetworkGrains.ML.Detectors;

namespace NetworkGrains.Grains.Devices.Detection;

/// <summary>
/// The default detector, inside its cold-start layer (<see cref="SeriesDetector"/>), on every series of one device:
/// each stored point is scored from the series' past only; a score at or above the threshold is a verdict. The
/// detectors carry over activations as snapshots in the device's state (<see cref="Snapshot"/>), restored when a
/// series next sees a point (one of another format starts afresh, and <c>olderFormat</c> hears of it); the newest
/// verdicts (<see cref="Verdicts"/>) carry over with them.
/// </summary>
public sealed class SeriesDetectors(double threshold, Dictionary<SeriesKey, byte[]>? saved, DetectorVerdict[]? savedVerdicts = null,
    Action<string>? olderFormat = null) : ISeriesObserver
{
    public const int MaxVerdicts = 100;

    private readonly Dictionary<SeriesKey, SeriesDetector> _detectors = [];
    private readonly Queue<DetectorVerdict> _verdicts = new((savedVerdicts ?? []).TakeLast(MaxVerdicts));
    private readonly List<DetectorVerdict> _untaken = [];
    private readonly Dictionary<SeriesKey, byte[]>? _saved = saved;

    public bool Changed { get; private set; }

    /// <summary>The series' detectors woken so far (a saved one wakes with its series' next point).</summary>
    public IReadOnlyDictionary<SeriesKey, SeriesDetector> All => _detectors;

    public void Accepted(SeriesKey key, long unixSecond, double value)
    {
        if (!_detectors.TryGetValue(key, out var detector)) _detectors[key] = detector = Wake(key);
        Changed = true;
        if (!ColdStartLayer.IsMeasurement(value)) NetworkGrainsMetrics.DetectorValuesSkipped.Add(1);
        if (detector.Score(key, DateTimeOffset.FromUnixTimeSeconds(unixSecond), value) is { } verdict) Record(verdict);
    }

    private SeriesDetector Wake(SeriesKey key)
    {
        if (_saved is null || !_saved.Remove(key, out var bytes)) return new SeriesDetector(threshold);
        if (SeriesDetector.Restore(bytes, threshold, out var savedFormat) is { } restored) return restored;
        olderFormat?.Invoke(savedFormat!);
        return new SeriesDetector(threshold);
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
