namespace NetworkGrains.Grains.Devices.Windows;

/// <summary>Sees every point a device's windows store, in order per series (the detectors).</summary>
public interface ISeriesObserver
{
    void Accepted(SeriesKey key, long unixSecond, double value);
}
