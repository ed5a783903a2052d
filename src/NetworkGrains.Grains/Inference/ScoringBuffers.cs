using NetworkGrains.ML.OnnxModels;

namespace NetworkGrains.Grains.Inference;

/// <summary>An inference worker's input and output buffers, grown to the largest batch seen and then reused.</summary>
public sealed class ScoringBuffers
{
    private float[] _input = new float[4096];
    private float[] _output = new float[256];

    public float[] Input(int values) => _input.Length >= values ? _input : _input = new float[Math.Max(values, _input.Length * 2)];

    public float[] Output(int rows) => _output.Length >= rows ? _output : _output = new float[Math.Max(rows, _output.Length * 2)];

    /// <summary>Scores rows already copied into <see cref="Input"/> and returns a view of the scores.</summary>
    public ReadOnlySpan<float> Run(OnnxScorer scorer, int rows)
    {
        var output = Output(rows);
        scorer.Score(_input, rows, output);
        return output.AsSpan(0, rows);
    }
}
