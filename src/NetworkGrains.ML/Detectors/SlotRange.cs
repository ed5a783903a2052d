namespace NetworkGrains.ML.Detectors;

/// <summary>
/// The compact <see cref="DailyRange"/>: the lowest and highest value of each hour of the last <c>days</c> days
/// (floats, a ring of days). A value is routine when, on at least half of the earlier days held (two at least),
/// the hour it falls in and the hours either side of it saw something as high and something as low, give or take
/// a tenth of that range.
/// </summary>
public sealed class SlotRange(int days)
{
    private const int SlotsPerDay = 24;
    private const int DaysNeeded = 2;
    private const double Margin = 0.1;
    private static readonly long SlotTicks = TimeSpan.FromDays(1).Ticks / SlotsPerDay;

    private readonly float[] _lows = new float[(days + 1) * SlotsPerDay];
    private readonly float[] _highs = new float[(days + 1) * SlotsPerDay];
    private readonly long[] _dayHeld = Enumerable.Repeat(-1L, days + 1).ToArray(); // which day each ring position holds

    public bool IsRoutine(DateTime timestamp, double value)
    {
        var slot = timestamp.Ticks / SlotTicks;
        var (seen, asHigh, asLow) = (0, 0, 0);
        for (var day = 1; day <= days; day++)
        {
            var (low, high, any) = (double.MaxValue, double.MinValue, false);
            for (var neighbour = -1; neighbour <= 1; neighbour++)
            {
                if (Position(slot - day * SlotsPerDay + neighbour) is not { } position || float.IsNaN(_lows[position])) continue;
                (low, high, any) = (Math.Min(low, _lows[position]), Math.Max(high, _highs[position]), true);
            }
            if (!any) continue;
            seen++;
            var margin = Margin * (high - low);
            if (high + margin >= value) asHigh++;
            if (low - margin <= value) asLow++;
        }
        return seen >= DaysNeeded && 2 * asHigh >= seen && 2 * asLow >= seen;
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
