namespace NetworkGrains.ML.Detectors;

/// <summary>
/// A detector reproduced from NAB, where every detector is told the whole file's minimum, maximum and row count
/// before its first row (NAB's inputMin, inputMax and the probation taken from the length). A streaming device knows
/// none of them; the NAB runner calls <see cref="Begin"/> with them, and <see cref="IStreamingDetector.Score"/>
/// refuses to run before it. A value outside the range (or not a number) cannot come from the file it was told of:
/// it scores 0 and is not learnt, so the rows after it score as if it had not come.
/// </summary>
public interface ISeriesRangeDetector : IStreamingDetector
{
    void Begin(double min, double max, int rows);
}
