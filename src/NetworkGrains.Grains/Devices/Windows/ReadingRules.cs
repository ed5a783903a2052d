using NetworkGrains.Abstractions.Devices;

namespace NetworkGrains.Grains.Devices.Windows;

/// <summary>What a reading must look like; the REST parser and the device grain apply the same rules.</summary>
public static class ReadingRules
{
    public const int MaxNameLength = 128;

    /// <summary>Readings from before this are refused: no device clock is that wrong on purpose.</summary>
    public static readonly DateTimeOffset Earliest = new(1990, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static bool IsValidName(string? metric)
    {
        if (string.IsNullOrEmpty(metric) || metric.Length > MaxNameLength) return false;
        foreach (var c in metric)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '.' or '-' or ':' or '/')) return false;
        }
        return true;
    }

    public static bool IsValidInstance(string instance)
    {
        if (instance.Length > MaxNameLength) return false;
        foreach (var c in instance)
        {
            if (char.IsControl(c)) return false;
        }
        return true;
    }

    /// <summary>Windows hold 32-bit floats: a value must be finite in that range too.</summary>
    public static bool IsStorable(double value) => double.IsFinite(value) && Math.Abs(value) <= float.MaxValue;

    public static bool IsValidCounterValue(MetricKind kind, double value) => kind switch
    {
        MetricKind.Gauge => true,
        MetricKind.Counter32 => value is >= 0 and <= uint.MaxValue,
        MetricKind.Counter64 => value >= 0,
        _ => false,
    };
}
