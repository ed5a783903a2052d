namespace NetworkGrains.Grains.Inference;

/// <summary>An inference worker's buffers for merged batches, grown to the largest batch seen and then reused.</summary>
public sealed class ScoringBuffers
{
    private float[] _input = new float[4096];
    private float[] _output = new float[256];

    public float[] Input(int values) => _input.Length >= values ? _input : _input = new float[Math.Max(values, _input.Length * 2)];

    public float[] Output(int rows) => _output.Length >= rows ? _output : _output = new float[Math.Max(rows, _output.Length * 2)];
}
