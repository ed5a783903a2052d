namespace NetworkGrains.ML.Detectors;

/// <summary>
/// KNN-CAD (Burnaev and Ishimtsev, arXiv:1608.04585; NAB's knncad), reproduced from NAB's knncad_detector.py: each
/// window of the last 19 values is scored by the sum of its Mahalanobis-like distances (the inverse Gram matrix of
/// the training windows, renewed every half probation) to its 27 nearest training windows; the score is the share
/// of the calibration scores below it. The training set is the probation's windows, then slides; after a score of
/// 0.9965 the next probation / 5 rows score 0.5.
/// </summary>
/// <remarks>
/// It needs the row count for its probation (<see cref="Begin"/>); the range only bounds valid input, and values
/// outside it are refused (<see cref="ISeriesRangeDetector"/>): one of 1e300 would make the Gram matrix infinite.
/// The original's numpy sums, matrix product and inverse (BLAS and LAPACK) round in their own orders, and its partial
/// sort adds the nearest distances in its own order: scores can differ from the published ones where two windows'
/// sums are as close as the rounding (noiseless artificial series, whose Gram matrix is nearly singular).
/// </remarks>
public sealed class KnnCadDetector : ISeriesRangeDetector
{
    public const string Name = "knncad";
    public const string Description = "NAB's KNN-CAD (conformal k-nearest-neighbour distances of 19-value windows), reproduced; needs the file's range and length, as NAB gives them";

    private const int Neighbours = 27;
    private const int Dimension = 19;
    private const double Alarm = 0.9965;

    private readonly double[] _window = new double[Dimension];
    private readonly List<double[]> _training = [];
    private readonly Queue<double[]> _calibration = new();
    private readonly Queue<double> _scores = new();
    private double[] _sigmaColumns = Columns(Identity()); // sigma[i, j] at j * Dimension + i
    private double _min;
    private double _max;
    private int _probation = -1;
    private long _records;
    private int _hold = -1;

    public void Begin(double min, double max, int rows) => (_min, _max, _probation) = (min, max, NabProbation.Rows(rows));

    public double Score(DateTime timestamp, double value)
    {
        if (_probation < 0) throw new InvalidOperationException($"{Name} needs the series' range and row count: call Begin first");
        if (!(value >= _min && value <= _max)) return 0;
        Array.Copy(_window, 1, _window, 0, Dimension - 1);
        _window[^1] = value;
        if (++_records < Dimension) return 0;

        var item = (double[])_window.Clone();
        if (_records < _probation)
        {
            _training.Add(item);
            return 0;
        }
        if (_training.Count <= Neighbours + 1) return 0; // too short a probation to have neighbours
        var sinceProbation = _records % _probation;
        if ((sinceProbation == 0 || sinceProbation == _probation / 2) && LuInverse.TryInvert(Gram(), out var inverse)) _sigmaColumns = Columns(inverse);
        if (_scores.Count == 0)
        {
            foreach (var known in _training) _scores.Enqueue(Nonconformity(known, Neighbours + 1));
        }

        var score = Nonconformity(item, Neighbours);
        var result = _scores.Count(s => s < score) / (double)_scores.Count;
        if (_records >= 2 * _probation)
        {
            _training.RemoveAt(0);
            _training.Add(_calibration.Dequeue());
        }
        _scores.Dequeue();
        _calibration.Enqueue(item);
        _scores.Enqueue(score);

        if (_hold > 0)
        {
            _hold--;
            return 0.5;
        }
        if (result >= Alarm) _hold = _probation / 5;
        return result;
    }

    /// <summary>The sum of the distances to the nearest training windows (the window itself among them when it is one).</summary>
    private double Nonconformity(double[] item, int neighbours)
    {
        var distances = _training.Select(known => Distance(known, item)).ToArray();
        Array.Sort(distances);
        var sum = 0.0;
        for (var k = 0; k < neighbours; k++) sum += distances[k];
        return sum;
    }

    private double Distance(double[] a, double[] b)
    {
        Span<double> difference = stackalloc double[Dimension];
        for (var i = 0; i < Dimension; i++) difference[i] = a[i] - b[i];
        var distance = 0.0;
        for (var j = 0; j < Dimension; j++)
        {
            var column = _sigmaColumns.AsSpan(j * Dimension, Dimension);
            var projected = 0.0;
            for (var i = 0; i < Dimension; i++) projected += difference[i] * column[i];
            distance += projected * difference[j];
        }
        return distance;
    }

    private double[,] Gram()
    {
        var gram = new double[Dimension, Dimension];
        foreach (var row in _training)
        {
            for (var i = 0; i < Dimension; i++)
            {
                for (var j = 0; j < Dimension; j++) gram[i, j] += row[i] * row[j];
            }
        }
        return gram;
    }

    private static double[] Columns(double[,] matrix)
    {
        var columns = new double[Dimension * Dimension];
        for (var j = 0; j < Dimension; j++)
        {
            for (var i = 0; i < Dimension; i++) columns[j * Dimension + i] = matrix[i, j];
        }
        return columns;
    }

    private static double[,] Identity()
    {
        var identity = new double[Dimension, Dimension];
        for (var i = 0; i < Dimension; i++) identity[i, i] = 1.0;
        return identity;
    }
}
