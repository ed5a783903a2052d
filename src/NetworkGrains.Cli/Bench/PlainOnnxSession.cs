using Microsoft.ML.OnnxRuntime;
using NetworkGrains.ML.OnnxModels;

namespace NetworkGrains.Cli.Bench;

/// <summary>
/// The inference benchmark's reference: ONNX Runtime as code without a pool uses it. One session with the pool's
/// options (one thread per run), and per batch a tensor over the caller's rows, a run, and the scores copied out of
/// the outputs ONNX Runtime allocated (the pool's scorer binds its output to the answer instead).
/// </summary>
public sealed class PlainOnnxSession : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly int _featureCount;

    public PlainOnnxSession(byte[] onnx)
    {
        var card = OnnxModelFile.ReadCard(onnx) ?? throw new InvalidDataException("the model has no card");
        using var options = new SessionOptions { InterOpNumThreads = 1, IntraOpNumThreads = 1 };
        _session = new InferenceSession(onnx, options);
        (_inputNames, _outputNames, _featureCount) = ([card.Input], [card.Output], card.Features.Count);
    }

    public void Score(float[] input, int rows, float[] scores)
    {
        using var tensor = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, input.AsMemory(0, rows * _featureCount), [rows, _featureCount]);
        using var results = _session.Run(_runOptions, _inputNames, [tensor], _outputNames);
        results[0].GetTensorDataAsSpan<float>()[..rows].CopyTo(scores);
    }

    public void Dispose()
    {
        _runOptions.Dispose();
        _session.Dispose();
    }
}
