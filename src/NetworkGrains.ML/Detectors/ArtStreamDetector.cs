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
/// <see cref="ArtStreamOptions.MaxCategories"/> categories of float32 weights; nothing is allocated per row.
/// </summary>
/// <remarks>
/// A value that is not a number, infinite or beyond float32 (the device windows' own limit) scores 0 and is not learnt.
/// </remarks>
public sealed class ArtStreamDetector : IStreamingDetector
{
    public const string Name = "artstream";
    public const string Description = "ARTime as a stream: a fixed 750-row learning length and the range seen so far instead of the file's, at most 24 categories of float32 weights, in about 4 KB a series";

    private const byte FormatVersion = 1;
    private const int Window = 8;
    private const int WindowsPerLearning = 13;
    private const int Levels = 80;
    private const double Chomp = 0.075;
    private const double InitialVigilance = 0.80;

    private readonly ArtStreamOptions _options;
    private readonly int _step;
    private readonly int _trendWindow;
    private readonly double[] _samples;
    private readonly double[] _levels = new double[Window];
    private readonly ArtimeMedianLevel _median = new(Levels);
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
        var learning = _options.LearningRows - _options.LearningRows % 2;
        _step = Math.Max(1, learning / (Window * WindowsPerLearning));
        _trendWindow = learning / _step;
        _samples = new double[_step];
        _learning = new double[_trendWindow];
        _classifier = new ArtStreamClassifier(Window, _trendWindow, mask: Window * 3 / 2, InitialVigilance, _options.MaxCategories);
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
        var sample = Downsample();
        if (_learning is not null)
        {
            _learning[_point - 1] = sample;
            if (_point == _trendWindow) Learn(_learning);
            return 0;
        }
        if (_range.Min != _levelMin || _range.Max != _levelMax) Rerange();
        Span<double> features = stackalloc double[2 * Window];
        Next(sample, features, _point);
        return _classifier.Detect(features, _point);
    }

    /// <summary>Everything it has learnt, to carry it across grain activations (about 3.5 KB once it has learnt).</summary>
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
                || reader.ReadBoolean() != o.Range is not null) return new ArtStreamDetector(options);
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

    /// <summary>ARTime's downsampling: the window's spike (above or below its moving average, whichever is further) unless within 10% of its mean.</summary>
    private double Downsample()
    {
        var mean = JuliaNumerics.Mean(_samples);
        var (max, min) = (_samples[0], _samples[0]);
        foreach (var value in _samples) (max, min) = (Math.Max(max, value), Math.Min(min, value));
        if (_point == 1) _movingAverage = mean;
        _movingAverage = (_movingAverage + mean) / 2;
        var sample = Math.Abs(max - _movingAverage) < Math.Abs(min - _movingAverage) ? min : max;
        return Math.Abs(sample - mean) < 0.1 * mean ? mean : sample;
    }

    /// <summary>The end of the learning rows: their points in the range they showed, as ARTime's trend window, learnt in one go.</summary>
    private void Learn(double[] learning)
    {
        (_levelMin, _levelMax) = (_range.Min, _range.Max);
        var dimension = 2 * Window;
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
        var level = Level(sample);
        _median.Add(level);
        var normalised = level / (double)Levels;
        var median = _median.Level / (double)Levels;
        if (Math.Abs(normalised - median) < Chomp) normalised = median;
        Array.Copy(_levels, 1, _levels, 0, Window - 1);
        _levels[^1] = normalised;
        if (point < Window)
        {
            features.Clear();
            return;
        }
        Span<double> rescaled = stackalloc double[Window];
        Span<double> wavelet = stackalloc double[Window];
        Rescale(_levels, rescaled);
        HaarWavelet.Transform(rescaled, wavelet);
        Rescale(wavelet, features[..Window]);
        _levels.CopyTo(features[Window..]);
    }

    private int Level(double sample)
    {
        sample -= _levelMin;
        if (_levelMax - _levelMin != 0) sample /= _levelMax - _levelMin;
        return Math.Clamp((int)Math.Round(sample * Levels, MidpointRounding.ToEven), 0, Levels);
    }

    /// <summary>The range has widened: what was learnt in levels of the old one is re-expressed in the new (x to a*x + b).</summary>
    private void Rerange()
    {
        var width = _range.Max - _range.Min;
        var a = (_levelMax - _levelMin) / width;
        var b = (_levelMin - _range.Min) / width;
        for (var k = 0; k < Window; k++) _levels[k] = a * _levels[k] + b;
        _median.Remap(a, b * Levels);
        _classifier.Rescale(a, b);
        (_levelMin, _levelMax) = (_range.Min, _range.Max);
    }

    /// <summary>ARTime's rescaling of a short vector to [0, 1]: shifted by its minimum, divided by its maximum unless that is 0.</summary>
    private static void Rescale(ReadOnlySpan<double> values, Span<double> output)
    {
        var min = values[0];
        foreach (var value in values) min = Math.Min(min, value);
        var max = 0.0;
        for (var k = 0; k < values.Length; k++) max = Math.Max(max, output[k] = values[k] - min);
        if (max == 0) return;
        for (var k = 0; k < values.Length; k++) output[k] /= max;
    }
}
