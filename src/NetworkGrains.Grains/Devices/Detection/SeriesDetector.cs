using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Grains.Devices.Windows;
using NetworkGrains.ML.Detectors;

namespace NetworkGrains.Grains.Devices.Detection;

/// <summary>
/// One series' detection: the default detector (<see cref="DefaultDetector"/>) inside the cold-start layer, scored
/// into verdicts that say which detectors fired, what was expected and, for the cold-start rule, the band of values
/// it would not have called extreme. Its snapshot is the layer's format, the default's name and format, the layer's
/// state and the default's bytes: one saved under any other starts afresh.
/// </summary>
public sealed class SeriesDetector
{
    private const byte SnapshotFormat = 0x81; // above any format byte of a detector's own snapshot (those started at 1)

    private readonly ColdStartLayer _layer;
    private readonly double _threshold;

    public SeriesDetector(double threshold) : this(DefaultDetector.Create(threshold), threshold) { }

    private SeriesDetector(IStreamingDetector detector, double threshold)
    {
        _layer = new ColdStartLayer(detector, threshold, DefaultDetector.Calibration(threshold));
        _threshold = threshold;
    }

    public ColdStartRule Rule => _layer.Rule;

    /// <summary>A verdict when the point scores at or above the threshold; nothing for a value that is no measurement.</summary>
    public DetectorVerdict? Score(SeriesKey key, DateTimeOffset timestamp, double value)
    {
        var score = _layer.Score(timestamp.UtcDateTime, value);
        if (score < _threshold) return null;

        var (detectorScore, ruleScore) = (_layer.LastDetectorScore, _layer.LastRuleScore);
        DetectorContribution[] contributions = ruleScore > 0
            ? [new(DefaultDetector.Name, detectorScore, detectorScore >= _threshold), new(ColdStartRule.Name, ruleScore, ruleScore >= _threshold)]
            : [new(DefaultDetector.Name, detectorScore, true)];
        var instance = key.Instance.Length == 0 ? null : key.Instance;
        if (_layer.LastRuleExpectation is { } rule && ruleScore >= detectorScore)
            return new DetectorVerdict(key.Metric, instance, timestamp, value, score, _threshold, ColdStartRule.Name, rule.Median, rule.Low, rule.High, contributions);
        return new DetectorVerdict(key.Metric, instance, timestamp, value, score, _threshold, DefaultDetector.Name,
            DefaultDetector.Expected(_layer.Detector), Contributions: contributions);
    }

    public byte[] Save()
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer))
        {
            writer.Write(SnapshotFormat);
            writer.Write(DefaultDetector.Format);
            var detector = DefaultDetector.Save(_layer.Detector);
            writer.Write(detector.Length);
            writer.Write(detector);
            _layer.Write(writer);
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// The detector a <see cref="Save"/> made; null when the bytes are of another format (an older one, or another
    /// default's), named in <paramref name="savedFormat"/>; a fresh detector when they are cut short or corrupt.
    /// </summary>
    public static SeriesDetector? Restore(byte[] saved, double threshold, out string? savedFormat)
    {
        savedFormat = null;
        try
        {
            using var reader = new BinaryReader(new MemoryStream(saved));
            var format = reader.ReadByte();
            var detectorFormat = format == SnapshotFormat ? reader.ReadString() : $"unlayered, format {format}";
            if (detectorFormat != DefaultDetector.Format)
            {
                savedFormat = detectorFormat;
                return null;
            }
            var length = reader.ReadInt32();
            if (length < 0 || length > saved.Length) throw new InvalidDataException("detector length out of range");
            var detector = new SeriesDetector(DefaultDetector.Restore(reader.ReadBytes(length), threshold), threshold);
            detector._layer.Read(reader);
            return detector;
        }
        catch (Exception ex) when (ex is EndOfStreamException or InvalidDataException or FormatException)
        {
            return new SeriesDetector(threshold);
        }
    }
}
