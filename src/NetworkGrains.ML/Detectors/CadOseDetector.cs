namespace NetworkGrains.ML.Detectors;

/// <summary>
/// Contextual Anomaly Detector, Open Source Edition (Mikhail Smirnov, NAB's contextOSE), reproduced from NAB's
/// nab/detectors/context_ose (cad_ose.py, context_operator.py) with the parameters NAB runs it with: the value's bin
/// among 2^3 equal bins of the file's range is three sensor facts; contexts pair the previous step's facts (sensors and
/// the ids of the most active contexts, as neuron facts) with the sensor facts now; the score is half of how few
/// selected contexts came true plus how many new ones this step made, silenced for a rest period (probation / 5 rows)
/// after a score of 0.75. NAB's published results come from this code run by 64-bit CPython 2.7, whose tuple hash
/// and dict order decide ties and ids: both are reproduced (<see cref="Py27Hash"/>, <see cref="Py27IntDict"/>).
/// </summary>
/// <remarks>
/// Faithful to NAB, the bins come from the whole file's minimum and maximum (<see cref="Begin"/>), which a streaming
/// device does not know: a streaming variant would fix the range from the first rows or the metric's known bounds
/// (0-100 for a percentage), and would have to bin values outside it (the original would make extra facts of their
/// longer binary form); here they are refused (<see cref="ISeriesRangeDetector"/>).
/// </remarks>
public sealed class CadOseDetector : ISeriesRangeDetector
{
    public const string Name = "cadose";
    public const string Description = "NAB's contextOSE (CAD OSE), reproduced exactly; needs the file's range, as NAB gives it";

    private const double BaseThreshold = 0.75;
    private const int MaxActiveNeurons = 15;
    private const int MaxLeftSemiContextLength = 7;
    private const int NormValueBits = 3;
    private const double MaxBin = (1 << NormValueBits) - 1;
    private const long NeuronFact = 1L << 31;

    private readonly CadContextMemory _memory = new(MaxLeftSemiContextLength);
    private double _min;
    private double _max;
    private double _step;
    private int _restPeriod = -1;
    private CadFacts? _leftFacts;
    private long _steps;
    private long _lastHigh; // the original's score history starts with a 1.0

    public CadContextMemory Memory => _memory;

    public void Begin(double min, double max, int rows)
    {
        var range = max - min;
        (_min, _max, _step) = (min, max, (range == 0 ? MaxBin : range) / MaxBin);
        _restPeriod = (int)(NabProbation.Rows(rows) / 5.0);
    }

    public double Score(DateTime timestamp, double value)
    {
        if (_restPeriod < 0) throw new InvalidOperationException($"{Name} needs the series' range: call Begin first");
        if (!(value >= _min && value <= _max)) return 0;

        var (selectedActive, added) = Step(SensorFacts((value - _min) / _step));
        var current = (1.0 - selectedActive + added) / 2.0;

        _steps++;
        var rested = _restPeriod > 0 && _lastHigh < _steps - _restPeriod;
        if (current >= BaseThreshold) _lastHigh = _steps;
        return rested ? current : 0.0;
    }

    private static long[] SensorFacts(double bin)
    {
        var value = (int)bin;
        var facts = new long[NormValueBits];
        for (var bit = 0; bit < NormValueBits; bit++) facts[bit] = bit * 2 + ((value >> bit) & 1);
        return facts;
    }

    /// <summary>One step of the original's detector: (share of selected contexts that came true, share of candidate contexts that were new).</summary>
    private (double SelectedActive, double Added) Step(long[] sensorFacts)
    {
        var sensors = new CadFacts(sensorFacts);
        var newZeroLevel = _leftFacts is not null && _memory.AddZeroLevel(_leftFacts, sensors);
        var (active, selected, candidates) = _memory.CrossRight(sensorFacts, newZeroLevel);
        var unique = candidates.Select(c => (c.Left.Hash, c.Right.Hash)).ToHashSet();
        if (_leftFacts is not null) unique.Add((_leftFacts.Hash, sensors.Hash));

        active.Sort((a, b) => a.Activations != b.Activations ? a.Activations.CompareTo(b.Activations)
            : a.LeftHash != b.LeftHash ? a.LeftHash.CompareTo(b.LeftHash) : a.RightHash.CompareTo(b.RightHash));
        _leftFacts = new CadFacts([.. sensorFacts.Concat(active.TakeLast(MaxActiveNeurons).Select(a => NeuronFact + a.Id)).Order()]);

        var added = _memory.Add(candidates) + (newZeroLevel ? 1 : 0);
        _memory.CrossLeft(_leftFacts.Items);
        return (selected > 0 ? active.Count / (double)selected : 0.0,
                newZeroLevel && unique.Count > 0 ? added / (double)unique.Count : 0.0);
    }
}
