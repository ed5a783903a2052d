namespace NetworkGrains.ML.Detectors;

/// <summary>
/// numpy's sum, mean and var of a float64 array as nupic computed them: add.reduce starts from 0 and adds the array's
/// pairwise sum (8 running sums over blocks of up to 128 values, halves above that, split at a multiple of 8); var is
/// the pairwise sum of the squared differences from that mean, divided by the count.
/// </summary>
public static class NumpyStatistics
{
    private const int Block = 128;
    private const int Unroll = 8;

    public static double Sum(ReadOnlySpan<double> values) => 0.0 + PairwiseSum(values);

    public static double Mean(ReadOnlySpan<double> values) => Sum(values) / values.Length;

    public static double Variance(ReadOnlySpan<double> values)
    {
        var mean = Mean(values);
        var squares = values.Length <= 1024 ? stackalloc double[values.Length] : new double[values.Length];
        for (var i = 0; i < values.Length; i++) squares[i] = (values[i] - mean) * (values[i] - mean);
        return Sum(squares) / values.Length;
    }

    private static double PairwiseSum(ReadOnlySpan<double> values)
    {
        var n = values.Length;
        if (n < Unroll)
        {
            var sum = 0.0;
            foreach (var value in values) sum += value;
            return sum;
        }
        if (n > Block)
        {
            var half = n / 2;
            half -= half % Unroll;
            return PairwiseSum(values[..half]) + PairwiseSum(values[half..]);
        }
        Span<double> lanes = stackalloc double[Unroll];
        values[..Unroll].CopyTo(lanes);
        var i = Unroll;
        for (; i < n - n % Unroll; i += Unroll)
            for (var lane = 0; lane < Unroll; lane++) lanes[lane] += values[i + lane];
        var total = ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]));
        for (; i < n; i++) total += values[i];
        return total;
    }
}
