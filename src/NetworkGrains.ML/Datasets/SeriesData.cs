using System.Globalization;
using NetworkGrains.ML.Forecasting;

namespace NetworkGrains.ML.Datasets;

/// <summary>Series datasets (columns series,timestamp,value; rows of a series in time order) for traffic prediction.</summary>
public static class SeriesData
{
    public static IReadOnlyList<ForecastSeries> Read(TabularData data)
    {
        int Column(string name) => data.IndexOf(name) is var i and >= 0 ? i
            : throw new DatasetFormatException($"a series dataset has columns series,timestamp,value; '{name}' is missing");
        var (series, timestamp, value) = (Column("series"), Column("timestamp"), Column("value"));
        return data.Cells.Select((row, r) => (Row: row, Line: r + 2)).GroupBy(x => x.Row[series], StringComparer.Ordinal).Select(group =>
        {
            var points = group.Select(x => (Time: Time(x.Row[timestamp], x.Line), Value: Value(x.Row[value], x.Line))).OrderBy(p => p.Time).ToArray();
            return new ForecastSeries(group.Key, points.Select(p => p.Time).ToArray(), points.Select(p => p.Value).ToArray());
        }).ToList();
    }

    private static DateTime Time(string text, int line) =>
        DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t)
            ? t : throw new DatasetFormatException($"line {line}: timestamp '{text}' is not a date and time");

    private static double Value(string text, int line) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
            ? v : throw new DatasetFormatException($"line {line}: value '{text}' is not a finite number");
}
