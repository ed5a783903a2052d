using System.Globalization;
using System.Text;
using NetworkGrains.ML.Datasets;
using NetworkGrains.ML.Models;
using NetworkGrains.ML.Nab;
using NetworkGrains.ML.OnnxModels;
using NetworkGrains.ML.Synthetic;
using NetworkGrains.ML.Training;

namespace NetworkGrains.ML.Tests.Models;

public sealed class ModelValidationTests
{
    private static readonly string[] Features = ["in", "out", "pps", "errors", "cpu", "flows"];

    [Fact]
    public void Labelled_runs_are_the_nab_windows()
    {
        Assert.Equal([(1, 2), (5, 5)], NabScorer.WindowsOfLabelledRuns([false, true, true, false, false, true]));
        Assert.Empty(NabScorer.WindowsOfLabelledRuns([false, false]));
    }

    [Fact]
    public void An_anomaly_detector_is_also_given_its_nab_score_on_the_labelled_rows_in_order()
    {
        var model = PcaModel.Fit(SyntheticWindows.Normal(2000, seed: 1));
        var card = new ModelCard("anomaly_detection", PcaModel.Algorithm, Features, "features", "score", 0.5);
        using var scorer = new OnnxScorer(PcaOnnx.Export(model, card), card);
        var normal = SyntheticWindows.Normal(1000, seed: 4);
        var outliers = SyntheticWindows.Outliers();

        // Two labelled runs after NAB's probation (the first 15% of rows): an outlier at the start of each.
        var rows = new List<(float[] Row, bool Label)>();
        for (var i = 0; i < normal.Count; i++)
        {
            var inRun = i is >= 400 and < 420 or >= 700 and < 720;
            rows.Add((i is 400 or 700 ? outliers[i % outliers.Count] : normal[i], inRun));
        }

        var metrics = ModelValidation.Validate(scorer, TabularData.Parse(Encoding.UTF8.GetBytes(Csv(rows))));
        Assert.InRange(metrics["nab_score"], 0.9, 1.0); // both windows found at their left edge, hardly a false alarm

        var unlabelled = ModelValidation.Validate(scorer, TabularData.Parse(Encoding.UTF8.GetBytes(Csv(rows.Select(r => (r.Row, false)).ToList()))));
        Assert.False(unlabelled.ContainsKey("nab_score")); // no window: no NAB score, rather than a meaningless one
    }

    private static string Csv(List<(float[] Row, bool Label)> rows)
    {
        var csv = new StringBuilder(string.Join(",", Features) + ",label\n");
        foreach (var (row, label) in rows)
            csv.Append(string.Join(",", row.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))).Append(label ? ",1\n" : ",0\n");
        return csv.ToString();
    }
}
