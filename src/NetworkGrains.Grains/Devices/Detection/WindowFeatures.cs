using NetworkGrains.Grains.Devices.Windows;

namespace NetworkGrains.Grains.Devices.Detection;

/// <summary>
/// A device's feature row for a multivariate model: each feature is a metric name, its value the sum over that
/// metric's instances of their latest points no older than <c>since</c> (interfaces' rates add up to the device's).
/// </summary>
public static class WindowFeatures
{
    /// <summary>The row, or null when a feature has no fresh point (a device without that metric, or one gone quiet).</summary>
    public static float[]? Row(DeviceWindows windows, IReadOnlyList<string> features, long since)
    {
        var row = new float[features.Count];
        var seen = new bool[features.Count];
        foreach (var (key, series) in windows.All)
        {
            if (series.Count == 0 || series.LastSecond < since) continue;
            for (var f = 0; f < features.Count; f++)
            {
                if (!string.Equals(features[f], key.Metric, StringComparison.Ordinal)) continue;
                row[f] += (float)series.Last;
                seen[f] = true;
            }
        }

        return seen.All(s => s) ? row : null;
    }
}
