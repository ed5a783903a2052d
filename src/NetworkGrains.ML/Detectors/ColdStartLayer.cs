namespace NetworkGrains.ML.Detectors;

/// <summary>
/// Any streaming detector with the <see cref="ColdStartRule"/> beside it, for the points before the detector can
/// reach its alarm. Until the detector ranks points at all (<see cref="Calibration.Ranking"/> points seen), a point's
/// score is the larger of the detector's and the rule's, so an extreme value alarms from the series' first points;
/// then, until it can reach the alarm (<see cref="Calibration.Calibrated"/>), the rule's score counts only for a point
/// the detector puts among the top 1% of its surprises (<see cref="TopShare"/>); after, the detector's alone. On NAB
/// the rule alone, through the device threshold's calibration, called 9 unlabelled spikes in 28 files extreme and
/// cost a point; asking the detector's ranking as well costs nothing. The rule keeps learning throughout.
/// Values that are no measurement (<see cref="IsMeasurement"/>) are neither scored nor learnt.
/// </summary>
public sealed class ColdStartLayer(IStreamingDetector detector, double alarm, ColdStartLayer.Calibration calibration) : IStreamingDetector
{
    /// <summary>No network measurement reaches 10^15 (a petabyte a second); such values come from agent bugs and counter glitches.</summary>
    public const double AbsurdMagnitude = 1e15;

    /// <summary>The detector's score that puts a point among the top 1% of its surprises.</summary>
    public const double TopShare = 0.99;

    /// <summary>How many points the detector needs before its scores rank points, and before they can reach the alarm.</summary>
    public readonly record struct Calibration(int Ranking, int Calibrated);

    public IStreamingDetector Detector => detector;

    public ColdStartRule Rule { get; } = new();

    /// <summary>The points the detector has learnt since the layer began.</summary>
    public long Seen { get; private set; }

    /// <summary>The last point's scores: the detector's, and the rule's (0 unless the rule called it extreme).</summary>
    public double LastDetectorScore { get; private set; }

    public double LastRuleScore { get; private set; }

    /// <summary>When the rule called the last point extreme: the median it compared it with and the band of values it would not have.</summary>
    public (double Median, double Low, double High)? LastRuleExpectation { get; private set; }

    /// <summary>A finite value of at most <see cref="AbsurdMagnitude"/>: a NaN, an infinity or an absurd value never reaches a detector's state.</summary>
    public static bool IsMeasurement(double value) => double.IsFinite(value) && Math.Abs(value) <= AbsurdMagnitude;

    public double Score(DateTime timestamp, double value)
    {
        (LastDetectorScore, LastRuleScore, LastRuleExpectation) = (0, 0, null);
        if (!IsMeasurement(value)) return 0;
        var ruleScore = Seen < calibration.Calibrated ? Rule.Score(value, alarm) : 0;
        var (median, (low, high)) = (Rule.Median, Rule.Band);
        Rule.Add(timestamp, value);
        LastDetectorScore = detector.Score(timestamp, value);
        if (Seen >= calibration.Ranking && LastDetectorScore < TopShare) ruleScore = 0;
        Seen++;
        if (ruleScore > 0) (LastRuleScore, LastRuleExpectation) = (ruleScore, (median, low, high));
        return Math.Max(LastDetectorScore, LastRuleScore);
    }

    /// <summary>The layer's own state (the detector saves its own).</summary>
    public void Write(BinaryWriter writer)
    {
        writer.Write(Seen);
        Rule.Write(writer);
    }

    public void Read(BinaryReader reader)
    {
        Seen = reader.ReadInt64();
        if (Seen < 0) throw new InvalidDataException("negative count");
        Rule.Read(reader);
    }
}
