using NetworkGrains.ML.Forecasting;

namespace NetworkGrains.ML.Synthetic;

/// <summary>Interface utilisation in percent: a daily cycle, a weekday/weekend difference, noise and short bursts.</summary>
public static class DiurnalSeries
{
    public static ForecastSeries Utilisation(string name, int days, int seed)
    {
        var random = new Random(seed);
        var times = Enumerable.Range(0, days * 288).Select(i => new DateTime(2026, 1, 5).AddMinutes(5 * i)).ToArray();
        var burst = 0.0;
        var values = times.Select(t =>
        {
            var daily = Math.Max(0, Math.Sin((t.TimeOfDay.TotalHours - 6) / 24 * 2 * Math.PI));
            var weekday = t.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.4 : 1.0;
            burst = random.NextDouble() < 0.01 ? 20 : burst * 0.8;
            return Math.Clamp(10 + 60 * daily * weekday + burst + (random.NextDouble() - 0.5) * 6, 0, 100);
        }).ToArray();
        return new ForecastSeries(name, times, values);
    }
}
