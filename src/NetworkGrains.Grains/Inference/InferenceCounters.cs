using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace NetworkGrains.Grains.Inference;

/// <summary>
/// Per-version inference counters, cheap enough for every call (Interlocked adds on a per-version object, which
/// workers keep a reference to); /metrics reads them as ng_inference_rows, ng_inference_runs and
/// ng_inference_run_seconds (sum) with model and version tags: rate(seconds)/rate(runs) is the mean run time.
/// </summary>
public static class InferenceCounters
{
    private static readonly ConcurrentDictionary<(string Model, int Version), Counts> All = new();

    static InferenceCounters()
    {
        NetworkGrainsMetrics.Meter.CreateObservableCounter("ng_inference_rows", () => Observe(c => c.Rows), description: "Rows scored by the inference pool, by model and version");
        NetworkGrainsMetrics.Meter.CreateObservableCounter("ng_inference_runs", () => Observe(c => c.Runs), description: "ONNX Runtime runs (batches), by model and version");
        NetworkGrainsMetrics.Meter.CreateObservableCounter("ng_inference_run_seconds", () => Observe(c => c.Seconds), unit: "s",
            description: "Time spent in ONNX Runtime runs, by model and version");
    }

    public static Counts For(string model, int version) => All.GetOrAdd((model, version), _ => new Counts());

    private static IEnumerable<Measurement<T>> Observe<T>(Func<Counts, T> value) where T : struct =>
        All.Select(entry => new Measurement<T>(value(entry.Value), new("model", entry.Key.Model), new("version", entry.Key.Version)));

    public sealed class Counts
    {
        private long _rows;
        private long _runs;
        private long _ticks;

        public long Rows => Interlocked.Read(ref _rows);
        public long Runs => Interlocked.Read(ref _runs);
        public double Seconds => TimeSpan.FromTicks(Interlocked.Read(ref _ticks)).TotalSeconds;

        public void Add(int rows, TimeSpan elapsed)
        {
            Interlocked.Add(ref _rows, rows);
            Interlocked.Increment(ref _runs);
            Interlocked.Add(ref _ticks, elapsed.Ticks);
        }
    }
}
