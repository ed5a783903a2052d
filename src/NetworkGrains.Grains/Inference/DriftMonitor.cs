using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using NetworkGrains.ML.Drift;
using NetworkGrains.ML.OnnxModels;
using NetworkGrains.ML.Training;

namespace NetworkGrains.Grains.Inference;

/// <summary>
/// Watches the rows each version scores in this silo against the training distribution in its card: a sample of
/// each call (at most <see cref="SampledRowsPerCall"/> rows) is binned; every <see cref="WindowRows"/> rows the PSI
/// per feature is computed (and exported as ng_model_drift_psi), and a drifted window is returned for reporting.
/// </summary>
public sealed class DriftMonitor
{
    public const int SampledRowsPerCall = 2;
    public const int WindowRows = 500;

    private readonly ConcurrentDictionary<(string Model, int Version), PopulationStability?> _trackers = new();
    private readonly ConcurrentDictionary<(string Model, int Version, string Feature), double> _latest = new();

    public DriftMonitor()
    {
        NetworkGrainsMetrics.Meter.CreateObservableGauge("ng_model_drift_psi", () => _latest.Select(entry =>
            new Measurement<double>(entry.Value, new("model", entry.Key.Model), new("version", entry.Key.Version), new("feature", entry.Key.Feature))),
            description: "Population stability index of the last window of live rows against the training distribution, by model, version and feature");
    }

    /// <summary>The PSI per feature when this call completed a window that drifted (any feature above 0.1), else null.</summary>
    public Dictionary<string, double>? Observe(string model, int version, ModelCard card, float[] rows, int rowCount)
    {
        if (!_trackers.TryGetValue((model, version), out var tracker)) // no closure to allocate on the hot path
        {
            tracker = _trackers.GetOrAdd((model, version), _ =>
                FeatureDistribution.FromJson(card.Parameter(ModelTraining.DistributionParameter)) is { } training && training.Features.Length == card.Features.Count
                    ? new PopulationStability(training)
                    : null);
        }
        if (tracker is null) return null;

        var features = card.Features.Count;
        var step = Math.Max(1, rowCount / SampledRowsPerCall);
        lock (tracker)
        {
            for (var row = 0; row < rowCount; row += step) tracker.Add(rows.AsSpan(row * features, features));
            if (tracker.Rows < WindowRows) return null;
            var psi = tracker.Compute();
            tracker.Reset();
            foreach (var (feature, value) in psi) _latest[(model, version, feature)] = value;
            return psi.Values.Any(v => v > PopulationStability.DriftThreshold) ? psi : null;
        }
    }
}
