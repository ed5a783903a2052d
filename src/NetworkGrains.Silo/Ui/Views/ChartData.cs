using NetworkGrains.Abstractions.Devices;

namespace NetworkGrains.Silo.Ui.Views;

/// <summary>A verdict on a chart: when, the value, what the detector expected and scored.</summary>
public sealed record ChartMark(DateTimeOffset At, double Value, string Text)
{
    public static ChartMark Of(DetectorVerdict v) =>
        new(v.Timestamp, v.Value, $"{v.Detector}: score {v.Score:0.##} over {v.Threshold:0.##}" + (v.Expected is { } e ? $", expected {e:0.##}" : ""));
}

/// <summary>An anomaly on a chart: the span from first to last seen.</summary>
public sealed record ChartSpan(DateTimeOffset From, DateTimeOffset To, string Severity, string Text);

/// <summary>
/// One series as console.js draws it with plotly.js: the values over time (at most <see cref="MaxPoints"/>: longer
/// ranges are averaged into buckets, with each bucket's min and max kept as <see cref="Low"/>/<see cref="High"/>), the
/// expected band, the verdicts and the anomalies.
/// </summary>
public sealed record ChartData(
    string Title, DateTimeOffset From, DateTimeOffset To, DateTimeOffset[] X, double[] Y, double[]? Low, double[]? High,
    double? BandLow, double? BandHigh, ChartMark[] Verdicts, ChartSpan[] Anomalies)
{
    public const int MaxPoints = 720;

    /// <summary>What the series' window expects: its mean ± 3σ (null until it has both).</summary>
    public static (double Low, double High)? Band(SeriesSummary series) =>
        series is { Mean: { } mean, StdDev: { } sd } ? (mean - 3 * sd, mean + 3 * sd) : null;

    /// <summary>The chart of <paramref name="series"/> over [from, to] with the band, verdicts and anomalies marked.</summary>
    public static ChartData Of(SeriesSummary series, DateTimeOffset from, DateTimeOffset to,
        (DateTimeOffset[] X, double[] Y, double[]? Low, double[]? High) points, IEnumerable<DetectorVerdict> verdicts, IEnumerable<ChartSpan> anomalies)
    {
        var band = Band(series);
        var marks = verdicts.Where(v => v.Metric == series.Metric && v.Instance == series.Instance && v.Timestamp >= from && v.Timestamp <= to).Select(ChartMark.Of);
        var name = ConsoleLinks.Series(series.Metric, series.Instance);
        return new ChartData(name, from, to, points.X, points.Y, points.Low, points.High, band?.Low, band?.High, [.. marks], [.. anomalies]);
    }

    /// <summary>Points as (time, mean, min, max), bucketed down to <see cref="MaxPoints"/> over [from, to].</summary>
    public static (DateTimeOffset[] X, double[] Y, double[]? Low, double[]? High) Bucket(
        IReadOnlyList<(DateTimeOffset At, double Mean, double Min, double Max, int Count)> points, DateTimeOffset from, DateTimeOffset to, bool keepRange)
    {
        if (points.Count <= MaxPoints)
            return ([.. points.Select(p => p.At)], [.. points.Select(p => p.Mean)], keepRange ? [.. points.Select(p => p.Min)] : null, keepRange ? [.. points.Select(p => p.Max)] : null);
        var width = Math.Max(1, (to - from).Ticks / MaxPoints);
        var buckets = points.GroupBy(p => (p.At - from).Ticks / width).OrderBy(g => g.Key).ToArray();
        return ([.. buckets.Select(b => from + TimeSpan.FromTicks(b.Key * width))],
            [.. buckets.Select(b => b.Sum(p => p.Mean * Math.Max(1, p.Count)) / b.Sum(p => Math.Max(1, p.Count)))],
            [.. buckets.Select(b => b.Min(p => p.Min))],
            [.. buckets.Select(b => b.Max(p => p.Max))]);
    }

    public static (DateTimeOffset[] X, double[] Y, double[]? Low, double[]? High) FromRaw(TelemetryPoint[] points, DateTimeOffset from, DateTimeOffset to) =>
        Bucket([.. points.Select(p => (p.Timestamp, p.Value, p.Value, p.Value, 1))], from, to, keepRange: false);

    public static (DateTimeOffset[] X, double[] Y, double[]? Low, double[]? High) FromRollups(RollupPoint[] rollups, DateTimeOffset from, DateTimeOffset to) =>
        Bucket([.. rollups.Select(r => (r.Minute, r.Mean, r.Min, r.Max, r.Count))], from, to, keepRange: true);
}
