namespace NetworkGrains.ML.Detectors;

/// <summary>
/// The full-depth discrete Haar wavelet transform as Wavelets.jl computes it (<c>dwt(x, wavelet(WT.haar))</c>, periodic
/// filters): at each level the details c*x[2k+1] - c*x[2k] then the scalings c*x[2k] + c*x[2k+1], each product
/// rounded, with c = 1/sqrt(2) normalised by Julia's 2-norm (0.7071067811865476). Output: the last scaling, then the
/// details from the coarsest level to the finest.
/// </summary>
public static class HaarWavelet
{
    public const double Coefficient = 0.7071067811865476;

    public static double[] Transform(ReadOnlySpan<double> signal)
    {
        var output = new double[signal.Length];
        Transform(signal, output);
        return output;
    }

    /// <summary>The transform into <paramref name="output"/> (of the signal's length), allocating nothing for up to 64 values.</summary>
    public static void Transform(ReadOnlySpan<double> signal, Span<double> output)
    {
        if (signal.Length == 0 || (signal.Length & (signal.Length - 1)) != 0) throw new ArgumentException("the length must be a power of 2", nameof(signal));
        if (output.Length != signal.Length) throw new ArgumentException("the output must be as long as the signal", nameof(output));
        var scaling = signal.Length <= 64 ? stackalloc double[signal.Length] : new double[signal.Length];
        signal.CopyTo(scaling);
        for (var length = signal.Length; length > 1; length /= 2)
        {
            var half = length / 2;
            for (var k = 0; k < half; k++)
            {
                var (even, odd) = (scaling[2 * k], scaling[2 * k + 1]);
                output[half + k] = -Coefficient * even + Coefficient * odd;
                scaling[k] = Coefficient * even + Coefficient * odd;
            }
        }
        output[0] = scaling[0];
    }
}
