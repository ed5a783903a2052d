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

    /// <summary>
    /// Moves every level l (and the median) to round(scale * l + offset), for levels re-expressed in a wider range;
    /// levels that meet add up, and the counts below and above the median are counted afresh.
    /// </summary>
    public void Remap(double scale, double offset)
    {
        int Map(int level) => (int)Math.Round(scale * level + offset, MidpointRounding.ToEven);
        Span<int> moved = stackalloc int[_counts.Length];
        for (var level = 0; level < _counts.Length; level++)
            if (_counts[level] > 0) moved[Math.Clamp(Map(level), 0, _counts.Length - 1)] += _counts[level];
        moved.CopyTo(_counts);
        if (_seen == 0) return;
        Level = Math.Clamp(Map(Level), 0, _counts.Length - 1);
        Recount();
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(_seen);
        if (_seen == 0) return;
        writer.Write(Level);
        foreach (var count in _counts) writer.Write7BitEncodedInt(count);
    }

    public void Read(BinaryReader reader)
    {
        _seen = reader.ReadInt32();
        if (_seen == 0) return;
        Level = reader.ReadInt32();
        var total = 0L;
        for (var level = 0; level < _counts.Length; level++) total += _counts[level] = reader.Read7BitEncodedInt();
        if (total != _seen || _counts.Any(c => c < 0) || (uint)Level >= (uint)_counts.Length || _counts[Level] == 0)
            throw new InvalidDataException("the median's counts do not add up");
        Recount();
    }

    /// <summary>The counts below and above the median level, which <see cref="Add"/> otherwise keeps as it goes.</summary>
    private void Recount()
    {
        (_below, _above) = (0, 0);
        for (var level = 0; level < _counts.Length; level++)
        {
            if (level < Level) _below += _counts[level];
            else if (level > Level) _above += _counts[level];
        }
    }
}
