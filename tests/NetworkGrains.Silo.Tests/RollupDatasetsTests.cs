using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Silo.Api;

namespace NetworkGrains.Silo.Tests;

public sealed class RollupDatasetsTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_labelled_table_marks_resolved_anomalies_1_false_positives_0_and_leaves_out_open_ones()
    {
        var cpu = Enumerable.Range(0, 10).Select(i => new RollupPoint(Start.AddMinutes(i), i, i, i, 1, i)).ToArray();
        LabelSpan[] labels =
        [
            LabelSpan.Of(Anomaly(AnomalyStatus.Resolved, 2, 3)),
            LabelSpan.Of(Anomaly(AnomalyStatus.FalsePositive, 5, 5)),
            LabelSpan.Of(Anomaly(AnomalyStatus.Investigating, 8, 8)),
        ];

        var csv = RollupDatasets.TableCsv([(new RollupSeries("edge", "cpu", null), cpu)], labels).TrimEnd().Split('\n');

        Assert.Equal("timestamp,cpu,label", csv[0]);
        Assert.Equal(["0", "0", "1", "1", "0", "0", "0", "0", "0"], csv.Skip(1).Select(row => row.Split(',')[2]));
        Assert.DoesNotContain(csv, row => row.StartsWith("2026-11-01T00:08", StringComparison.Ordinal));
    }

    [Fact]
    public void A_table_without_labels_has_no_label_column()
    {
        var cpu = new[] { new RollupPoint(Start, 1, 1, 1, 1, 1) };

        Assert.Equal("timestamp,cpu", RollupDatasets.TableCsv([(new RollupSeries("edge", "cpu", null), cpu)]).Split('\n')[0]);
    }

    private static Anomaly Anomaly(AnomalyStatus status, int fromMinute, int toMinute) => new("a", "edge", "cpu", null, AnomalyCategory.Cpu,
        AnomalySeverity.High, 1, 1, status, Start.AddMinutes(fromMinute).AddSeconds(20), Start.AddMinutes(toMinute).AddSeconds(40), 1, 1, [], [], null, "ngcompact");
}
