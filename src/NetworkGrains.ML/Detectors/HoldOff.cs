namespace NetworkGrains.ML.Detectors;

/// <summary>
/// One alarm per episode: after a score of at least <c>alarm</c>, the scores of the next <c>rows</c> rows are damped
/// by <c>factor</c>, so a detector that stays high over an anomaly (or a burst of noise) reports its start once.
/// </summary>
public struct HoldOff(int rows, double factor, double alarm)
{
    private int _quietUntil = -1;
    private int _row;

    public double Next(double score)
    {
        _row++;
        if (_row <= _quietUntil) return score * factor;
        if (score >= alarm) _quietUntil = _row + rows;
        return score;
    }

    public readonly void Write(BinaryWriter writer)
    {
        writer.Write(_quietUntil);
        writer.Write(_row);
    }

    public void Read(BinaryReader reader)
    {
        _quietUntil = reader.ReadInt32();
        _row = reader.ReadInt32();
    }
}
