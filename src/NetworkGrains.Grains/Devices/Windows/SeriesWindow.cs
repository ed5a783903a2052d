using System.Buffers.Binary;

namespace NetworkGrains.Grains.Devices.Windows;

/// <summary>
/// A time-based sliding window of one series: a ring buffer with O(1) append and running mean/variance.
/// Memory matters (a silo holds 100k devices x 20 series), so a point costs 6 bytes in one array: its second as a
/// 16-bit offset from <see cref="_baseSecond"/>, then its value as a 32-bit float (7 significant digits).
/// Min and max are recomputed lazily, and only after the point that held them was evicted.
/// </summary>
[GenerateSerializer, Alias("ng.series-window.v2")]
public class SeriesWindow
{
    /// <summary>The longest window the 16-bit offsets can hold, with room for re-basing.</summary>
    public const int MaxWindowSeconds = 12 * 3600;

    private const int PointSize = sizeof(ushort) + sizeof(float);

    [Id(0)] private long _baseSecond;
    [Id(1)] private byte[] _points = [];
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
    public double Last => _count == 0 ? double.NaN : ValueAt(Index(_count - 1));
    public long LastSecond => _count == 0 ? long.MinValue : SecondAt(_count - 1);
    public long FirstSecond => _count == 0 ? long.MinValue : SecondAt(0);

    /// <summary>The point <paramref name="i"/> positions after the oldest.</summary>
    public (long Second, double Value) this[int i] => (SecondAt(i), ValueAt(Index(i)));

    private int Capacity => _points.Length / PointSize;

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

        for (var evicted = Evicted(second, windowSeconds, maxPoints, _count); evicted > 0; evicted--) RemoveOldest();
        if (_count == 0) _baseSecond = second;
        else if (second - _baseSecond > ushort.MaxValue) Rebase(SecondAt(0));
        if (_count == Capacity) Grow(second, windowSeconds, maxPoints);

        var slot = Index(_count);
        Write(slot, (ushort)(second - _baseSecond), (float)value);
        _count++;
        AddToStatistics(ValueAt(slot));
        return true;
    }

    /// <summary>The newest second that an <see cref="Append"/> at <paramref name="second"/> would evict; long.MinValue if none.</summary>
    public long EvictedThrough(long second, int windowSeconds, int maxPoints)
    {
        if (_count == 0 || second < LastSecond) return long.MinValue;
        var evicted = Evicted(second, windowSeconds, maxPoints, second == LastSecond ? _count - 1 : _count);
        return evicted == 0 ? long.MinValue : SecondAt(evicted - 1);
    }

    /// <summary>How many points have a second in (<paramref name="after"/>, <paramref name="through"/>].</summary>
    public int CountBetween(long after, long through)
    {
        var count = 0;
        for (var i = 0; i < _count && SecondAt(i) <= through; i++)
        {
            if (SecondAt(i) > after) count++;
        }
        return count;
    }

    /// <summary>
    /// How many of the <paramref name="count"/> oldest points a point at <paramref name="second"/> evicts: those out of
    /// the window, then the oldest left if the series is at its size.
    /// </summary>
    private int Evicted(long second, int windowSeconds, int maxPoints, int count)
    {
        var evicted = 0;
        while (evicted < count && SecondAt(evicted) <= second - windowSeconds) evicted++;
        return count - evicted == maxPoints ? evicted + 1 : evicted;
    }

    private long SecondAt(int i) => _baseSecond + OffsetAt(Index(i));

    private ushort OffsetAt(int slot) => BinaryPrimitives.ReadUInt16LittleEndian(_points.AsSpan(slot * PointSize));

    private float ValueAt(int slot) => BinaryPrimitives.ReadSingleLittleEndian(_points.AsSpan(slot * PointSize + sizeof(ushort)));

    private void Write(int slot, ushort offset, float value)
    {
        var point = _points.AsSpan(slot * PointSize, PointSize);
        BinaryPrimitives.WriteUInt16LittleEndian(point, offset);
        BinaryPrimitives.WriteSingleLittleEndian(point[sizeof(ushort)..], value);
    }

    private int Index(int i)
    {
        var slot = _head + i;
        return slot >= Capacity ? slot - Capacity : slot;
    }

    private void RemoveOldest()
    {
        var value = ValueAt(_head);
        _head = Index(1);
        _count--;
        RemoveFromStatistics(value);
    }

    private void RemoveNewest()
    {
        var value = ValueAt(Index(_count - 1));
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
            var v = ValueAt(Index(i));
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
        for (var i = 0; i < _count; i++)
        {
            var slot = Index(i);
            Write(slot, (ushort)(OffsetAt(slot) - shift), ValueAt(slot));
        }
        _baseSecond = newBase;
    }

    /// <summary>
    /// Doubles the ring, but no further than the window needs at the series' current cadence (plus slack for
    /// jitter): a poll every 60 s in a 1 h window gets 62 slots, not 64.
    /// </summary>
    private void Grow(long nextSecond, int windowSeconds, int maxPoints)
    {
        var interval = _count == 0 ? 0 : nextSecond - LastSecond;
        var needed = interval > 0 ? windowSeconds / interval + 2 : int.MaxValue;
        var capacity = (int)Math.Min(maxPoints, Math.Max(_count + 1, Math.Min(needed, Math.Max(4, Capacity * 2))));
        var points = new byte[capacity * PointSize];
        for (var i = 0; i < _count; i++)
        {
            _points.AsSpan(Index(i) * PointSize, PointSize).CopyTo(points.AsSpan(i * PointSize));
        }
        (_points, _head) = (points, 0);
    }
}
