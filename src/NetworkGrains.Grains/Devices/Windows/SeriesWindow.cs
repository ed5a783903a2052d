namespace NetworkGrains.Grains.Devices.Windows;

/// <summary>
/// A time-based sliding window of one series: a ring buffer with O(1) append and running mean/variance.
/// Memory matters (a silo holds 100k devices x 20 series), so a point costs 6 bytes: its second as a 16-bit
/// offset from <see cref="_baseSecond"/> and its value as a 32-bit float (7 significant digits).
/// Min and max are recomputed lazily, and only after the point that held them was evicted.
/// </summary>
[GenerateSerializer, Alias("ng.series-window.v1")]
public sealed class SeriesWindow
{
    /// <summary>The longest window the 16-bit offsets can hold, with room for re-basing.</summary>
    public const int MaxWindowSeconds = 12 * 3600;

    [Id(0)] private long _baseSecond;
    [Id(1)] private ushort[] _offsets = [];
    [Id(2)] private float[] _values = [];
    [Id(3)] private int _head;
    [Id(4)] private int _count;
    [Id(5)] private double _mean;
    [Id(6)] private double _sumSquaredDeviations;
    [Id(7)] private float _min;
    [Id(8)] private float _max;
    [Id(9)] private bool _extremesStale;

    public int Count => _count;
    public double Mean => _count == 0 ? double.NaN : _mean;
    public double Variance => _count < 2 ? 0 : Math.Max(0, _sumSquaredDeviations / (_count - 1));
    public double Min { get { RefreshExtremes(); return _count == 0 ? double.NaN : _min; } }
    public double Max { get { RefreshExtremes(); return _count == 0 ? double.NaN : _max; } }
    public double Last => _count == 0 ? double.NaN : _values[Index(_count - 1)];
    public long LastSecond => _count == 0 ? long.MinValue : SecondAt(_count - 1);
    public long FirstSecond => _count == 0 ? long.MinValue : SecondAt(0);

    /// <summary>The point <paramref name="i"/> positions after the oldest.</summary>
    public (long Second, double Value) this[int i] => (SecondAt(i), _values[Index(i)]);

    /// <summary>
    /// Appends a point at <paramref name="second"/> (Unix seconds) and evicts what falls out of the window.
    /// A point in the same second as the newest replaces it; an older point is refused (returns false).
    /// </summary>
    public bool Append(long second, double value, int windowSeconds, int maxPoints)
    {
        if (_count > 0)
        {
            var newest = LastSecond;
            if (second < newest) return false;
            if (second == newest)
            {
                RemoveNewest();
            }
        }

        EvictOlderThan(second - windowSeconds);
        if (_count == maxPoints) RemoveOldest();
        if (_count == 0) _baseSecond = second;
        else if (second - _baseSecond > ushort.MaxValue) Rebase(SecondAt(0));
        if (_count == _values.Length) Grow(maxPoints);

        var slot = Index(_count);
        _offsets[slot] = (ushort)(second - _baseSecond);
        _values[slot] = (float)value;
        _count++;
        AddToStatistics(_values[slot]);
        return true;
    }

    private long SecondAt(int i) => _baseSecond + _offsets[Index(i)];

    private int Index(int i)
    {
        var slot = _head + i;
        return slot >= _values.Length ? slot - _values.Length : slot;
    }

    private void EvictOlderThan(long oldestExcluded)
    {
        while (_count > 0 && SecondAt(0) <= oldestExcluded) RemoveOldest();
    }

    private void RemoveOldest()
    {
        var value = _values[_head];
        _head = Index(1);
        _count--;
        RemoveFromStatistics(value);
    }

    private void RemoveNewest()
    {
        var value = _values[Index(_count - 1)];
        _count--;
        RemoveFromStatistics(value);
    }

    private void AddToStatistics(float value)
    {
        var delta = value - _mean;
        _mean += delta / _count;
        _sumSquaredDeviations += delta * (value - _mean);
        if (_count == 1) (_min, _max, _extremesStale) = (value, value, false);
        else if (!_extremesStale) (_min, _max) = (Math.Min(_min, value), Math.Max(_max, value));
    }

    private void RemoveFromStatistics(float value)
    {
        if (_count == 0)
        {
            _head = 0;
            _mean = _sumSquaredDeviations = 0;
            _extremesStale = false;
            return;
        }
        var delta = value - _mean;
        _mean -= delta / _count;
        _sumSquaredDeviations -= delta * (value - _mean);
        if (value <= _min || value >= _max) _extremesStale = true;
    }

    /// <summary>Rescans the window: exact extremes, and mean/variance without the drift of repeated removals.</summary>
    private void RefreshExtremes()
    {
        if (!_extremesStale || _count == 0) return;
        double mean = 0, m2 = 0;
        float min = float.MaxValue, max = float.MinValue;
        for (var i = 0; i < _count; i++)
        {
            var v = _values[Index(i)];
            var delta = v - mean;
            mean += delta / (i + 1);
            m2 += delta * (v - mean);
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        (_mean, _sumSquaredDeviations, _min, _max, _extremesStale) = (mean, m2, min, max, false);
    }

    private void Rebase(long newBase)
    {
        var shift = newBase - _baseSecond;
        for (var i = 0; i < _count; i++) _offsets[Index(i)] -= (ushort)shift;
        _baseSecond = newBase;
    }

    private void Grow(int maxPoints)
    {
        var capacity = Math.Min(maxPoints, Math.Max(4, _values.Length * 2));
        var offsets = new ushort[capacity];
        var values = new float[capacity];
        for (var i = 0; i < _count; i++)
        {
            offsets[i] = _offsets[Index(i)];
            values[i] = _values[Index(i)];
        }
        (_offsets, _values, _head) = (offsets, values, 0);
    }
}
