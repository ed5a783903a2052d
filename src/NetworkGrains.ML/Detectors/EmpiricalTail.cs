namespace NetworkGrains.ML.Detectors;

/// <summary>
/// How extreme a value is among the last <c>history</c> ones: 1 minus the share of them at least as large (a new
/// record scores nearly 1). Needs no assumption about the distribution, so every metric's scores are comparable.
/// </summary>
public sealed class EmpiricalTail(int history = 8_640, int learning = 300)
{
    private readonly SortedWindow _history = new(history);

    public double Next(double value)
    {
        var score = _history.Count < learning ? 0 : 1 - (_history.CountAtLeast(value) + 1.0) / (_history.Count + 1);
        _history.Add(value);
        return score;
    }
}
