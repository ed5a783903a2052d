using NetworkGrains.Abstractions.Devices;

namespace NetworkGrains.Grains.Devices.Windows;

/// <summary>What a reading must look like; the REST parser and the device grain apply the same rules.</summary>
public static class ReadingRules
{
    public const int MaxNameLength = 128;

    public static bool IsValidName(string? metric) =>
        !string.IsNullOrEmpty(metric) && metric.Length <= MaxNameLength && metric.All(IsNameChar);

    public static bool IsValidInstance(string instance) =>
        instance.Length <= MaxNameLength && !instance.Any(char.IsControl);

    public static bool IsValidCounterValue(MetricKind kind, double value) => kind switch
    {
        MetricKind.Gauge => true,
        MetricKind.Counter32 => value is >= 0 and <= uint.MaxValue,
        MetricKind.Counter64 => value >= 0,
        _ => false,
    };

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' or ':' or '/';
}
