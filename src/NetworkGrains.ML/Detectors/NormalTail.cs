namespace NetworkGrains.ML.Detectors;

/// <summary>The upper tail of the standard normal distribution, P(Z > z), from a Chebyshev fit of erfc (error below 1.2e-7).</summary>
public static class NormalTail
{
    public static double Probability(double z) => 0.5 * Erfc(z / Math.Sqrt(2));

    private static double Erfc(double x)
    {
        var t = 1 / (1 + 0.5 * Math.Abs(x));
        var fit = t * Math.Exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
            + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? fit : 2 - fit;
    }
}
