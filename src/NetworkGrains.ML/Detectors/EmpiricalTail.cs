namespace NetworkGrains.ML.Detectors;

/// <summary>
/// How extreme a value is among the last <c>history</c> ones: 1 minus the share of them at least <c>tolerance</c> times
/// as large (a new record scores nearly 1). Needs no assumption about the distribution, so every metric's scores are
/// comparable. With a tolerance below 1 a value only a little above earlier ones (the same spike again, measured on
/// a slowly changing scale) is not a new record.
/// </summary>
public sealed class EmpiricalTail(int history = 8_640, int learning = 300, double tolerance = 1)
{
    private readonly SortedWindow _history = new(history);

    public double Next(double value)
    {
        var score = _history.Count < learning ? 0 : 1 - (_history.CountAtLeast(value * tolerance) + 1.0) / (_history.Count + 1);
        _history.Add(value);
        return score;
    }
}
