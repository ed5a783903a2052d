using NetworkGrains.Abstractions.Devices;

namespace NetworkGrains.Grains.Devices.Windows;

/// <summary>One-minute rollups computed from the points a window holds (so they are never stored twice).</summary>
public static class MinuteRollups
{
    /// <summary>Rollups of the minutes in [<paramref name="fromMinute"/>, <paramref name="toMinute"/>) (Unix minutes).</summary>
    public static List<(long Minute, RollupPoint Rollup)> Compute(SeriesWindow window, long fromMinute, long toMinute)
    {
        var result = new List<(long, RollupPoint)>();
        var i = 0;
        while (i < window.Count)
        {
            var minute = FloorMinute(window[i].Second);
            if (minute >= toMinute) break;
            double min = double.MaxValue, max = double.MinValue, sum = 0, last = 0;
            var count = 0;
            for (; i < window.Count && FloorMinute(window[i].Second) == minute; i++)
            {
                var value = window[i].Value;
                (min, max, sum, last) = (Math.Min(min, value), Math.Max(max, value), sum + value, value);
                count++;
            }
            if (minute >= fromMinute)
            {
                var start = DateTimeOffset.FromUnixTimeSeconds(minute * 60);
                result.Add((minute, new RollupPoint(start, min, max, sum / count, count, last)));
            }
        }
        return result;
    }

    public static long FloorMinute(long unixSecond) => (long)Math.Floor(unixSecond / 60d);
}
