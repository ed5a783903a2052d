using NetworkGrains.ML.OnnxModels;

namespace NetworkGrains.Grains.Inference;

/// <summary>
/// The ONNX Runtime sessions of one verified artifact, one per lane, each made on first use from the same bytes.
/// Workers on different lanes never run on the same session: concurrent runs of one session contend, and on a
/// model that runs in microseconds that costs a third of the throughput.
/// </summary>
public sealed class ModelSessions : IDisposable
{
    private readonly byte[] _onnx;
    private readonly OnnxScorer?[] _byLane;
    private readonly Lock _creating = new();

    /// <summary>Makes lane 0's session at once, so an artifact ONNX Runtime cannot load fails here, not on a later lane.</summary>
    public ModelSessions(byte[] onnx, ModelCard card, int lanes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lanes, 1);
        _onnx = onnx;
        _byLane = new OnnxScorer?[lanes];
        _byLane[0] = new OnnxScorer(onnx, card);
    }

    public ModelCard Card => _byLane[0]!.Card;

    public OnnxScorer For(int lane)
    {
        var index = (int)((uint)lane % (uint)_byLane.Length);
        return Volatile.Read(ref _byLane[index]) ?? Create(index);
    }

    private OnnxScorer Create(int index)
    {
        lock (_creating)
        {
            var scorer = _byLane[index] ?? new OnnxScorer(_onnx, Card);
            Volatile.Write(ref _byLane[index], scorer);
            return scorer;
        }
    }

    public void Dispose()
    {
        foreach (var scorer in _byLane) scorer?.Dispose();
    }
}
