namespace NetworkGrains.ML.Detectors;

/// <summary>
/// The compact <see cref="DailyRange"/>: the lowest and highest value of each hour of the last <c>days</c> days
/// (floats, a ring of days). A day's extremes around a value are those of the hour it falls in and the hours either
/// side of it; <see cref="RoutineRule"/> makes the routine range of them.
/// </summary>
public sealed class SlotRange(int days)
{
    private const int SlotsPerDay = 24;
    private static readonly long SlotTicks = TimeSpan.FromDays(1).Ticks / SlotsPerDay;

    private readonly float[] _lows = new float[(days + 1) * SlotsPerDay];
    private readonly float[] _highs = new float[(days + 1) * SlotsPerDay];
    private readonly long[] _dayHeld = Enumerable.Repeat(-1L, days + 1).ToArray(); // which day each ring position holds
    private long _boundsSlot = -1; // the hour the routine bounds below were worked out for
    private double _routineLow, _routineHigh;

    public bool IsRoutine(DateTime timestamp, double value)
    {
        var slot = timestamp.Ticks / SlotTicks;
        if (slot != _boundsSlot) (_boundsSlot, (_routineLow, _routineHigh)) = (slot, RoutineBounds(slot));
        return value >= _routineLow && value <= _routineHigh;
    }

    /// <summary>The routine range of this hour. The earlier days do not change, so it holds for the whole hour.</summary>
    private (double Low, double High) RoutineBounds(long slot)
    {
        Span<double> lows = stackalloc double[days];
        Span<double> highs = stackalloc double[days];
        var seen = 0;
        for (var day = 1; day <= days; day++)
        {
            var (dayLow, dayHigh, any) = (double.MaxValue, double.MinValue, false);
            for (var neighbour = -1; neighbour <= 1; neighbour++)
            {
                if (Position(slot - day * SlotsPerDay + neighbour) is not { } position || float.IsNaN(_lows[position])) continue;
                (dayLow, dayHigh, any) = (Math.Min(dayLow, _lows[position]), Math.Max(dayHigh, _highs[position]), true);
            }
            if (any) (lows[seen], highs[seen], seen) = (dayLow, dayHigh, seen + 1);
        }
        return RoutineRule.Bounds(lows[..seen], highs[..seen]);
    }

    public void Add(DateTime timestamp, double value)
    {
        var slot = timestamp.Ticks / SlotTicks;
        var day = slot / SlotsPerDay;
        var ring = (int)(day % _dayHeld.Length);
        if (_dayHeld[ring] != day)
        {
            _dayHeld[ring] = day;
            Array.Fill(_lows, float.NaN, ring * SlotsPerDay, SlotsPerDay);
            Array.Fill(_highs, float.NaN, ring * SlotsPerDay, SlotsPerDay);
        }
        var position = ring * SlotsPerDay + (int)(slot % SlotsPerDay);
        var v = (float)value;
        (_lows[position], _highs[position]) = float.IsNaN(_lows[position]) ? (v, v) : (Math.Min(_lows[position], v), Math.Max(_highs[position], v));
    }

    public void Write(BinaryWriter writer)
    {
        foreach (var day in _dayHeld) writer.Write(day);
        foreach (var low in _lows) writer.Write(low);
        foreach (var high in _highs) writer.Write(high);
    }

    public void Read(BinaryReader reader)
    {
        for (var i = 0; i < _dayHeld.Length; i++) _dayHeld[i] = reader.ReadInt64();
        for (var i = 0; i < _lows.Length; i++) _lows[i] = reader.ReadSingle();
        for (var i = 0; i < _highs.Length; i++) _highs[i] = reader.ReadSingle();
    }

    /// <summary>Where an absolute hour is held, or null if its day is no longer (or not yet) in the ring.</summary>
    private int? Position(long slot)
    {
        var day = slot / SlotsPerDay;
        var ring = (int)(day % _dayHeld.Length);
        return _dayHeld[ring] == day ? ring * SlotsPerDay + (int)(slot % SlotsPerDay) : null;
    }
}
