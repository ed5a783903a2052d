namespace NetworkGrains.Grains.Inference;

/// <summary>Calls for one (model, version) waiting in a worker for the flush: their rows and who to answer.</summary>
public sealed class PendingBatch
{
    private readonly List<(float[] Rows, int Count, TaskCompletionSource<float[]> Result)> _calls = [];

    public int Rows { get; private set; }

    public Task<float[]> Join(float[] rows, int count)
    {
        var result = new TaskCompletionSource<float[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        _calls.Add((rows, count, result));
        Rows += count;
        return result.Task;
    }

    /// <summary>Copies every call's rows into <paramref name="input"/> in order.</summary>
    public void CopyRows(float[] input)
    {
        var offset = 0;
        foreach (var (rows, _, _) in _calls)
        {
            rows.CopyTo(input, offset);
            offset += rows.Length;
        }
    }

    public void Answer(ReadOnlySpan<float> scores)
    {
        var offset = 0;
        foreach (var (_, count, result) in _calls)
        {
            result.SetResult(scores.Slice(offset, count).ToArray());
            offset += count;
        }
    }

    public void Fail(Exception error)
    {
        foreach (var (_, _, result) in _calls) result.SetException(error);
    }
}
