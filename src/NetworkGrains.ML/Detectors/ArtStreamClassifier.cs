namespace NetworkGrains.ML.Detectors;

/// <summary>
/// <see cref="ArtimeClassifier"/>'s steps in bounded memory, for <see cref="ArtStreamDetector"/>: a
/// <see cref="CompactDualVigilanceArt"/>, windows of matches in 16-bit fixed point, the anomalies' matches as a sum (their mean is
/// all ARTime uses), and the trend window learnt from vectors its caller makes at the end of it (<see cref="Learn"/>)
/// instead of vectors kept as they come.
/// </summary>
public sealed class ArtStreamClassifier(int window, int trendWindow, int mask, double initialVigilance, int maxCategories)
{
    private const double Step = 1.0 / ushort.MaxValue;

    private readonly CompactDualVigilanceArt _art = new(2 * window, maxCategories, halfLife: trendWindow);
    private readonly ushort[] _matches = Enumerable.Repeat(ushort.MaxValue, trendWindow / 2 + 1).ToArray();
    private readonly ushort[] _belowUpper = new ushort[trendWindow + 1];
    private long _matchCount;
    private double _meanMatch;
    private int _lastAnomaly;
    private double _lastAnomalyMatch;
    private int _lastVigilanceUpdate;
    private bool _maskAfterNewCluster;
    private int _noNewCluster;
    private int _anomalies;
    private double _anomalyMatchesBeforeLast;
    private double _lastAnomalyMatchKept;

    public int Dimension => 2 * window;

    public int Categories => _art.Categories;

    /// <summary>The trend window's vectors (laid end to end, the first is vector 1): the vigilance they suggest, then each learnt in turn.</summary>
    public void Learn(ReadOnlySpan<double> vectors)
    {
        var dimension = Dimension;
        var vigilance = ArtimeRules.InitialVigilance(vectors[((window - 1) * dimension)..], dimension, trendWindow / 2 - 1, initialVigilance);
        (_art.LowerVigilance, _art.UpperVigilance) = (vigilance, vigilance);
        for (var k = 0; k < trendWindow; k++) Detect(vectors.Slice(k * dimension, dimension), k + 1);
    }

    /// <summary>The anomaly score of the i-th feature vector (from 1), as <see cref="ArtimeClassifier"/> gives it after the trend window.</summary>
    public double Detect(ReadOnlySpan<double> features, int i)
    {
        var sinceAnomaly = i - _lastAnomaly;
        var updateAfterAnomaly = sinceAnomaly == mask;
        var updateForTrend = i - _lastVigilanceUpdate >= trendWindow / 2;
        var maskAfterAnomaly = sinceAnomaly <= mask;
        if (i > trendWindow + mask && _maskAfterNewCluster && _noNewCluster >= mask) _maskAfterNewCluster = false;

        var newCluster = _art.Train(features, learning: i >= window) || i < window;
        _noNewCluster = newCluster ? 0 : _noNewCluster + 1;
        var match = _art.LastMatch;
        _meanMatch += 1.0 / ++_matchCount * (match - _meanMatch);
        Shift(_matches, Fixed(match));
        Shift(_belowUpper, Fixed(_art.UpperVigilance - match)); // only shortfalls over 0.05 count
        if (sinceAnomaly < mask && _anomalies > 0 && match < _lastAnomalyMatchKept) _lastAnomalyMatchKept = match;

        var masking = _maskAfterNewCluster || maskAfterAnomaly;
        var belowLast = match < _lastAnomalyMatch * (maskAfterAnomaly ? 0.90 : 0.70);
        var anomaly = 0.0;
        if (i > trendWindow && newCluster && (!masking || belowLast))
        {
            anomaly = ArtimeRules.Confidence(match, _art.LastEnergy, _art.UpperVigilance, _art.LowerVigilance);
            if (_anomalies++ > 0) _anomalyMatchesBeforeLast += _lastAnomalyMatchKept;
            (_lastAnomalyMatchKept, _lastAnomalyMatch, _lastAnomaly) = (match, match, i);
        }
        _maskAfterNewCluster = newCluster || _maskAfterNewCluster;
        if (i > trendWindow && (updateAfterAnomaly || updateForTrend))
        {
            UpdateVigilance(i);
            (_lastVigilanceUpdate, _maskAfterNewCluster) = (i, true);
        }
        return anomaly;
    }

    /// <summary>Re-expresses the level dimensions (the second half of a feature vector) after each level x became a*x + b.</summary>
    public void Rescale(double a, double b) => _art.Rescale(window, 2 * window, a, b);

    public void Write(BinaryWriter writer)
    {
        _art.Write(writer);
        foreach (var match in _matches) writer.Write(match);
        foreach (var below in _belowUpper) writer.Write(below);
        writer.Write(_matchCount);
        writer.Write(_meanMatch);
        writer.Write(_lastAnomaly);
        writer.Write(_lastAnomalyMatch);
        writer.Write(_lastVigilanceUpdate);
        writer.Write(_maskAfterNewCluster);
        writer.Write(_noNewCluster);
        writer.Write(_anomalies);
        writer.Write(_anomalyMatchesBeforeLast);
        writer.Write(_lastAnomalyMatchKept);
    }

    public void Read(BinaryReader reader)
    {
        _art.Read(reader);
        for (var k = 0; k < _matches.Length; k++) _matches[k] = reader.ReadUInt16();
        for (var k = 0; k < _belowUpper.Length; k++) _belowUpper[k] = reader.ReadUInt16();
        _matchCount = reader.ReadInt64();
        _meanMatch = reader.ReadDouble();
        _lastAnomaly = reader.ReadInt32();
        _lastAnomalyMatch = reader.ReadDouble();
        _lastVigilanceUpdate = reader.ReadInt32();
        _maskAfterNewCluster = reader.ReadBoolean();
        _noNewCluster = reader.ReadInt32();
        _anomalies = reader.ReadInt32();
        _anomalyMatchesBeforeLast = reader.ReadDouble();
        _lastAnomalyMatchKept = reader.ReadDouble();
        if (_matchCount < 0 || _anomalies < 0 || !double.IsFinite(_meanMatch + _lastAnomalyMatch + _anomalyMatchesBeforeLast + _lastAnomalyMatchKept))
            throw new InvalidDataException("the classifier's counts or matches are not numbers");
    }

    private void UpdateVigilance(int i)
    {
        var shortfall = 0.0;
        if (i > trendWindow * 2)
        {
            Span<double> below = stackalloc double[_belowUpper.Length];
            for (var k = 0; k < below.Length; k++) below[k] = _belowUpper[k] * Step;
            shortfall = ArtimeRules.Shortfall(below);
        }
        var anomalies = _anomalies > 0 ? (_anomalyMatchesBeforeLast + _lastAnomalyMatchKept) / _anomalies : (double?)null;
        var lowest = ushort.MaxValue;
        foreach (var match in _matches) lowest = Math.Min(lowest, match);
        (_art.LowerVigilance, _art.UpperVigilance) = ArtimeRules.Vigilances(_art.LowerVigilance, lowest * Step, _meanMatch, shortfall, anomalies);
    }

    /// <summary>A value in [0, 1] (clamped) to the nearest of 65,536 steps.</summary>
    private static ushort Fixed(double value) => (ushort)Math.Round(Math.Clamp(value, 0, 1) * ushort.MaxValue);

    private static void Shift(ushort[] window, ushort value)
    {
        Array.Copy(window, 1, window, 0, window.Length - 1);
        window[^1] = value;
    }
}
