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
        if (signal.Length == 0 || (signal.Length & (signal.Length - 1)) != 0) throw new ArgumentException("the length must be a power of 2", nameof(signal));
        var output = new double[signal.Length];
        var scaling = signal.ToArray();
        for (var length = signal.Length; length > 1; length /= 2)
        {
            var half = length / 2;
            var next = new double[half];
            for (var k = 0; k < half; k++)
            {
                output[half + k] = -Coefficient * scaling[2 * k] + Coefficient * scaling[2 * k + 1];
                next[k] = Coefficient * scaling[2 * k] + Coefficient * scaling[2 * k + 1];
            }
            scaling = next;
        }
        output[0] = scaling[0];
        return output;
    }
}
