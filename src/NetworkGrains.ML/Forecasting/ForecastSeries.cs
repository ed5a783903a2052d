namespace NetworkGrains.ML.Forecasting;

/// <summary>A regularly sampled series (utilisation, rates): values, their times, and the steps in one day.</summary>
public sealed record ForecastSeries(string Name, DateTime[] Times, double[] Values)
{
    public TimeSpan Step { get; } = MedianStep(Times);

    public int Season => (int)Math.Max(1, Math.Round(TimeSpan.FromDays(1) / Step));

    /// <summary>Steps for a horizon, at least one and at most a season (the seasonal-naive forecast needs h &lt;= s).</summary>
    public int StepsFor(TimeSpan horizon) => (int)Math.Clamp(Math.Round(horizon / Step), 1, Season);

    public DateTime TimeAt(int index) => index < Times.Length ? Times[index] : Times[^1] + Step * (index - Times.Length + 1);

    private static TimeSpan MedianStep(DateTime[] times)
    {
        if (times.Length < 2) return TimeSpan.FromMinutes(5);
        var steps = times.Zip(times.Skip(1), (a, b) => b - a).Where(d => d > TimeSpan.Zero).Order().ToArray();
        return steps.Length == 0 ? TimeSpan.FromMinutes(5) : steps[steps.Length / 2];
    }
}
