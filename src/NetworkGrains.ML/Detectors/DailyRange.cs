namespace NetworkGrains.ML.Detectors;

/// <summary>
/// What is routine at this time of day: for each of the last <c>days</c> days, the lowest and the highest value seen
/// within <c>reach</c> of this time of day; a value is routine when <see cref="RoutineRule"/> says so (on at least half
/// of those days something as high and something as low happened around this time).
/// A daily spike (a backup, a batch job) is then routine even when its minute drifts from day to day.
/// </summary>
public sealed class DailyRange(int days, TimeSpan reach)
{
    private readonly List<(DateTime Time, double Value)> _points = [];
    private int _first;

    public bool IsRoutine(DateTime timestamp, double value)
    {
        Span<double> lows = stackalloc double[days];
        Span<double> highs = stackalloc double[days];
        var seen = 0;
        for (var day = 1; day <= days; day++)
        {
            var (low, high, any) = (double.MaxValue, double.MinValue, false);
            var center = timestamp.AddDays(-day);
            for (var i = FirstAtOrAfter(center - reach); i < _points.Count && _points[i].Time <= center + reach; i++)
                (low, high, any) = (Math.Min(low, _points[i].Value), Math.Max(high, _points[i].Value), true);
            if (any) (lows[seen], highs[seen], seen) = (low, high, seen + 1);
        }
        var (routineLow, routineHigh) = RoutineRule.Bounds(lows[..seen], highs[..seen]);
        return value >= routineLow && value <= routineHigh;
    }

    public void Add(DateTime timestamp, double value)
    {
        _points.Add((timestamp, value));
        var oldest = timestamp.AddDays(-days) - reach;
        while (_points[_first].Time < oldest) _first++;
        if (_first > _points.Count / 2) // forget in bulk: removing from the front one at a time would move the list each time
        {
            _points.RemoveRange(0, _first);
            _first = 0;
        }
    }

    private int FirstAtOrAfter(DateTime time)
    {
        int low = _first, high = _points.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (_points[middle].Time < time) low = middle + 1;
            else high = middle;
        }
        return low;
    }
}
