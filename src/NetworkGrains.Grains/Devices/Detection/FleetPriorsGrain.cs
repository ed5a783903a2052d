using NetworkGrains.ML.Detectors;

namespace NetworkGrains.Grains.Devices.Detection;

/// <summary>One series' median and robust scale (from a device), or a metric's pooled over its peers (instance null).</summary>
[GenerateSerializer, Immutable, Alias("ng.series-prior.v1")]
public sealed record SeriesPrior(
    [property: Id(0)] string Metric,
    [property: Id(1)] string? Instance,
    [property: Id(2)] double Median,
    [property: Id(3)] double Scale);

/// <summary>
/// The priors of one peer group (the devices of one role, key <see cref="FleetPriors.GroupOf"/>): devices report
/// their series' summaries, and a device with young series asks for its peers' pooled ones (<see cref="PeerPrior.Pool"/>).
/// </summary>
[Alias("ng.fleet-priors")]
public interface IFleetPriorsGrain : IGrainWithStringKey
{
    [Alias("report")]
    Task Report(string deviceId, SeriesPrior[] summaries);

    /// <summary>The pooled prior of each of the metrics that enough peers' series have reported.</summary>
    [Alias("get")]
    Task<SeriesPrior[]> Get(string[] metrics);
}

/// <summary>
/// Keeps, per metric, the newest summary of each reporting series (at most <see cref="MaxSeriesPerMetric"/> series
/// and <see cref="MaxMetrics"/> metrics: beyond, new ones are not kept). In memory, kept alive: after a restart the
/// group fills again as series report (each at 3 and 32 points learnt, then every 1,024).
/// </summary>
[KeepAlive]
public sealed class FleetPriorsGrain : Grain, IFleetPriorsGrain
{
    public const int MaxSeriesPerMetric = 256;
    public const int MaxMetrics = 1_024;

    private readonly Dictionary<string, Dictionary<string, PeerPrior>> _metrics = new(StringComparer.Ordinal);

    public Task Report(string deviceId, SeriesPrior[] summaries)
    {
        foreach (var summary in summaries)
        {
            if (!_metrics.TryGetValue(summary.Metric, out var series))
            {
                if (_metrics.Count >= MaxMetrics) continue;
                _metrics[summary.Metric] = series = new Dictionary<string, PeerPrior>(StringComparer.Ordinal);
            }
            var key = $"{deviceId}|{summary.Instance}";
            if (series.Count < MaxSeriesPerMetric || series.ContainsKey(key)) series[key] = new PeerPrior(summary.Median, summary.Scale);
        }
        return Task.CompletedTask;
    }

    public Task<SeriesPrior[]> Get(string[] metrics) => Task.FromResult(metrics
        .Select(metric => _metrics.TryGetValue(metric, out var series) && PeerPrior.Pool(series.Values) is { } prior
            ? new SeriesPrior(metric, null, prior.Median, prior.Scale)
            : null)
        .OfType<SeriesPrior>()
        .ToArray());
}
