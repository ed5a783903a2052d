namespace NetworkGrains.ML.Detectors;

/// <summary>The last <c>capacity</c> values, with their running sum and sum of squares.</summary>
public sealed class RollingWindow(int capacity)
{
    private readonly double[] _values = new double[capacity];
    private int _next;
    private double _sum, _sumOfSquares;

    public int Count { get; private set; }

    public void Add(double value)
    {
        if (Count == capacity)
        {
            var oldest = _values[_next];
            (_sum, _sumOfSquares) = (_sum - oldest, _sumOfSquares - oldest * oldest);
        }
        else Count++;
        _values[_next] = value;
        _next = (_next + 1) % capacity;
        (_sum, _sumOfSquares) = (_sum + value, _sumOfSquares + value * value);
    }

    public double Mean => Count == 0 ? 0 : _sum / Count;

    public double StandardDeviation => Count < 2 ? 0 : Math.Sqrt(Math.Max(0, (_sumOfSquares - _sum * _sum / Count) / (Count - 1)));

    /// <summary>The values in no particular order.</summary>
    public ReadOnlySpan<double> Values => _values.AsSpan(0, Count);
}
