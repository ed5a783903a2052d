using System.Buffers;

namespace NetworkGrains.ML.Detectors;

/// <summary>
/// ARTime (<see cref="ArtimeDetector"/>) for a series whose future is unknown, in a few KB: the learning length is
/// fixed ahead (<see cref="ArtStreamOptions.LearningRows"/>, 750 rows: 13 windows of 8 points of 7 rows) where ARTime
/// takes NAB's probation from the file's length; the levels are of the range seen so far (<see cref="ArtStreamRange"/>)
/// where ARTime is told the file's. The learning rows are kept as their downsampled points and turned into feature
/// vectors at the end of them, in the range they showed, as ARTime learns its trend window in one go. When a later
/// value widens the range, the levels learnt so far, their running median and the ART's categories are re-expressed
/// in it (a category's box maps exactly), so what was learnt still matches what it learnt from. The ART keeps at most
/// <see cref="ArtStreamOptions.MaxCategories"/> categories of 16-bit weights (<see cref="CompactDualVigilanceArt"/>);
/// nothing is allocated per row.
/// </summary>
/// <remarks>
/// A value that is not a number, infinite or beyond float32 (the device windows' own limit) scores 0 and is not learnt.
/// </remarks>
public sealed class ArtStreamDetector : IStreamingDetector
{
    public const string Name = "artstream";
    public const string Description = "NAB's ARTime as a stream: a fixed 750-row learning length and the range seen so far instead of the file's, at most 32 categories of 16-bit weights, about 3.7 KB a series";

    private const byte FormatVersion = 1;
    private const int Window = ArtimeFeatures.Window;

    private readonly ArtStreamOptions _options;
    private readonly int _step;
    private readonly int _trendWindow;
    private readonly double[] _samples;
    private readonly double[] _levels = new double[Window];
    private readonly ArtimeMedianLevel _median = new(ArtimeFeatures.Levels);
    private readonly ArtStreamClassifier _classifier;
    private readonly ArtStreamRange _range;
    private double[]? _learning;
    private double _levelMin;
    private double _levelMax;
    private long _row;
    private int _point;
    private double _movingAverage;

    public ArtStreamDetector(ArtStreamOptions? options = null)
    {
        _options = options ?? ArtStreamOptions.Default;
        _options.Validate();
        (_step, _trendWindow) = ArtimeFeatures.Steps(_options.LearningRows);
        _samples = new double[_step];
        _learning = new double[_trendWindow];
        _classifier = new ArtStreamClassifier(Window, _trendWindow, ArtimeFeatures.Mask, ArtimeFeatures.InitialVigilance, _options.MaxCategories);
        _range = _options.Range is { } range ? ArtStreamRange.Fixed(range.Min, range.Max) : new ArtStreamRange();
    }

    /// <summary>Whether it is still learning (every score 0).</summary>
    public bool Learning => _learning is not null;

    public int Categories => _classifier.Categories;

    public (double Min, double Max) Range => (_range.Min, _range.Max);

    public double Score(DateTime timestamp, double value)
    {
        if (!double.IsFinite(value) || Math.Abs(value) > float.MaxValue) return 0;
        _samples[_row++ % _step] = _range.Take(value);
        if (_row % _step != 0) return 0;
        _point++;
        var sample = ArtimeFeatures.Downsample(_samples, ref _movingAverage, first: _point == 1);
        if (_learning is not null)
        {
            _learning[_point - 1] = sample;
            if (_point == _trendWindow) Learn(_learning);
            return 0;
        }
        if (_range.Min != _levelMin || _range.Max != _levelMax) Rerange();
        Span<double> features = stackalloc double[ArtimeFeatures.Dimension];
        Next(sample, features, _point);
        return _classifier.Detect(features, _point);
    }

    /// <summary>Everything it has learnt, to carry it across grain activations (under 3 KB with 32 categories).</summary>
    public byte[] Save()
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer)) Write(writer);
        return buffer.ToArray();
    }

    /// <summary>A detector that goes on from a <see cref="Save"/>; a fresh one when the bytes are of another format or other options, or cut short.</summary>
    public static ArtStreamDetector Restore(byte[] saved, ArtStreamOptions? options = null)
    {
        var detector = new ArtStreamDetector(options);
        try
        {
            using var reader = new BinaryReader(new MemoryStream(saved));
            var o = detector._options;
            if (reader.ReadByte() != FormatVersion || reader.ReadInt32() != o.LearningRows || reader.ReadInt32() != o.MaxCategories
                || reader.ReadBoolean() != (o.Range is not null)) return new ArtStreamDetector(options);
            detector.Read(reader);
            return detector;
        }
        catch (Exception ex) when (ex is EndOfStreamException or InvalidDataException or FormatException)
        {
            return new ArtStreamDetector(options);
        }
    }

    private void Write(BinaryWriter writer)
    {
        writer.Write(FormatVersion);
        writer.Write(_options.LearningRows);
        writer.Write(_options.MaxCategories);
        writer.Write(_options.Range is not null);
        _range.Write(writer);
        writer.Write(_row);
        writer.Write(_point);
        writer.Write(_movingAverage);
        foreach (var sample in _samples.AsSpan(0, (int)(_row % _step))) writer.Write(sample);
        if (_learning is not null)
        {
            foreach (var sample in _learning.AsSpan(0, _point)) writer.Write(sample);
            return;
        }
        foreach (var level in _levels) writer.Write(level);
        writer.Write(_levelMin);
        writer.Write(_levelMax);
        _median.Write(writer);
        _classifier.Write(writer);
    }

    private void Read(BinaryReader reader)
    {
        _range.Read(reader);
        if (_options.Range is { } given && (given.Min, given.Max) != (_range.Min, _range.Max)) throw new InvalidDataException("saved with another range");
        (_row, _point, _movingAverage) = (reader.ReadInt64(), reader.ReadInt32(), reader.ReadDouble());
        if (_row < 0 || _point != _row / _step || !double.IsFinite(_movingAverage)) throw new InvalidDataException("rows and points do not agree");
        for (var k = 0; k < _row % _step; k++) _samples[k] = Finite(reader.ReadDouble());
        if (_point < _trendWindow)
        {
            for (var k = 0; k < _point; k++) _learning![k] = Finite(reader.ReadDouble());
            return;
        }
        _learning = null;
        for (var k = 0; k < Window; k++) _levels[k] = reader.ReadDouble();
        (_levelMin, _levelMax) = (reader.ReadDouble(), reader.ReadDouble());
        if (!_levels.All(level => level is >= 0 and <= 1) || !(_range.Min <= _levelMin && _levelMin <= _levelMax && _levelMax <= _range.Max))
            throw new InvalidDataException("the levels are not of the range");
        _median.Read(reader);
        _classifier.Read(reader);
    }

    private static double Finite(double value) => double.IsFinite(value) ? value : throw new InvalidDataException("a saved value is not a number");

    /// <summary>The end of the learning rows: their points in the range they showed, as ARTime's trend window, learnt in one go.</summary>
    private void Learn(double[] learning)
    {
        (_levelMin, _levelMax) = (_range.Min, _range.Max);
        var dimension = ArtimeFeatures.Dimension;
        var vectors = ArrayPool<double>.Shared.Rent(_trendWindow * dimension);
        try
        {
            for (var p = 1; p <= _trendWindow; p++) Next(learning[p - 1], vectors.AsSpan((p - 1) * dimension, dimension), p);
            _classifier.Learn(vectors.AsSpan(0, _trendWindow * dimension));
        }
        finally
        {
            ArrayPool<double>.Shared.Return(vectors);
        }
        _learning = null;
    }

    /// <summary>The point's level, pulled to the running median level when close, and the feature vector of the last levels (zeros before there are enough).</summary>
    private void Next(double sample, Span<double> features, int point)
    {
        var level = ArtimeFeatures.Level(sample, _levelMin, _levelMax);
        _median.Add(level);
        Array.Copy(_levels, 1, _levels, 0, Window - 1);
        _levels[^1] = ArtimeFeatures.Normalised(level, _median.Level);
        if (point >= Window) ArtimeFeatures.Vector(_levels, features);
        else features.Clear();
    }

    /// <summary>The range has widened: what was learnt in levels of the old one is re-expressed in the new (x to a*x + b).</summary>
    private void Rerange()
    {
        var width = _range.Max - _range.Min;
        var a = (_levelMax - _levelMin) / width;
        var b = (_levelMin - _range.Min) / width;
        for (var k = 0; k < Window; k++) _levels[k] = a * _levels[k] + b;
        _median.Remap(a, b * ArtimeFeatures.Levels);
        _classifier.Rescale(a, b);
        (_levelMin, _levelMax) = (_range.Min, _range.Max);
    }
}
