namespace NetworkGrains.ML.Detectors;

/// <summary>
/// What a metric usually is at this time of day: the values of each time-of-day slot over the last
/// <see cref="Days"/> days; the expectation is their median once two days have been seen.
/// </summary>
public sealed class SeasonalProfile
{
    private const int Days = 7;
    private const int SlotsPerDay = 288; // five-minute slots

    private readonly Dictionary<int, Queue<double>> _slots = [];
    private DateTime? _first;

    public double? Expected(DateTime timestamp)
    {
        if (_first is not { } first || timestamp - first < TimeSpan.FromDays(2)) return null;
        if (!_slots.TryGetValue(Slot(timestamp), out var values) || values.Count < 2) return null;
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    public void Add(DateTime timestamp, double value)
    {
        _first ??= timestamp;
        var slot = Slot(timestamp);
        if (!_slots.TryGetValue(slot, out var values)) _slots[slot] = values = new Queue<double>();
        values.Enqueue(value);
        if (values.Count > Days * 2) values.Dequeue(); // a slot may see two points a day when sampled finer than it
    }

    private static int Slot(DateTime timestamp) => (int)(timestamp.TimeOfDay.TotalMinutes * SlotsPerDay / 1440);
}
