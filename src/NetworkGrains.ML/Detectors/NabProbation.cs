namespace NetworkGrains.ML.Detectors;

/// <summary>The probation NAB gives a file's detector: min(floor(0.15 * rows), 750) rows (0.15 * 5000).</summary>
public static class NabProbation
{
    public static int Rows(int rows) => (int)Math.Min(rows * 15L / 100, 750);
}
