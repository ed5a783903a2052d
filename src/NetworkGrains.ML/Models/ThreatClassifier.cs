using Microsoft.ML;
using Microsoft.ML.Data;
using NetworkGrains.ML.OnnxModels;

namespace NetworkGrains.ML.Models;

/// <summary>
/// The security-threat model: gradient-boosted trees (ML.NET FastTree, calibrated) over per-exporter flow-window
/// features (<see cref="Features"/>), trained on labelled windows (scan or flood = 1). Scores are probabilities.
/// </summary>
public sealed class ThreatClassifier
{
    public const string Algorithm = "fasttree_threat";
    public const string Input = "Features";
    public const string Output = "Probability.output";

    /// <summary>What a flow window of one exporter says about scans and floods.</summary>
    public static readonly string[] Features =
    [
        "flows", "distinct_sources", "distinct_destinations", "distinct_destination_ports", "syn_share",
        "bytes_per_packet", "packets_per_flow", "source_entropy", "destination_port_entropy",
    ];

    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly int _featureCount;
    private readonly PredictionEngine<Row, Prediction> _engine;

    private ThreatClassifier(MLContext ml, ITransformer model, int featureCount)
    {
        _ml = ml;
        _model = model;
        _featureCount = featureCount;
        _engine = ml.Model.CreatePredictionEngine<Row, Prediction>(model, inputSchemaDefinition: Schema(featureCount));
    }

    public static ThreatClassifier Train(IReadOnlyList<float[]> rows, IReadOnlyList<bool> labels, int seed = 1)
    {
        if (!labels.Contains(true) || !labels.Contains(false)) throw new InvalidOperationException("training a classifier needs rows of both labels (0 and 1)");
        var ml = new MLContext(seed);
        var featureCount = rows[0].Length;
        var data = ml.Data.LoadFromEnumerable(rows.Select((r, i) => new Row { Features = r, Label = labels[i] }), Schema(featureCount));
        var trainer = ml.BinaryClassification.Trainers.FastTree(numberOfLeaves: 16, numberOfTrees: 50, minimumExampleCountPerLeaf: 10);
        return new ThreatClassifier(ml, trainer.Fit(data), featureCount);
    }

    public float Probability(float[] features) => _engine.Predict(new Row { Features = features }).Probability;

    public byte[] Export(ModelCard card) => MlNetOnnx.Export(_ml, _model,
        _ml.Data.LoadFromEnumerable([new Row { Features = new float[_featureCount] }], Schema(_featureCount)), Output, card with { Input = Input, Output = Output });

    private static SchemaDefinition Schema(int featureCount) => MlNetOnnx.Schema<Row>(featureCount);

    private sealed class Row
    {
        public float[] Features { get; set; } = [];
        public bool Label { get; set; }
    }

    private sealed class Prediction
    {
        public float Probability { get; set; }
    }
}
