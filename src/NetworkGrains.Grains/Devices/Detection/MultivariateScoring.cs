using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Abstractions.Models;
using NetworkGrains.Grains.Devices.Windows;

namespace NetworkGrains.Grains.Devices.Detection;

/// <summary>
/// The device's multivariate model (Devices:MultivariateModel): once per interval of data (Devices:MultivariateInterval,
/// a minute unless set), the latest values of the
/// model's features go to the inference pool as one row; a score at or above the version's threshold is a verdict
/// on the metric "model:&lt;name&gt;" ("threat:&lt;name&gt;" for a security threat model, so the anomaly is a security
/// threat). The feature names come from the production version, looked up again hourly.
/// </summary>
public sealed class MultivariateScoring(string model, TimeSpan interval, IGrainFactory grains, TimeProvider clock)
{
    private static readonly TimeSpan FeaturesRefresh = TimeSpan.FromHours(1);
    private string[]? _features;
    private string _metric = "model:" + model;
    private DateTimeOffset _featuresFetched;
    private readonly long _intervalSeconds = Math.Max(1, (long)interval.TotalSeconds);
    private long _lastScoredInterval = long.MinValue;

    /// <summary>True when the newest data reached an interval not scored yet (then <see cref="ScoreAsync"/> is due).</summary>
    public bool IsDue(long newestSecond) => newestSecond / _intervalSeconds > _lastScoredInterval;

    public async Task<DetectorVerdict?> ScoreAsync(string deviceId, DeviceWindows windows, long newestSecond)
    {
        _lastScoredInterval = newestSecond / _intervalSeconds;
        var features = await Features();
        if (features is null || WindowFeatures.Row(windows, features, newestSecond - 120, newestSecond) is not { } row) return null;

        var result = await grains.GetGrain<IInferenceGrain>(0).Score(new ScoreRequest(model, null, deviceId, row.Length, row));
        var score = result.Scores[0];
        return score < result.Threshold ? null
            : new DetectorVerdict(_metric, null, DateTimeOffset.FromUnixTimeSeconds(newestSecond), score, score, result.Threshold, $"{model} v{result.Version}");
    }

    private async Task<string[]?> Features()
    {
        if (_features is not null && clock.GetUtcNow() - _featuresFetched < FeaturesRefresh) return _features;
        var summary = await grains.GetGrain<IModelGrain>(model).Get();
        _features = summary?.Production?.Features;
        _metric = (summary?.Type == ModelType.SecurityThreatDetection ? "threat:" : "model:") + model;
        _featuresFetched = clock.GetUtcNow();
        return _features;
    }
}
