namespace NetworkGrains.ML.Detectors;

/// <summary>
/// NAB's numenta detector's spatial anomaly: a value more than 5% of the range seen so far beyond that range (labellers
/// mark new extremes whatever a model predicts); the range then takes the value in.
/// </summary>
public struct SpatialAnomaly
{
    private const double Tolerance = 0.05;

    private bool _seen;
    private double _min;
    private double _max;

    public bool Next(double value)
    {
        var outside = false;
        if (_seen && _min != _max)
        {
            var tolerance = (_max - _min) * Tolerance;
            outside = value > _max + tolerance || value < _min - tolerance;
        }
        (_min, _max) = _seen ? (Math.Min(_min, value), Math.Max(_max, value)) : (value, value);
        _seen = true;
        return outside;
    }
}
