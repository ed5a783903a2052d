namespace NetworkGrains.ML.Detectors;

/// <summary>
/// The last <c>capacity</c> values kept sorted, for order statistics without sorting per point: median, median
/// absolute deviation (MAD), how many are at least a value, and the standard deviation. An insert and a removal
/// move memory (a few microseconds for 10,000 values); the MAD is found by bisection on the distance.
/// </summary>
public sealed class SortedWindow(int capacity)
{
    private readonly List<double> _sorted = new(capacity);
    private readonly Queue<double> _arrival = new(capacity);
    private double _sum, _sumOfSquares;

    public int Count => _sorted.Count;

    public void Add(double value)
    {
        if (_arrival.Count == capacity)
        {
            var oldest = _arrival.Dequeue();
            _sorted.RemoveAt(LowerBound(oldest));
            (_sum, _sumOfSquares) = (_sum - oldest, _sumOfSquares - oldest * oldest);
        }
        _arrival.Enqueue(value);
        _sorted.Insert(LowerBound(value), value);
        (_sum, _sumOfSquares) = (_sum + value, _sumOfSquares + value * value);
    }

    public int CountAtLeast(double value) => _sorted.Count - LowerBound(value);

    public double StandardDeviation => Count < 2 ? 0 : Math.Sqrt(Math.Max(0, (_sumOfSquares - _sum * _sum / Count) / (Count - 1)));

    public double Median
    {
        get
        {
            var middle = _sorted.Count / 2;
            return _sorted.Count % 2 == 1 ? _sorted[middle] : (_sorted[middle - 1] + _sorted[middle]) / 2;
        }
    }

    /// <summary>The smallest distance d from the median such that at least half the values lie within d of it.</summary>
    public double MedianAbsoluteDeviation()
    {
        if (_sorted.Count == 0) return 0;
        var median = Median;
        var needed = (_sorted.Count + 1) / 2;
        double low = 0, high = Math.Max(median - _sorted[0], _sorted[^1] - median);
        for (var i = 0; i < 60 && high - low > 1e-12 * (1 + Math.Abs(high)); i++)
        {
            var middle = (low + high) / 2;
            if (UpperBound(median + middle) - LowerBound(median - middle) >= needed) high = middle;
            else low = middle;
        }
        return high;
    }

    /// <summary>The index of the first value at least (<paramref name="orEqual"/>: greater than) <paramref name="value"/>.</summary>
    private int FirstAbove(double value, bool orEqual)
    {
        int low = 0, high = _sorted.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (_sorted[middle] < value || (orEqual && _sorted[middle] == value)) low = middle + 1;
            else high = middle;
        }
        return low;
    }

    private int LowerBound(double value) => FirstAbove(value, orEqual: false);

    private int UpperBound(double value) => FirstAbove(value, orEqual: true);
}
