namespace NetworkGrains.Grains.Inference;

/// <summary>
/// Hands each inference worker a lane (which of a model's sessions it runs on): the least used one, so that
/// while there are no more workers than lanes, no two share a session.
/// </summary>
public sealed class SessionLanes(int count)
{
    private readonly int[] _workers = new int[count];
    private readonly Lock _gate = new();

    public int Count => _workers.Length;

    public int Take()
    {
        lock (_gate)
        {
            var lane = Array.IndexOf(_workers, _workers.Min());
            _workers[lane]++;
            return lane;
        }
    }

    public void Return(int lane)
    {
        lock (_gate)
        {
            if (_workers[lane] > 0) _workers[lane]--;
        }
    }
}
