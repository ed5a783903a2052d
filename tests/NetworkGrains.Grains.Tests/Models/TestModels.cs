using NetworkGrains.ML.Models;
using NetworkGrains.ML.OnnxModels;

namespace NetworkGrains.Grains.Tests.Models;

/// <summary>Small real ONNX artifacts for registry and inference tests: PCA models over three correlated features.</summary>
internal static class TestModels
{
    public static readonly string[] Features = ["in", "out", "cpu"];

    public static List<float[]> Rows(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ =>
        {
            var load = (float)random.NextDouble() * 100;
            return new[] { load + (float)random.NextDouble(), load * 0.8f + (float)random.NextDouble(), 20 + load * 0.3f + (float)random.NextDouble() };
        }).ToList();
    }

    /// <summary>Different seeds give different models (and different scores for the same rows).</summary>
    public static (byte[] Onnx, PcaModel Model) Pca(int seed, string modelType = "anomaly_detection")
    {
        var model = PcaModel.Fit(Rows(500, seed));
        var card = new ModelCard(modelType, PcaModel.Algorithm, Features, "features", "score", 0.5, TrainingDataSha256: new string('0', 64));
        return (PcaOnnx.Export(model, card), model);
    }
}
