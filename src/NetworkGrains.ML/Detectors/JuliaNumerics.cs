namespace NetworkGrains.ML.Detectors;

/// <summary>
/// Julia's float semantics where ARTime's results depend on them: ordering (isless, sortperm) and rounding to digits.
/// Sums are taken in order; Julia's own sums of 16 values or more (a <c>@simd</c> loop) and OpenBLAS's dasum (the
/// 1-norm of 32 values) add in other orders, which was tried (AVX2 lanes, dasum's 2-lane blocks) and changes no
/// published row of the 28 NAB files.
/// </summary>
public static class JuliaNumerics
{
    /// <summary>Julia's isless on floats (sorting): NaN above everything, -0.0 below 0.0.</summary>
    public static bool IsLess(double x, double y) =>
        !double.IsNaN(x) && (double.IsNaN(y) || x < y || (x == y && double.IsNegative(x) && !double.IsNegative(y)));

    /// <summary>Julia's sortperm: the indices by value (descending when asked), equal values by index.</summary>
    public static int[] SortPermutation(double[] values, bool descending = false)
    {
        var order = Enumerable.Range(0, values.Length).ToArray();
        Array.Sort(order, (a, b) =>
        {
            var (x, y) = descending ? (values[b], values[a]) : (values[a], values[b]);
            return IsLess(x, y) ? -1 : IsLess(y, x) ? 1 : a.CompareTo(b);
        });
        return order;
    }

    /// <summary>Julia's round(x, digits=d): x * 10^d rounded half to even, divided back.</summary>
    public static double Round(double value, int digits)
    {
        var scale = Math.Pow(10, digits);
        return Math.Round(value * scale, MidpointRounding.ToEven) / scale;
    }

    public static double Sum(ReadOnlySpan<double> values)
    {
        var sum = 0.0;
        foreach (var value in values) sum += value;
        return sum;
    }

    public static double Mean(ReadOnlySpan<double> values) => Sum(values) / values.Length;

    public static double AbsoluteSum(ReadOnlySpan<double> values)
    {
        var sum = 0.0;
        foreach (var value in values) sum += Math.Abs(value);
        return sum;
    }
}
