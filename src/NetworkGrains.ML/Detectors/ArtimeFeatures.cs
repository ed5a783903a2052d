namespace NetworkGrains.ML.Detectors;

/// <summary>
/// ARTime's preprocessing, shared by its reproduction and its streaming form: the values are downsampled to about
/// 13 windows of 8 points per probation (each point the window's spike or its mean), normalised by a range,
/// discretised to 80 levels and pulled to the running median level when close; each point makes a feature vector
/// of the last 8 (their Haar wavelet transform and the levels themselves).
/// </summary>
public static class ArtimeFeatures
{
    public const int Window = 8;
    public const int Dimension = 2 * Window;
    public const int Levels = 80;
    public const int Mask = Window * 3 / 2;
    public const double InitialVigilance = 0.80;

    private const int WindowsPerProbation = 13;
    private const double Chomp = 0.075;

    /// <summary>The rows per point and the points of the trend window that ARTime takes from a probation of so many rows.</summary>
    public static (int Step, int TrendWindow) Steps(int probation)
    {
        probation -= probation % 2;
        var step = Math.Max(1, probation / (Window * WindowsPerProbation));
        return (step, probation / step);
    }

    /// <summary>The window's spike (above or below the moving average of window means, whichever is further) unless within 10% of its mean.</summary>
    public static double Downsample(ReadOnlySpan<double> samples, ref double movingAverage, bool first)
    {
        var mean = JuliaNumerics.Mean(samples);
        var (max, min) = (samples[0], samples[0]);
        foreach (var value in samples) (max, min) = (Math.Max(max, value), Math.Min(min, value));
        if (first) movingAverage = mean;
        movingAverage = (movingAverage + mean) / 2;
        var sample = Math.Abs(max - movingAverage) < Math.Abs(min - movingAverage) ? min : max;
        return Math.Abs(sample - mean) < 0.1 * mean ? mean : sample;
    }

    public static int Level(double sample, double min, double max)
    {
        sample -= min;
        if (max - min != 0) sample /= max - min;
        return Math.Clamp((int)Math.Round(sample * Levels, MidpointRounding.ToEven), 0, Levels);
    }

    /// <summary>The level in [0, 1], or the median level when within 0.075 of it.</summary>
    public static double Normalised(int level, int medianLevel)
    {
        var normalised = level / (double)Levels;
        var median = medianLevel / (double)Levels;
        return Math.Abs(normalised - median) < Chomp ? median : normalised;
    }

    /// <summary>The last levels rescaled to [0, 1], their Haar transform rescaled to [0, 1], then the levels themselves.</summary>
    public static void Vector(ReadOnlySpan<double> levels, Span<double> features)
    {
        Span<double> rescaled = stackalloc double[Window];
        Span<double> wavelet = stackalloc double[Window];
        Rescale(levels, rescaled);
        HaarWavelet.Transform(rescaled, wavelet);
        Rescale(wavelet, features[..Window]);
        levels.CopyTo(features[Window..]);
    }

    /// <summary>Shifted by the minimum, divided by the maximum unless that is 0.</summary>
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
