using System.Globalization;
using System.Text;
using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.ML.Datasets;

namespace NetworkGrains.Silo.Api;

/// <summary>One series of the rollups a dataset is made from: a device's metric, and its instance if it has them.</summary>
public sealed record RollupSeries(string Device, string Metric, string? Instance);

/// <summary>
/// The body of POST /api/v1/datasets/{name}/from-rollups: which series, which span, and the layout:
/// "series" (series,timestamp,value: for traffic prediction) or "table" (timestamp and one column per metric,
/// the minutes where every one has a value: for anomaly models; one device at a time). With "labels": true a table
/// gets a label column from the device's closed anomalies (see <see cref="LabelSpan"/>): a validation set.
/// </summary>
public sealed record RollupDatasetBody(RollupSeries[]? Series, DateTimeOffset? From, DateTimeOffset? To, string? Layout, bool? Labels);

/// <summary>
/// The minutes (inclusive) one anomaly covered and what people called it: 1 resolved (it was real), 0 false_positive,
/// null still open (not decided: those minutes are left out of a labelled table).
/// </summary>
public sealed record LabelSpan(DateTimeOffset From, DateTimeOffset To, int? Label)
{
    public static LabelSpan Of(Anomaly anomaly) => new(Minute(anomaly.FirstSeen), Minute(anomaly.LastSeen), anomaly.Status switch
    {
        AnomalyStatus.Resolved => 1,
        AnomalyStatus.FalsePositive => 0,
        _ => null,
    });

    private static DateTimeOffset Minute(DateTimeOffset at) => new(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
}

/// <summary>Turns one-minute rollup means into dataset CSV.</summary>
public static class RollupDatasets
{
    public static string SeriesCsv(IReadOnlyList<(RollupSeries Series, IReadOnlyList<RollupPoint> Points)> read)
    {
        var csv = new StringBuilder("series,timestamp,value\n");
        foreach (var (series, points) in read)
        {
            var name = string.Join('/', new[] { series.Device, series.Metric, series.Instance }.OfType<string>());
            foreach (var point in points) csv.Append(CultureInfo.InvariantCulture, $"{name},{point.Minute:yyyy-MM-ddTHH:mm:ssZ},{point.Mean:R}\n");
        }

        return csv.ToString();
    }

    public static string TableCsv(IReadOnlyList<(RollupSeries Series, IReadOnlyList<RollupPoint> Points)> read, IReadOnlyList<LabelSpan>? labels = null)
    {
        var byMinute = read.Select(r => r.Points.ToDictionary(p => p.Minute, p => p.Mean)).ToArray();
        var minutes = byMinute.Skip(1).Aggregate(byMinute.FirstOrDefault()?.Keys.ToHashSet() ?? [], (common, next) => { common.IntersectWith(next.Keys); return common; });
        var csv = new StringBuilder("timestamp," + string.Join(',', read.Select(r => r.Series.Instance is null ? r.Series.Metric : $"{r.Series.Metric}.{r.Series.Instance}"))
            + (labels is null ? "" : "," + TabularData.LabelColumn) + "\n");
        foreach (var minute in minutes.Order())
        {
            var covering = labels?.Where(l => l.From <= minute && minute <= l.To).ToList();
            if (covering?.Any(l => l.Label is null) == true) continue;
            csv.Append(CultureInfo.InvariantCulture, $"{minute:yyyy-MM-ddTHH:mm:ssZ},").AppendJoin(',', byMinute.Select(m => m[minute].ToString("R", CultureInfo.InvariantCulture)));
            if (covering is not null) csv.Append(',').Append(covering.Any(l => l.Label == 1) ? '1' : '0');
            csv.Append('\n');
        }

        return csv.ToString();
    }
}
