using Microsoft.ML;
using Microsoft.ML.Data;
using NetworkGrains.ML.OnnxModels;

namespace NetworkGrains.ML.Models;

/// <summary>
/// The performance-optimization model: gradient-boosted trees (ML.NET FastTree regression) that predict a
/// performance KPI (a dataset's "target" column: latency, loss, headroom) from the other columns (load, utilisation,
/// configuration), so a planned change can be tried on the model before the network. Scores are the predicted KPI.
/// </summary>
public sealed class KpiRegressor
{
    public const string Algorithm = "fasttree_kpi";
    public const string Input = "Features";
    public const string Output = "Score.output";

    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly int _featureCount;
    private readonly PredictionEngine<Row, Prediction> _engine;

    private KpiRegressor(MLContext ml, ITransformer model, int featureCount)
    {
        _ml = ml;
        _model = model;
        _featureCount = featureCount;
        _engine = ml.Model.CreatePredictionEngine<Row, Prediction>(model, inputSchemaDefinition: Schema(featureCount));
    }

    public static KpiRegressor Train(IReadOnlyList<float[]> rows, IReadOnlyList<float> targets, int seed = 1)
    {
        if (rows.Count < 10) throw new InvalidOperationException($"{rows.Count} rows: a regression needs at least 10");
        var ml = new MLContext(seed);
        var featureCount = rows[0].Length;
        var data = ml.Data.LoadFromEnumerable(rows.Select((r, i) => new Row { Features = r, Label = targets[i] }), Schema(featureCount));
        var trainer = ml.Regression.Trainers.FastTree(numberOfLeaves: 16, numberOfTrees: 100, minimumExampleCountPerLeaf: 10, learningRate: 0.1);
        return new KpiRegressor(ml, trainer.Fit(data), featureCount);
    }

    public float Predict(float[] features) => _engine.Predict(new Row { Features = features }).Score;

    public byte[] Export(ModelCard card) => MlNetOnnx.Export(_ml, _model,
        _ml.Data.LoadFromEnumerable([new Row { Features = new float[_featureCount] }], Schema(_featureCount)), Output, card with { Input = Input, Output = Output });

    private static SchemaDefinition Schema(int featureCount) => MlNetOnnx.Schema<Row>(featureCount);

    private sealed class Row
    {
        public float[] Features { get; set; } = [];
        public float Label { get; set; }
    }

    private sealed class Prediction
    {
        public float Score { get; set; }
    }
}
