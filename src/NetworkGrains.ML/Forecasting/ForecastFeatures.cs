namespace NetworkGrains.ML.Forecasting;

/// <summary>
/// The input row of a forecast at origin t for the value h steps ahead. The first two entries are the level
/// y[t] and a scale (the spread of the last day); the rest, which the trees see, are lags and means relative to
/// the level and divided by the scale, plus the calendar of the target time. The trees predict the scaled change,
/// so one model serves series of any size; the forecast is level + scale * prediction.
/// </summary>
public static class ForecastFeatures
{
    public const int Level = 0;
    public const int Scale = 1;
    public const int FirstTreeFeature = 2;
    public const int SameTimeYesterday = 4;
    public const int Count = 14;
    public const int SeasonsBack = 7;
    public const int TreeFeatureCount = Count - FirstTreeFeature;
    public const int RecentSteps = 12;

    public static readonly string[] Names =
    [
        "level", "scale", "last", "lag1", "same_time_yesterday", "day_mean", "day_median", "recent_mean", "recent_spread",
        "hour_sin", "hour_cos", "day_of_week", "same_time_days_mean", "same_time_days_median",
    ];

    /// <summary>The first origin with a full day of history behind it.</summary>
    public static int FirstOrigin(int season) => Math.Max(season, RecentSteps);

    public static float[] At(ReadOnlySpan<double> values, DateTime targetTime, int origin, int horizon, int season)
    {
        var day = values.Slice(origin - season + 1, season);
        var recent = values.Slice(origin - RecentSteps + 1, RecentSteps);
        var level = Median(recent);
        var dayMean = Mean(day);
        var recentMean = Mean(recent);
        var scale = Math.Max(Spread(day, dayMean), Math.Max(Math.Abs(dayMean) * 0.01, 1e-6));
        var sameTime = SameTimeOnEarlierDays(values, origin + horizon, origin, season);
        var hour = targetTime.TimeOfDay.TotalHours / 24 * 2 * Math.PI;
        return
        [
            (float)level,
            (float)scale,
            Relative(values[origin] - level, scale),
            Relative(values[origin - 1] - level, scale),
            Relative(values[origin + horizon - season] - level, scale),
            Relative(dayMean - level, scale),
            Relative(Median(day) - level, scale),
            Relative(recentMean - level, scale),
            Relative(Spread(recent, recentMean), scale),
            (float)Math.Sin(hour),
            (float)Math.Cos(hour),
            (float)targetTime.DayOfWeek,
            Relative(Mean(sameTime) - level, scale),
            Relative(Median(sameTime) - level, scale),
        ];
    }

    /// <summary>The values at the target's time of day on up to <see cref="SeasonsBack"/> earlier days known at the origin.</summary>
    private static double[] SameTimeOnEarlierDays(ReadOnlySpan<double> values, int target, int origin, int season)
    {
        var found = new List<double>(SeasonsBack);
        for (var index = target - season; index >= 0 && found.Count < SeasonsBack; index -= season)
            if (index <= origin) found.Add(values[index]);
        return [.. found];
    }

    /// <summary>A difference in units of the scale, bounded so that one step after a flat day cannot dominate training.</summary>
    public static float Relative(double difference, double scale) => (float)Math.Clamp(difference / scale, -Limit, Limit);

    public const double Limit = 20;

    public static double Forecast(float[] features, float prediction) => features[Level] + (double)features[Scale] * prediction;

    private static double Mean(ReadOnlySpan<double> values)
    {
        var sum = 0.0;
        foreach (var v in values) sum += v;
        return sum / values.Length;
    }

    private static double Median(ReadOnlySpan<double> values)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        return sorted[sorted.Length / 2];
    }

    private static double Spread(ReadOnlySpan<double> values, double mean)
    {
        var sum = 0.0;
        foreach (var v in values) sum += (v - mean) * (v - mean);
        return Math.Sqrt(sum / values.Length);
    }
}
