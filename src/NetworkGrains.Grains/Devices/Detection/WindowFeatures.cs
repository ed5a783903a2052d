using NetworkGrains.Grains.Devices.Windows;

namespace NetworkGrains.Grains.Devices.Detection;

/// <summary>
/// A device's feature row for a multivariate model: each feature is a metric name, its value the sum over that
/// metric's instances of their latest points in [<c>since</c>, <c>until</c>] (interfaces' rates add up to the device's).
/// </summary>
public static class WindowFeatures
{
    /// <summary>
    /// The row, or null when a feature has no point in the range (a device without that metric, or one gone quiet).
    /// The range's end keeps a row what it was when it became due, whatever the device ingested since.
    /// </summary>
    public static float[]? Row(DeviceWindows windows, IReadOnlyList<string> features, long since, long until)
    {
        var row = new float[features.Count];
        var seen = new bool[features.Count];
        foreach (var (key, series) in windows.All)
        {
            if (LatestIn(series, since, until) is not { } value) continue;
            for (var f = 0; f < features.Count; f++)
            {
                if (!string.Equals(features[f], key.Metric, StringComparison.Ordinal)) continue;
                row[f] += (float)value;
                seen[f] = true;
            }
        }

        return seen.All(s => s) ? row : null;
    }

    private static double? LatestIn(SeriesWindow series, long since, long until)
    {
        for (var i = series.Count - 1; i >= 0; i--)
        {
            var (second, value) = series[i];
            if (second < since) return null;
            if (second <= until) return value;
        }
        return null;
    }
}
