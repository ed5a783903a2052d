namespace NetworkGrains.Abstractions.Devices;

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

    /// <summary>The largest value of a counter: 2^32-1 or 2^64-1.</summary>
    public static ulong MaxCounter(MetricKind kind) => kind == MetricKind.Counter32 ? uint.MaxValue : ulong.MaxValue;

    /// <summary>
    /// A counter is a whole number from 0 to its <see cref="MaxCounter"/>. As a double, 2^64-1 reads as 2^64, so a
    /// counter64 of 2^64 is taken for it here (the REST parser checks the number as written).
    /// </summary>
    public static bool IsValidCounterValue(MetricKind kind, double value) => kind switch
    {
        MetricKind.Gauge => true,
        MetricKind.Counter32 or MetricKind.Counter64 => value >= 0 && value <= MaxCounter(kind) && double.IsInteger(value),
        _ => false,
    };
}
