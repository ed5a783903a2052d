using NetworkGrains.ML.OnnxModels;

namespace NetworkGrains.ML.Tests.Models;

internal static class OnnxScores
{
    public static float[] Run(byte[] modelBytes, IReadOnlyList<float[]> rows)
    {
        var card = OnnxModelFile.ReadCard(modelBytes) ?? throw new InvalidDataException("no card");
        using var scorer = new OnnxScorer(modelBytes, card);
        var input = rows.SelectMany(r => r).ToArray();
        var scores = new float[rows.Count];
        scorer.Score(input, rows.Count, scores);
        return scores;
    }
}
