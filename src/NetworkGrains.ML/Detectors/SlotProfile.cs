namespace NetworkGrains.ML.Detectors;

/// <summary>
/// The compact <see cref="SeasonalProfile"/>: per hour of the day, the mean of that hour on each of the last
/// three days it was seen (floats); the expectation is their median (their mean with two), from the second day on.
/// </summary>
public sealed class SlotProfile
{
    private const int Slots = 24;
    private const int Days = 3;
    private static readonly long SlotTicks = TimeSpan.FromDays(1).Ticks / Slots;

    private readonly float[] _means = new float[Slots * Days];
    private readonly byte[] _days = new byte[Slots];
    private long _currentSlot = -1; // absolute hour number of the slot being accumulated
    private double _sum;
    private int _count;

    public double? Expected(DateTime timestamp)
    {
        var slot = SlotOfDay(timestamp.Ticks / SlotTicks);
        var means = _means.AsSpan(slot * Days, Days);
        var (a, b, c) = ((double)means[0], (double)means[1], (double)means[2]);
        return _days[slot] switch
        {
            < 2 => null,
            2 => (a + b) / 2,
            _ => Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c)),
        };
    }

    public void Add(DateTime timestamp, double value)
    {
        var absolute = timestamp.Ticks / SlotTicks;
        if (absolute != _currentSlot)
        {
            Close();
            (_currentSlot, _sum, _count) = (absolute, 0, 0);
        }

        _sum += value;
        _count++;
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(_currentSlot);
        writer.Write(_sum);
        writer.Write(_count);
        writer.Write(_days);
        foreach (var mean in _means) writer.Write(mean);
    }

    public void Read(BinaryReader reader)
    {
        _currentSlot = reader.ReadInt64();
        _sum = reader.ReadDouble();
        _count = reader.ReadInt32();
        reader.ReadExactly(_days);
        for (var i = 0; i < _means.Length; i++) _means[i] = reader.ReadSingle();
    }

    /// <summary>The hour just finished becomes that slot's newest day.</summary>
    private void Close()
    {
        if (_count == 0) return;
        var slot = SlotOfDay(_currentSlot);
        var means = _means.AsSpan(slot * Days, Days);
        means[..(Days - 1)].CopyTo(means[1..]);
        means[0] = (float)(_sum / _count);
        if (_days[slot] < Days) _days[slot]++;
    }

    private static int SlotOfDay(long absoluteSlot) => (int)(absoluteSlot % Slots);
}
