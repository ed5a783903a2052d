using Microsoft.ML.OnnxRuntime;

namespace NetworkGrains.ML.OnnxModels;

/// <summary>
/// One ONNX Runtime session over a model with a single float input [N, features] and a float output with one
/// value per row. Thread-safe: callers bring their own buffers, so a pool of workers can share one session.
/// </summary>
public sealed class OnnxScorer : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;

    public OnnxScorer(byte[] modelBytes, ModelCard card)
    {
        OnnxTelemetryGuard.EnsureDisabled();
        Card = card;
        using var options = new SessionOptions { InterOpNumThreads = 1, IntraOpNumThreads = 1 };
        _session = new InferenceSession(modelBytes, options);
        if (!_session.InputMetadata.ContainsKey(card.Input) || !_session.OutputMetadata.ContainsKey(card.Output))
        {
            _session.Dispose();
            throw new InvalidDataException($"the model has no input '{card.Input}' or no output '{card.Output}'");
        }

        _inputNames = [card.Input];
        _outputNames = [card.Output];
    }

    public ModelCard Card { get; }

    public int FeatureCount => Card.Features.Count;

    /// <summary>Scores <paramref name="rows"/> rows laid out row-major in <paramref name="input"/> into <paramref name="scores"/>.</summary>
    public void Score(float[] input, int rows, Span<float> scores)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rows * FeatureCount, input.Length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rows, scores.Length);
        using var tensor = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, input.AsMemory(0, rows * FeatureCount), [rows, FeatureCount]);
        using var runOptions = new RunOptions();
        using var results = _session.Run(runOptions, _inputNames, [tensor], _outputNames);
        var output = results[0].GetTensorDataAsSpan<float>();
        if (output.Length != rows)
        {
            throw new InvalidDataException($"the model gave {output.Length} values for {rows} rows");
        }

        output.CopyTo(scores);
    }

    public void Dispose() => _session.Dispose();
}
