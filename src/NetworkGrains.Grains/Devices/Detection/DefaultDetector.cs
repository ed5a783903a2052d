using NetworkGrains.ML.Detectors;

namespace NetworkGrains.Grains.Devices.Detection;

/// <summary>
/// The default detector device grains run on every series (ngcompact), as the layers around it need it: made,
/// saved and restored, what it expected, and how many points it needs. The one place to change with the default.
/// </summary>
public static class DefaultDetector
{
    public const string Name = CompactRarityDetector.Name;

    /// <summary>Its name and state format: a snapshot saved under another starts afresh.</summary>
    public static readonly string Format = $"{CompactRarityDetector.Name}/{CompactRarityDetector.FormatVersion}";

    /// <summary>The rarity tail's learning (<see cref="DecayingTail"/>'s default): it scores nothing before.</summary>
    private const int TailLearning = 300;

    /// <summary>The threshold also opens the detector's hold-off: only a score that raised a verdict damps the next ones.</summary>
    public static IStreamingDetector Create(double threshold) => new CompactRarityDetector(alarm: threshold);

    /// <summary>The detector a <see cref="Save"/> of this <see cref="Format"/> made (a fresh one from bytes cut short).</summary>
    public static IStreamingDetector Restore(byte[] saved, double threshold) => CompactRarityDetector.Restore(saved, alarm: threshold);

    public static byte[] Save(IStreamingDetector detector) => ((CompactRarityDetector)detector).Save();

    /// <summary>What the last scored point was compared with, when the detector knew yet.</summary>
    public static double? Expected(IStreamingDetector detector) =>
        ((CompactRarityDetector)detector).LastExpected is var expected && double.IsFinite(expected) ? expected : null;

    /// <summary>
    /// Its scores rank points once its trackers' exact start and its tail's learning are over; a rarity of s needs
    /// 1 / (1 - s) surprises counted (0.999: about 1,000 points).
    /// </summary>
    public static ColdStartLayer.Calibration Calibration(double threshold)
    {
        var ranking = MedianTracker.Start + TailLearning;
        var needed = threshold >= 1 ? int.MaxValue / 2 : (int)Math.Min(int.MaxValue / 2, Math.Ceiling(1 / (1 - threshold)));
        return new ColdStartLayer.Calibration(ranking, Math.Max(ranking, MedianTracker.Start + needed));
    }
}
