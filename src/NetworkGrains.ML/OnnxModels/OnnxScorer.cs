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
    private readonly long[] _outputDimensions;
    private readonly RunOptions _runOptions = new(); // concurrent runs only read it

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
        _outputDimensions = [.. _session.OutputMetadata[card.Output].Dimensions.Select(d => (long)d)];
        if (_outputDimensions.Length == 0 || _outputDimensions.Skip(1).Any(d => d != 1))
        {
            _session.Dispose();
            throw new InvalidDataException($"the model's output '{card.Output}' is not one value per row ({string.Join(" x ", _outputDimensions)})");
        }
    }

    public ModelCard Card { get; }

    public int FeatureCount => Card.Features.Count;

    /// <summary>
    /// Scores <paramref name="rows"/> rows laid out row-major in <paramref name="input"/> into the first
    /// <paramref name="rows"/> of <paramref name="scores"/>: ONNX Runtime reads the input array and writes the
    /// scores array in place (both bound as tensors), so nothing is allocated or copied per run but the tensor handles.
    /// </summary>
    public void Score(float[] input, int rows, float[] scores)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rows * FeatureCount, input.Length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rows, scores.Length);
        using var inputTensor = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, input.AsMemory(0, rows * FeatureCount), [rows, FeatureCount]);
        using var outputTensor = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, scores.AsMemory(0, rows), OutputShape(rows));
        _session.Run(_runOptions, _inputNames, [inputTensor], _outputNames, [outputTensor]);
    }

    /// <summary>The output's shape for a batch: its declared dimensions with the batch one set (one value per row).</summary>
    private long[] OutputShape(int rows)
    {
        var shape = (long[])_outputDimensions.Clone();
        shape[0] = rows;
        return shape;
    }

    public void Dispose()
    {
        _runOptions.Dispose();
        _session.Dispose();
    }
}
