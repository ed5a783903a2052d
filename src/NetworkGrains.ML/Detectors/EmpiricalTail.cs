namespace NetworkGrains.ML.Detectors;

/// <summary>
/// How extreme a value is among the last <c>history</c> ones: 1 minus the share of them at least as large (a new
/// record scores nearly 1). Needs no assumption about the distribution, so every metric's scores are comparable.
/// </summary>
public sealed class EmpiricalTail(int history = 8_640, int learning = 300)
{
    private readonly List<double> _sorted = [];
    private readonly Queue<double> _order = new();

    public double Next(double value)
    {
        var atLeast = _sorted.Count - LowerBound(value);
        var score = _sorted.Count < learning ? 0 : 1 - (atLeast + 1.0) / (_sorted.Count + 1);
        _sorted.Insert(LowerBound(value), value);
        _order.Enqueue(value);
        if (_order.Count > history) _sorted.RemoveAt(LowerBound(_order.Dequeue()));
        return score;
    }

    private int LowerBound(double value)
    {
        int low = 0, high = _sorted.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (_sorted[middle] < value) low = middle + 1;
            else high = middle;
        }
        return low;
    }
}
