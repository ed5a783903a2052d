namespace NetworkGrains.ML.Detectors;

/// <summary>
/// CPython 2.7's math.erfc, which NAB's numenta detector ran (nupic's tail probability): its own series below 1.5 and
/// a continued fraction above, not the C library's erfc.
/// </summary>
public static class Py27Math
{
    private const double SeriesCutoff = 1.5;
    private const int SeriesTerms = 25;
    private const double FractionCutoff = 30.0;
    private const int FractionTerms = 50;
    private const double SqrtPi = 1.772453850905516027298167483341145182798;

    public static double Erfc(double x)
    {
        if (double.IsNaN(x)) return x;
        if (Math.Abs(x) < SeriesCutoff) return 1.0 - ErfSeries(x);
        var fraction = ErfcFraction(Math.Abs(x));
        return x > 0 ? fraction : 2.0 - fraction;
    }

    private static double ErfSeries(double x)
    {
        var (squared, sum, k) = (x * x, 0.0, SeriesTerms + 0.5);
        for (var i = 0; i < SeriesTerms; i++, k -= 1.0) sum = 2.0 + squared * sum / k;
        return sum * x * Math.Exp(-squared) / SqrtPi;
    }

    private static double ErfcFraction(double x)
    {
        if (x >= FractionCutoff) return 0.0;
        var squared = x * x;
        var (a, da) = (0.0, 0.5);
        var (p, previousP, q, previousQ) = (1.0, 0.0, da + squared, 1.0);
        for (var i = 0; i < FractionTerms; i++)
        {
            a += da;
            da += 2.0;
            var b = da + squared;
            (p, previousP) = (b * p - a * previousP, p);
            (q, previousQ) = (b * q - a * previousQ, q);
        }
        return p / q * x * Math.Exp(-squared) / SqrtPi;
    }
}
