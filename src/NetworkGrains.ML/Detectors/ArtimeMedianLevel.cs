namespace NetworkGrains.ML.Detectors;

/// <summary>
/// ARTime's running median of the discretised levels ("not strictly a running median but close enough"): a count per
/// level and the counts below and above the current median level, which moves one occupied level at a time.
/// </summary>
public sealed class ArtimeMedianLevel(int levels)
{
    private readonly int[] _counts = new int[levels + 1];
    private int _below;
    private int _above;
    private int _seen;

    public int Level { get; private set; }

    public void Add(int level)
    {
        _counts[level]++;
        _seen++;
        var middle = _seen / 2;
        if (_seen == 1) Level = level;
        if (Level > level) _below++;
        else if (Level < level) _above++;
        if (middle < _above)
        {
            _below += _counts[Level];
            do Level++; while (_counts[Level] == 0);
            _above -= _counts[Level];
        }
        else if (middle < _below)
        {
            _above += _counts[Level];
            do Level--; while (_counts[Level] == 0);
            _below -= _counts[Level];
        }
    }
}
